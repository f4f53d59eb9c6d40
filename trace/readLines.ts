import { createReadStream } from 'node:fs';

/** Called for each line; `terminated` is false only for a last line with no newline after it. */
export type LineHandler = (text: string, line: number, terminated: boolean) => void;

/** Called after the lines of each chunk: a promise to wait for before reading on (back pressure), or undefined. */
export type ChunkHandler = () => Promise<void> | undefined;

/** Whether a line is blank: JSON's own white space only (a byte order mark is not, but at the start of the file). */
export function isBlankLine(text: string): boolean {
  return BLANK.test(text);
}
const BLANK = /^[ \t\r]*$/;

/**
 * Streams a file line by line with 1-based line numbers, holding one chunk at a time.
 * Invariant: every byte is handed out once; a line split across chunks arrives whole.
 */
export async function readLines(path: string, onLine: LineHandler, afterChunk?: ChunkHandler): Promise<number> {
  const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 16 });
  let rest = '';
  let line = 0;
  for await (const chunk of stream as AsyncIterable<string>) {
    const text = rest === '' ? chunk : rest + chunk;
    let start = 0;
    let nl = text.indexOf('\n', start);
    while (nl !== -1) {
      const end = nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      onLine(text.slice(start, end), ++line, true);
      start = nl + 1;
      nl = text.indexOf('\n', start);
    }
    rest = text.slice(start);
    const wait = afterChunk?.();
    if (wait !== undefined) await wait;
  }
  if (rest !== '') onLine(rest, ++line, false);
  return line;
}

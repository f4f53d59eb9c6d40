import { isUtf8 } from 'node:buffer';
import { closeSync, createReadStream, openSync, readSync } from 'node:fs';
import { TraceError } from './TraceError.js';
import { isUtf16Bom, UTF16_HINT } from './utf16.js';

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
 * The longest line read, in bytes before its `\n` (a CR before it counted). No line of a trace
 * comes near it: an event takes a few hundred bytes, and the header, the one line that grows, about
 * 250 a user with every field of SPEC section 6, so 4 MiB hold over 16,000 users (a live tenant has
 * a few test users, the bench 100). A longer line is no trace's (a binary file, a file with no line
 * ends, /dev/zero), and reading it whole would take memory without bound.
 */
export const MAX_LINE_BYTES = 4 * 2 ** 20;

/** How much is read at a time; less than MAX_LINE_BYTES, so that a line within one chunk is never too long. */
const CHUNK_BYTES = 1 << 16;

/**
 * Streams a file line by line with 1-based line numbers, holding one chunk at a time, and the
 * bytes of a line begun in earlier chunks (at most MAX_LINE_BYTES).
 * Invariants: every byte is handed out once; a line split across chunks arrives whole; the bytes
 * held are not scanned again as more come (a long line takes time in proportion to its length).
 * Rejects with a TraceError naming the file and line at a line longer than MAX_LINE_BYTES (read no
 * further than that), at a UTF-16 byte order mark at the start (which UTF-8 reads as two
 * U+FFFD, as it does any two bytes that are not UTF-8), and at a whole line that is not UTF-8 (a
 * file saved in another encoding, whose bytes would otherwise all read as U+FFFD, so that `müller`
 * and `möller` were one user); a torn last line may end in part of a character, and is handed out.
 */
export async function readLines(path: string, onLine: LineHandler, afterChunk?: ChunkHandler): Promise<number> {
  const stream = createReadStream(path, { highWaterMark: CHUNK_BYTES });
  const lines = new LineSplitter(path, onLine);
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    lines.push(chunk);
    const wait = afterChunk?.();
    if (wait !== undefined) await wait;
  }
  return lines.end();
}

/**
 * readLines for a small file read at once (a campaign's logs, read before each step): the same
 * lines, and the same refusals, thrown.
 */
export function readLinesSync(path: string, onLine: LineHandler, tooLong?: TooLong): number {
  const fd = openSync(path, 'r');
  try {
    const lines = new LineSplitter(path, onLine, tooLong);
    for (;;) {
      // a chunk of its own each time: the splitter may hold on to its end
      const chunk = Buffer.allocUnsafe(CHUNK_BYTES);
      const n = readSync(fd, chunk, 0, CHUNK_BYTES, null);
      if (n === 0) break;
      lines.push(chunk.subarray(0, n));
    }
    return lines.end();
  } finally {
    closeSync(fd);
  }
}

/** The error for a line longer than MAX_LINE_BYTES: a trace's by default, its reader's own where the file is no trace. */
export type TooLong = (path: string, line: number) => Error;

/** Bytes to lines, fed a chunk at a time, for readLines and readLinesSync alike (see readLines for its invariants). */
class LineSplitter {
  // the bytes after the last line end so far, in the chunks that hold them
  private held: Buffer[] = [];
  private heldBytes = 0;
  private head: Buffer | undefined;
  private line = 0;

  constructor(
    private readonly path: string,
    private readonly onLine: LineHandler,
    private readonly tooLong: TooLong = traceLineTooLong,
  ) {}

  push(chunk: Buffer): void {
    const { path, onLine } = this;
    let { head, line } = this;
    if (head === undefined || head.length < 2) {
      head = head === undefined ? chunk.subarray(0, 2) : Buffer.concat([head, chunk.subarray(0, 2 - head.length)]);
      this.head = head;
      if (head.length === 2 && isUtf16Bom(head[0], head[1])) {
        throw new TraceError('PHOTOSYNC_BAD_TRACE', path, 1, '', `not valid JSON (it starts with a UTF-16 byte order mark): ${UTF16_HINT}`);
      }
    }
    const last = chunk.lastIndexOf(10 /* \n */);
    if (last === -1) {
      this.heldBytes += chunk.length;
      if (this.heldBytes > MAX_LINE_BYTES) throw this.tooLong(path, line + 1);
      this.held.push(chunk);
      return;
    }
    const { held, heldBytes } = this;
    if (heldBytes > 0 && heldBytes + chunk.indexOf(10) > MAX_LINE_BYTES) throw this.tooLong(path, line + 1);
    const whole = chunk.subarray(0, last + 1);
    const bytes = heldBytes === 0 ? whole : Buffer.concat([...held, whole]);
    const text = bytes.toString('utf8');
    // a U+FFFD is looked for at once (rare in a trace); the bytes only where one is there. The
    // lines before the one that is not UTF-8 are handed out, as before any other bad line
    const bad = text.includes('\uFFFD') && !isUtf8(bytes) ? notUtf8(path, bytes, line) : undefined;
    let start = 0;
    let nl = text.indexOf('\n');
    while (nl !== -1) {
      if (bad !== undefined && line + 1 === bad.line) throw bad;
      const end = nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      onLine(text.slice(start, end), ++line, true);
      start = nl + 1;
      nl = text.indexOf('\n', start);
    }
    this.line = line;
    this.held = last + 1 < chunk.length ? [chunk.subarray(last + 1)] : [];
    this.heldBytes = chunk.length - (last + 1);
  }

  /** Hands out the last line if it has no newline after it; the number of lines. */
  end(): number {
    if (this.heldBytes > 0) this.onLine(Buffer.concat(this.held).toString('utf8'), ++this.line, false);
    return this.line;
  }
}

/** The error for the first line of `bytes` (lines after `before`, each ended) that is not UTF-8: its line, the column and the byte. */
function notUtf8(path: string, bytes: Buffer, before: number): TraceError {
  let start = 0;
  let line = before;
  for (let nl = bytes.indexOf(10); nl !== -1; nl = bytes.indexOf(10, start)) {
    line++;
    const one = bytes.subarray(start, nl);
    const valid = firstBadByte(one);
    if (valid !== -1) {
      const column = one.subarray(0, valid).toString('utf8').length + 1;
      const byte = one[valid]!.toString(16).toUpperCase().padStart(2, '0');
      return new TraceError(
        'PHOTOSYNC_BAD_TRACE',
        path,
        line,
        '',
        `not UTF-8 text: byte 0x${byte} at column ${column} is no UTF-8 character; save the file as UTF-8 (in Windows PowerShell 5, Set-Content -Encoding UTF8)`,
      );
    }
    start = nl + 1;
  }
  return new TraceError('PHOTOSYNC_BAD_TRACE', path, before + 1, '', 'not UTF-8 text; save the file as UTF-8');
}

/** Where the first byte of `b` that starts no UTF-8 character, or starts a broken one, is; -1 where every byte is text. */
function firstBadByte(b: Uint8Array): number {
  for (let i = 0; i < b.length;) {
    const c = b[i]!;
    const n = c < 0x80 ? 1 : c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
    // isUtf8 on the one character refuses the overlong forms and the surrogates too
    if (n === 0 || (n > 1 && !isUtf8(b.subarray(i, i + n)))) return i;
    i += n;
  }
  return -1;
}

function traceLineTooLong(path: string, line: number): TraceError {
  return new TraceError(
    'PHOTOSYNC_BAD_TRACE',
    path,
    line,
    '',
    `a line longer than ${MAX_LINE_BYTES / 2 ** 20} MiB: no line of a trace comes near that (is the file a trace?); the rest of it was not read`,
  );
}

import { parseJsonLine } from './parseTraceLine.js';
import { readLines } from './readLines.js';
import { TraceError } from './TraceError.js';

const STOP = Symbol('stop');

/**
 * The lines `wanted` of a trace as JSON objects, read again up to the last of them: the `event`
 * of a divergence found where the parsed line was not at hand.
 * Invariant: rejects when a line wanted is no longer there (the file changed since it was read).
 */
export async function readRawLines(path: string, wanted: readonly number[]): Promise<Map<number, Record<string, unknown>>> {
  const got = new Map<number, Record<string, unknown>>();
  if (wanted.length === 0) return got;
  const want = new Set(wanted);
  const last = Math.max(...wanted);
  try {
    await readLines(path, (text, n) => {
      if (want.has(n)) got.set(n, parseJsonLine(n === 1 && text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, path, n));
      if (n >= last) throw STOP;
    });
  } catch (e) {
    if (e !== STOP) throw e;
  }
  for (const n of want)
    if (!got.has(n))
      throw new TraceError('PHOTOSYNC_TRACE_UNREADABLE', path, n, '', 'the line is gone: the trace changed while it was checked');
  return got;
}

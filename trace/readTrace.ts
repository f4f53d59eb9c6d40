import type { TraceEvent } from '../model/vocabulary.js';
import { parseEvent, parseHeader, parseJsonLine } from './parseTraceLine.js';
import { readLines, type LineHandler } from './readLines.js';
import { TraceError } from './TraceError.js';
import type { TraceHeader } from './TraceHeader.js';

/** What a reader hands on, in file order. */
export type TraceVisitor = {
  header(header: TraceHeader): void;
  event(event: TraceEvent, line: number, raw: Record<string, unknown>): void;
  /** between chunks of the file: a promise to wait for before reading on (back pressure), or undefined */
  pause?(): Promise<void> | undefined;
};

/**
 * Streams a trace file (SPEC section 2) to `visitor`, validating every line. A byte order mark and
 * lines holding only whitespace are skipped; line numbers count every line of the file, and the
 * header is the first line that is not blank.
 * Invariant: it rejects with a TraceError naming file, line and field at the first bad line; for a
 * torn last line (a writer stopped mid-line) every line before it has been visited first.
 */
export async function readTrace(path: string, visitor: TraceVisitor): Promise<{ events: number }> {
  let last = -Infinity;
  let events = 0;
  let header = false;
  try {
    const onLine: LineHandler = (line, n, terminated) => {
      const text = n === 1 && line.charCodeAt(0) === BOM ? line.slice(1) : line;
      // a line of an event starts with `{`; anything else may be blank
      if (text.charCodeAt(0) !== 123 /* { */ && text.trim() === '') return;
      let raw: Record<string, unknown>;
      try {
        raw = parseJsonLine(text, path, n);
      } catch (e) {
        if (!terminated && e instanceof TraceError) {
          throw new TraceError(
            'PHOTOSYNC_TORN_TRACE',
            path,
            n,
            '',
            'torn last line: the file ends mid-line (was its writer stopped?); the lines before it were checked',
          );
        }
        throw e;
      }
      if (!header) {
        const h = parseHeader(raw, path, n);
        header = true;
        last = h.start;
        visitor.header(h);
        return;
      }
      const event = parseEvent(raw, path, n);
      if (event.at < last) {
        throw new TraceError(
          'PHOTOSYNC_BAD_TRACE',
          path,
          n,
          'at',
          `time goes backwards: ${new Date(event.at).toISOString()} is before ${new Date(last).toISOString()}`,
        );
      }
      last = event.at;
      events++;
      visitor.event(event, n, raw);
    };
    await readLines(path, onLine, visitor.pause === undefined ? undefined : () => visitor.pause!());
  } catch (e) {
    if (e instanceof TraceError) throw e;
    const err = e as NodeJS.ErrnoException;
    throw new TraceError('PHOTOSYNC_TRACE_UNREADABLE', path, 0, '', `cannot read the trace: ${err.code ?? err.message}`);
  }
  if (!header) throw new TraceError('PHOTOSYNC_BAD_TRACE', path, 1, 'format', 'empty file: line 1 must be the trace header');
  return { events };
}

const BOM = 0xfeff;

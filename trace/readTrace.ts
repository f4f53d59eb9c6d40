import type { TraceEvent } from '../model/vocabulary.js';
import { parseEvent, parseHeader, parseJsonLine } from './parseTraceLine.js';
import { readLines } from './readLines.js';
import { TraceError } from './TraceError.js';
import type { TraceHeader } from './TraceHeader.js';

/** What a reader hands on, in file order. */
export type TraceVisitor = {
  header(header: TraceHeader): void;
  event(event: TraceEvent, line: number, raw: Record<string, unknown>): void;
};

/**
 * Streams a trace file (SPEC section 2) to `visitor`, validating every line.
 * Invariant: it rejects with a TraceError naming file, line and field at the first bad line; for a
 * torn last line (a writer stopped mid-line) every line before it has been visited first.
 */
export async function readTrace(path: string, visitor: TraceVisitor): Promise<{ events: number }> {
  let last = -Infinity;
  let events = 0;
  let lines: number;
  try {
    lines = await readLines(path, (text, line, terminated) => {
      let raw: Record<string, unknown>;
      try {
        raw = parseJsonLine(text, path, line);
      } catch (e) {
        if (!terminated && e instanceof TraceError) {
          throw new TraceError(
            'PHOTOSYNC_TORN_TRACE',
            path,
            line,
            '',
            'torn last line: the file ends mid-line (was its writer stopped?); the lines before it were checked',
          );
        }
        throw e;
      }
      if (line === 1) {
        const header = parseHeader(raw, path);
        last = header.start;
        visitor.header(header);
        return;
      }
      const event = parseEvent(raw, path, line);
      if (event.at < last) {
        throw new TraceError(
          'PHOTOSYNC_BAD_TRACE',
          path,
          line,
          'at',
          `time goes backwards: ${new Date(event.at).toISOString()} is before ${new Date(last).toISOString()}`,
        );
      }
      last = event.at;
      events++;
      visitor.event(event, line, raw);
    });
  } catch (e) {
    if (e instanceof TraceError) throw e;
    const err = e as NodeJS.ErrnoException;
    throw new TraceError('PHOTOSYNC_TRACE_UNREADABLE', path, 0, '', `cannot read the trace: ${err.code ?? err.message}`);
  }
  if (lines === 0) throw new TraceError('PHOTOSYNC_BAD_TRACE', path, 1, 'format', 'empty file: line 1 must be the trace header');
  return { events };
}

import type { TraceStart } from '../model/ProfileChecker.js';
import type { TraceEvent } from '../model/vocabulary.js';
import { parseEvent, parseHeader } from '../trace/parseTraceLine.js';
import { TraceError } from '../trace/TraceError.js';
import { traceStart } from '../trace/traceStart.js';
import { damagedLine, JsonLog, unreadable, type LogCut, type LogScan } from './JsonLog.js';

/** A campaign's journal as read back: its header, its events with their lines and steps, and a bad last line cut off. */
export type Journal = {
  readonly start: TraceStart | undefined;
  readonly events: readonly { readonly line: number; readonly step: string; readonly event: TraceEvent }[];
  readonly cut?: LogCut;
};

/**
 * Reads a journal (a trace, contract section 2, each event with its `step`), validating every line
 * as `check` does (a bad line names the file, line and field), a byte order mark and blank lines
 * passed over as `check` passes them. A torn last line is cut off and named: the campaign goes on
 * from the last good line. `cut: false` reads without changing the file. Invariant: a refusal
 * changes nothing; what no repair applies to (see scanJournal) is refused before a damaged line is.
 */
export function readJournal(path: string, options: { cut?: boolean } = {}): Journal {
  const { scan, start, events } = scanJournal(path);
  const damaged = scan.damaged[0];
  if (damaged !== undefined) throw damagedLine(path, damaged.line);
  if (scan.cut !== undefined && options.cut !== false) JsonLog.cutOff(path, scan.cut);
  return { start, events, ...(scan.cut === undefined ? {} : { cut: scan.cut }) };
}

/**
 * A journal scanned (JsonLog.scan), nothing changed, its lines that are JSON objects validated: the
 * header is the first line that is not blank, every other line an event. Throws a CampaignError
 * `UNREADABLE`, naming the file, line and field, at an event where the header should be, a second
 * header, or a line that is JSON and no event: none of them is what a crash leaves (a crash tears
 * a line, it does not write a whole other one), so none is "a damaged line" that `resume` may put
 * right as a step with nothing known of it. A second header is refused outright, not repaired nor
 * cut: the lines after it are another campaign's (another survey, step ids that may be this one's
 * too), so an administrator who joined two journals expects them told apart, not one merged into
 * the other; kept as they are, the two can still be split by hand.
 */
export function scanJournal(path: string): {
  readonly scan: LogScan;
  readonly start: TraceStart | undefined;
  readonly events: { line: number; step: string; event: TraceEvent }[];
} {
  const scan = JsonLog.scan(path);
  // the first line that is not blank, whether it reads or is damaged
  const first = Math.min(scan.lines[0]?.line ?? Infinity, scan.damaged[0]?.line ?? Infinity, scan.cut?.line ?? Infinity);
  let start: TraceStart | undefined;
  let headerLine = first;
  const events: { line: number; step: string; event: TraceEvent }[] = [];
  try {
    for (const { line, value } of scan.lines) {
      if (line === first) {
        if (isEvent(value)) {
          throw new TraceError(
            'PHOTOSYNC_BAD_TRACE',
            path,
            line,
            'format',
            `an event, but line ${line} must be the journal's header (was the header taken out, or another file put before it?)`,
          );
        }
        start = traceStart(parseHeader(value, path, line));
        headerLine = line;
      } else if (!isEvent(value) && 'format' in value) {
        throw new TraceError(
          'PHOTOSYNC_BAD_TRACE',
          path,
          line,
          'format',
          `a journal's header, but only line ${headerLine} may be one (were two campaigns' journals joined?): keep each campaign's journal in its own folder`,
        );
      } else events.push({ line, step: String(value.step ?? ''), event: parseEvent(value, path, line) });
    }
  } catch (e) {
    throw e instanceof TraceError ? unreadable(e) : e;
  }
  return { scan, start, events };
}

const isEvent = (value: Record<string, unknown>) => 'do' in value || 'see' in value;

import type { TraceStart } from '../model/ProfileChecker.js';
import type { TraceEvent } from '../model/vocabulary.js';
import { parseEvent, parseHeader } from '../trace/parseTraceLine.js';
import { traceStart } from '../trace/traceStart.js';
import { JsonLog } from './JsonLog.js';

/** A campaign's journal as read back: its header, its events with their lines and steps, and a bad last line cut off. */
export type Journal = {
  readonly start: TraceStart | undefined;
  readonly events: readonly { readonly line: number; readonly step: string; readonly event: TraceEvent }[];
  readonly cut?: { readonly line: number; readonly savedTo: string };
};

/**
 * Reads a journal (a trace, contract section 2, each event with its `step`), validating every line
 * as `check` does (a bad line names the file, line and field). A torn last line is cut off and
 * named: the campaign goes on from the last good line. `cut: false` reads without changing the file.
 */
export function readJournal(path: string, options: { cut?: boolean } = {}): Journal {
  const log = JsonLog.read(path, options);
  let start: TraceStart | undefined;
  const events: { line: number; step: string; event: TraceEvent }[] = [];
  for (const { line, value } of log.lines) {
    if (line === 1) start = traceStart(parseHeader(value, path, line));
    else events.push({ line, step: String(value.step ?? ''), event: parseEvent(value, path, line) });
  }
  return { start, events, ...(log.cut === undefined ? {} : { cut: log.cut }) };
}

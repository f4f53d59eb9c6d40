import { parseJsonLine } from './parseTraceLine.js';
import { isBlankLine, readLines } from './readLines.js';

const STOP = Symbol('stop');

/** A subject's part of a trace up to a line: the header, and the events about the subject (and its viewer's caches), each with its line. */
export type SubjectLines = {
  readonly header: Record<string, unknown>;
  readonly events: readonly { readonly line: number; readonly event: Record<string, unknown> }[];
  /** events about the subject before the first one kept, left out to keep the excerpt short */
  readonly omitted: number;
};

/** Whose part of the trace is wanted, and up to which line (a divergence's). */
export type SubjectWanted = { readonly user: string; readonly viewer: string | undefined; readonly upTo: number };

/**
 * For each part wanted, the header and the last `keep` events of its `user` up to its line, with
 * the cache resets of its `viewer` among them: what a timeline of a divergence shows. Reads the
 * trace once, up to the last line wanted; `check` has already validated it up to there.
 */
export async function readSubjectLines(path: string, wanted: readonly SubjectWanted[], keep = 200): Promise<SubjectLines[]> {
  let header: Record<string, unknown> = {};
  const parts = wanted.map((w) => ({ ...w, events: [] as { line: number; event: Record<string, unknown> }[], omitted: 0 }));
  const last = Math.max(1, ...wanted.map((w) => w.upTo));
  try {
    await readLines(path, (line, n) => {
      const text = n === 1 && line.charCodeAt(0) === 0xfeff ? line.slice(1) : line;
      if (isBlankLine(text)) return;
      if (n === 1) header = parseJsonLine(text, path, n);
      else {
        const event = parseJsonLine(text, path, n);
        for (const p of parts) {
          if (n > p.upTo) continue;
          const concerns =
            event.user === p.user ||
            (p.viewer !== undefined && event.viewer === p.viewer && (event.do === 'restartClient' || event.do === 'clearBrowserCache'));
          if (!concerns) continue;
          p.events.push({ line: n, event });
          if (p.events.length > keep) {
            p.events.shift();
            p.omitted++;
          }
        }
      }
      if (n >= last) throw STOP;
    });
  } catch (e) {
    if (e !== STOP) throw e;
  }
  return parts.map((p) => ({ header, events: p.events, omitted: p.omitted }));
}

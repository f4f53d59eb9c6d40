import { parseJsonLine } from './parseTraceLine.js';
import { readLines } from './readLines.js';

const STOP = Symbol('stop');

/** A subject's part of a trace up to a line: the header, and the events about the subject (and its viewer's caches), each with its line. */
export type SubjectLines = {
  readonly header: Record<string, unknown>;
  readonly events: readonly { readonly line: number; readonly event: Record<string, unknown> }[];
  /** events about the subject before the first one kept, left out to keep the excerpt short */
  readonly omitted: number;
};

/**
 * The header and the last `keep` events of `user` up to line `upTo` (a divergence's line), with
 * the cache resets of `viewer` among them: what a timeline of the divergence shows. Reads the
 * trace again, which `check` has already validated up to there.
 */
export async function readSubjectLines(
  path: string,
  user: string,
  viewer: string | undefined,
  upTo: number,
  keep = 200,
): Promise<SubjectLines> {
  let header: Record<string, unknown> = {};
  const events: { line: number; event: Record<string, unknown> }[] = [];
  let omitted = 0;
  const concerns = (e: Record<string, unknown>) =>
    e.user === user || (viewer !== undefined && e.viewer === viewer && (e.do === 'restartClient' || e.do === 'clearBrowserCache'));
  try {
    await readLines(path, (text, n) => {
      if (text.trim() === '') return;
      if (n === 1) header = parseJsonLine(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, path, n);
      else {
        const event = parseJsonLine(text, path, n);
        if (concerns(event)) {
          events.push({ line: n, event });
          if (events.length > keep) {
            events.shift();
            omitted++;
          }
        }
      }
      if (n >= upTo) throw STOP;
    });
  } catch (e) {
    if (e !== STOP) throw e;
  }
  return { header, events, omitted };
}

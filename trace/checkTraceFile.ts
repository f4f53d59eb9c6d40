import { ProfileChecker } from '../model/ProfileChecker.js';
import type { Profile } from '../model/Profile.js';
import type { Verdict } from '../model/Verdict.js';
import { ChunkedFeed } from './ChunkedFeed.js';
import { readTrace } from './readTrace.js';
import { TraceError } from './TraceError.js';
import { traceStart } from './traceStart.js';

/** The verdicts of one trace, and the torn last line they stopped short of, if any. */
export type CheckOutcome = { trace: string; results: Verdict[]; torn?: TraceError };

/**
 * Checks a trace file against profiles in one streaming pass, the checkers fed a chunk of events at
 * a time (ChunkedFeed).
 * Invariant: rejects with TraceError on bad input, except a torn last line, which is returned
 * beside the verdicts of the lines before it; once `signal` is aborted, rejects with its reason.
 */
export async function checkTraceFile(
  path: string,
  profiles: readonly Profile[],
  options: { signal?: AbortSignal } = {},
): Promise<CheckOutcome> {
  const { signal } = options;
  let checkers: ProfileChecker[] = [];
  let feed = new ChunkedFeed([]);
  let torn: TraceError | undefined;
  let header = false;
  try {
    await readTrace(path, {
      header(h) {
        const start = traceStart(h);
        checkers = profiles.map((p) => new ProfileChecker(p, start));
        feed = new ChunkedFeed(checkers, { keepRaw: true });
        header = true;
      },
      event(e, line, raw) {
        feed.add(e, line, raw);
      },
      pause: signal === undefined ? undefined : () => (signal.aborted ? Promise.reject(signal.reason as Error) : undefined),
    });
  } catch (e) {
    if (signal?.aborted) throw signal.reason;
    // a torn header leaves nothing to check
    if (!(e instanceof TraceError && e.code === 'PHOTOSYNC_TORN_TRACE' && header)) throw e;
    torn = e;
  }
  feed.flush();
  const results = checkers.map((c) => c.finish());
  return torn === undefined ? { trace: path, results } : { trace: path, results, torn };
}

import { ProfileChecker } from '../model/ProfileChecker.js';
import type { Profile } from '../model/Profile.js';
import type { Verdict } from '../model/Verdict.js';
import { readTrace } from './readTrace.js';
import { TraceError } from './TraceError.js';

/** The verdicts of one trace, and the torn last line they stopped short of, if any. */
export type CheckOutcome = { trace: string; results: Verdict[]; torn?: TraceError };

/**
 * Checks a trace file against profiles in one streaming pass.
 * Invariant: rejects with TraceError on bad input, except a torn last line, which is returned
 * beside the verdicts of the lines before it.
 */
export async function checkTraceFile(path: string, profiles: readonly Profile[]): Promise<CheckOutcome> {
  let checkers: ProfileChecker[] = [];
  let open: ProfileChecker[] = [];
  let torn: TraceError | undefined;
  try {
    await readTrace(path, {
      header(h) {
        checkers = profiles.map((p) => new ProfileChecker(p, { start: h.start, users: h.users }));
        open = [...checkers];
      },
      event(e, line, raw) {
        let decided = false;
        for (const c of open) if (c.feed(e, line, raw) !== undefined) decided = true;
        if (decided) open = open.filter((c) => c.verdict === undefined);
      },
    });
  } catch (e) {
    if (!(e instanceof TraceError && e.code === 'PHOTOSYNC_TORN_TRACE' && e.line > 1)) throw e;
    torn = e;
  }
  const results = checkers.map((c) => c.finish());
  return torn === undefined ? { trace: path, results } : { trace: path, results, torn };
}

import { ProfileChecker, type TraceStart } from './ProfileChecker.js';
import type { Profile } from './Profile.js';
import type { Verdict } from './Verdict.js';
import type { TraceEvent } from './vocabulary.js';

/** Checks events held in memory against one profile; events are numbered from line 2, as in a trace file. */
export function checkEvents(profile: Profile, start: TraceStart, events: Iterable<TraceEvent>): Verdict {
  const checker = new ProfileChecker(profile, start);
  let line = 1;
  for (const e of events) if (checker.feed(e, ++line) !== undefined) break;
  return checker.finish();
}

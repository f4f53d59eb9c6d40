import { findProfile, PROFILES } from '../model/profiles.js';
import { ProfileChecker } from '../model/ProfileChecker.js';
import { loadTrace } from './benchTrace.js';

/**
 * The model alone: `node dist/bench/modelRun.js FILE [EVENTS] [PROFILE,...]` reads a trace into
 * memory as the other benches do (`loadTrace`), then checks its first EVENTS events (default: all)
 * against each profile (default: all) in this thread, one after the other. Prints `{"ms":{PROFILE:T},"verdicts":{PROFILE:V}}`.
 * Under `valgrind --tool=callgrind` (with `node --single-threaded`) it counts the instructions of
 * a change to the model, which the wall time of a shared machine cannot tell apart from its noise;
 * run it with PROFILE `none` to count the reading alone and subtract it.
 */
const [file, eventsArg, profilesArg] = process.argv.slice(2);
if (file === undefined) throw new Error('usage: modelRun FILE [EVENTS] [PROFILE,...]');
const ids = profilesArg?.split(',') ?? PROFILES.map((p) => p.id);
const { start, events: all, lines } = await loadTrace(file);
const events = eventsArg === undefined ? all : all.slice(0, Number(eventsArg));
const ms: Record<string, number> = {};
const verdicts: Record<string, string> = {};
for (const id of ids) {
  const profile = findProfile(id);
  if (profile === undefined) continue;
  const checker = new ProfileChecker(profile, start);
  const began = performance.now();
  for (let i = 0; i < events.length && checker.feed(events[i]!, lines[i]!) === undefined; i++);
  ms[id] = Math.round(performance.now() - began);
  verdicts[id] = checker.finish().verdict;
}
process.stdout.write(`${JSON.stringify({ events: events.length, ms, verdicts })}\n`);

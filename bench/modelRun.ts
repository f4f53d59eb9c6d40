import { findProfile, PROFILES } from '../model/profiles.js';
import { ProfileChecker } from '../model/ProfileChecker.js';
import type { TraceEvent, TraceStart } from '../model/vocabulary.js';
import { readTrace } from '../trace/readTrace.js';
import { traceStart } from '../trace/traceStart.js';

/**
 * The model alone: `node dist/bench/modelRun.js FILE [EVENTS] [PROFILE,...]` reads the first EVENTS
 * events of a trace (default: all) into memory, then checks them against each profile (default:
 * all) in this thread, one after the other. Prints `{"ms":{PROFILE:T},"verdicts":{PROFILE:V}}`.
 * Under `valgrind --tool=callgrind` (with `node --single-threaded`) it counts the instructions of
 * a change to the model, which the wall time of a shared machine cannot tell apart from its noise;
 * run it with PROFILE `none` to count the reading alone and subtract it.
 */
const [file, eventsArg, profilesArg] = process.argv.slice(2);
if (file === undefined) throw new Error('usage: modelRun FILE [EVENTS] [PROFILE,...]');
const limit = eventsArg === undefined ? Infinity : Number(eventsArg);
const ids = profilesArg?.split(',') ?? PROFILES.map((p) => p.id);
const events: TraceEvent[] = [];
const lines: number[] = [];
let start: TraceStart | undefined;
await readTrace(file, {
  header(h) {
    start = traceStart(h);
  },
  event(e, line) {
    if (events.length >= limit) return;
    events.push(e);
    lines.push(line);
  },
});
const ms: Record<string, number> = {};
const verdicts: Record<string, string> = {};
for (const id of ids) {
  const profile = findProfile(id);
  if (profile === undefined) continue;
  const checker = new ProfileChecker(profile, start!);
  const began = performance.now();
  for (let i = 0; i < events.length && checker.feed(events[i]!, lines[i]!) === undefined; i++);
  ms[id] = Math.round(performance.now() - began);
  verdicts[id] = checker.finish().verdict;
}
process.stdout.write(`${JSON.stringify({ events: events.length, ms, verdicts })}\n`);

import { findProfile, PROFILES } from '../model/profiles.js';
import { ProfileChecker } from '../model/ProfileChecker.js';
import { UNKNOWN, type TraceEvent } from '../model/vocabulary.js';
import { loadTrace } from './benchTrace.js';

/**
 * What each kind of event costs the model: `node dist/bench/eventCost.js FILE [EVENTS] [PROFILE,...]`
 * checks the first EVENTS events of a trace (default: all) against each profile (default: all) in
 * this thread, as `modelRun` does, timing every `feed`, and prints for each profile its kinds of
 * event by the time they took: count, microseconds per event, share of the profile's time. A kind is
 * an observation's surface (`see?` when its photo is `unknown`) or an action with its `via`. Timing
 * each call adds about 0.1 µs to every event, so compare the kinds with one another, not with
 * `modelRun`'s totals.
 */
const [file, eventsArg, profilesArg] = process.argv.slice(2);
if (file === undefined) throw new Error('usage: eventCost FILE [EVENTS] [PROFILE,...]');
const ids = profilesArg?.split(',') ?? PROFILES.map((p) => p.id);
const { start, events: all, lines } = await loadTrace(file);
const events = eventsArg === undefined ? all : all.slice(0, Number(eventsArg));
const kinds = events.map(kindOf);
const out: Record<string, { ms: number; kinds: { kind: string; count: number; us: number; share: number }[] }> = {};
for (const id of ids) {
  const profile = findProfile(id);
  if (profile === undefined) throw new Error(`no profile ${id}`);
  const checker = new ProfileChecker(profile, start);
  const ms = new Map<string, number>();
  const count = new Map<string, number>();
  let total = 0;
  for (let i = 0; i < events.length; i++) {
    const began = performance.now();
    const verdict = checker.feed(events[i]!, lines[i]!);
    const took = performance.now() - began;
    ms.set(kinds[i]!, (ms.get(kinds[i]!) ?? 0) + took);
    count.set(kinds[i]!, (count.get(kinds[i]!) ?? 0) + 1);
    total += took;
    if (verdict !== undefined) break;
  }
  out[id] = {
    ms: Math.round(total),
    kinds: [...ms]
      .sort((a, b) => b[1] - a[1])
      .map(([kind, t]) => ({ kind, count: count.get(kind)!, us: round((t * 1000) / count.get(kind)!), share: round(t / total) })),
  };
}
process.stdout.write(`${JSON.stringify({ events: events.length, profiles: out })}\n`);

function kindOf(e: TraceEvent): string {
  if ('see' in e) return e.photo === UNKNOWN ? 'see?' : `see:${e.see}`;
  return 'via' in e && e.via !== undefined ? `${e.do}:${e.via}` : e.do;
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}

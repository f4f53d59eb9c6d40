import { ProfileChecker } from '../model/ProfileChecker.js';
import type { Profile } from '../model/Profile.js';
import { profileScope } from '../model/profileScope.js';
import type { Verdict } from '../model/Verdict.js';
import { isObservation, SURFACE_STORE, UNKNOWN, type ObservationEvent, type Photo, type Store, type Surface } from '../model/vocabulary.js';
import type { LoadedTrace } from './benchTrace.js';
import { Prng } from './Prng.js';

/** A photo no generated trace ever sets (the generator draws from p0..p9): no profile may allow it anywhere. */
export const PLANTED_PHOTO = 'p999';

/** An observation of the trace, to be replaced by the same one showing PLANTED_PHOTO. */
export type Planting = {
  /** the line drawn at random; the planting is the first fit observation at or after it */
  drawn: number;
  line: number;
  /** its index among the trace's events */
  index: number;
  see: Surface;
  store: Store;
  user: string;
  viewer: string;
  /** what the trace recorded there */
  was: Photo;
};

/** What one profile reported for the trace cut at a planting. */
export type Outcome =
  | { kind: 'at-line'; rules: readonly string[] }
  | { kind: 'elsewhere'; line: number; allowed: readonly string[] }
  | { kind: 'unknown'; line: number; reason: string }
  | { kind: 'conforms' };

export type ProfileOutcome = { profile: string; outcome: Outcome; ms: number };
export type PlantingResult = { planting: Planting; outcomes: ProfileOutcome[] };

/**
 * `count` plantings at lines drawn uniformly with `seed`, each on the first observation at or
 * after its line where the planted photo is surely a divergence: a surface every profile has, a
 * header that leaves nothing unknown about the subject's stores or the viewer's caches (such a read
 * may show any photo), and not the subject reading their own My Site (that read also counts as a
 * visit). Distinct lines.
 */
export function choosePlantings(trace: LoadedTrace, profiles: readonly Profile[], count: number, seed: number): Planting[] {
  const rng = new Prng(seed);
  const scopes = profiles.map(profileScope);
  const common = new Set<Surface>(scopes[0]?.surfaces.filter((s) => scopes.every((scope) => scope.surfaces.includes(s))) ?? []);
  const inits = new Map(trace.start.users.map((u) => [u.id, u]));
  const known = (id: string, role: 'subject' | 'viewer'): boolean => {
    const u = inits.get(id);
    if (u === undefined) return true;
    return role === 'viewer' ? u.caches !== 'unknown' : !Object.values(u.stores ?? {}).includes(UNKNOWN);
  };
  const fits = (i: number): boolean => {
    const e = trace.events[i]!;
    if (!isObservation(e) || !common.has(e.see)) return false;
    if (e.see === 'sp-mysite' && e.viewer === e.user) return false;
    return known(e.user, 'subject') && known(e.viewer, 'viewer');
  };
  const taken = new Set<number>();
  const out: Planting[] = [];
  const n = trace.events.length;
  if (n === 0) return out;
  for (let tries = 0; out.length < count && tries < 100 * count; tries++) {
    const from = rng.int(n);
    let i = from;
    while (i < n && (taken.has(i) || !fits(i))) i++;
    if (i === n) continue;
    taken.add(i);
    const e = trace.events[i] as ObservationEvent;
    out.push({
      drawn: trace.lines[from]!,
      line: trace.lines[i]!,
      index: i,
      see: e.see,
      store: SURFACE_STORE[e.see],
      user: e.user,
      viewer: e.viewer,
      was: e.photo,
    });
  }
  return out;
}

/** A fresh checker of `profile` fed the trace up to the planting, then the planted observation. */
export function checkPlanting(profile: Profile, trace: LoadedTrace, planting: Planting): ProfileOutcome {
  const began = performance.now();
  const checker = new ProfileChecker(profile, trace.start);
  const { events, lines } = trace;
  let verdict: Verdict | undefined;
  for (let i = 0; i < planting.index && verdict === undefined; i++) verdict = checker.feed(events[i]!, lines[i]!);
  if (verdict === undefined) {
    const planted: ObservationEvent = { ...(events[planting.index] as ObservationEvent), photo: PLANTED_PHOTO };
    verdict = checker.feed(planted, planting.line) ?? checker.finish();
  }
  return { profile: profile.id, outcome: outcomeOf(verdict, planting.line), ms: performance.now() - began };
}

function outcomeOf(v: Verdict, line: number): Outcome {
  switch (v.verdict) {
    case 'conforms':
      return { kind: 'conforms' };
    case 'unknown':
      return { kind: 'unknown', line: v.line, reason: v.reason };
    case 'diverges':
      return v.divergence.line === line
        ? { kind: 'at-line', rules: v.divergence.rules }
        : { kind: 'elsewhere', line: v.divergence.line, allowed: v.divergence.allowed };
  }
}

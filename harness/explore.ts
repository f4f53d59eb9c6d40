import { performance } from 'node:perf_hooks';
import fc from 'fast-check';
import { MINUTE } from '../model/Params.js';
import type { Profile } from '../model/Profile.js';
import type { TraceStart } from '../model/ProfileChecker.js';
import type { TraceEvent } from '../model/vocabulary.js';
import { checkedRun, diverged, type CheckedRun } from './checkedRun.js';
import { generationScope } from './GenerationScope.js';
import { minimize } from './minimize.js';
import { planLength, type Plan } from './Plan.js';
import { planArbitrary } from './planArbitrary.js';
import type { TenantFactory } from './TenantFactory.js';

/** Set `stopped` (Ctrl-C) and the exploration ends soon, keeping what it found. */
export type StopSignal = { stopped: boolean };

/** Where a run is recorded as it happens (`--record`): told the header, then each event. */
export type RunSink = { start(start: TraceStart): void; event(event: TraceEvent): void; close(): void };

/** How far an exploration is: runs made of those asked, and whether it is shrinking a divergence. */
export type Progress = { readonly runs: number; readonly of: number; readonly diverged: boolean; readonly elapsedMs: number };

export type ExploreOptions = {
  readonly runs: number;
  readonly maxActions: number;
  /** fast-check's seed; with `path`, replays that counterexample exactly */
  readonly seed?: number | undefined;
  readonly path?: string | undefined;
  readonly stop?: StopSignal;
  readonly onProgress?: (progress: Progress) => void;
  /** a sink for the `index`-th run (1-based), for runs before the first divergence; none for shrinking */
  readonly record?: (index: number, plan: Plan) => RunSink;
};

type Common = {
  readonly profile: string;
  readonly tenant: TenantFactory['describe'];
  /** the seed that replays this exploration */
  readonly seed: number;
  /** runs made before the first divergence, that one included; shrinking does not count */
  readonly runs: number;
  /** actions and observations those runs made and checked */
  readonly actions: number;
  /** runs the model could not decide (too many open possibilities): never a divergence */
  readonly undecided: number;
  readonly interrupted: boolean;
  readonly ms: number;
};

/** What an exploration found: no divergence in its runs, or one, shrunk and replayed with what the model allowed. */
export type Exploration =
  | (Common & { readonly outcome: 'conforms' })
  | (Common & {
      readonly outcome: 'diverges';
      /** fast-check's path: with `seed`, it replays this counterexample */
      readonly path: string;
      readonly shrinks: number;
      /** the actions and observations of the run that first diverged */
      readonly foundLength: number;
      /** the actions and observations of the counterexample */
      readonly length: number;
      readonly counterexample: CheckedRun;
    });

const YIELD_EVERY_MS = 50;

/**
 * Generates random plans within what the tenant can do and the profile knows, runs each on a
 * fresh tenant with the model as oracle, and shrinks the first divergence to a 1-minimal
 * counterexample. Invariant: `diverges` only when the replayed counterexample diverges; an
 * adapter's `unknown` answers and undecided runs never make a divergence.
 */
export async function explore(tenants: TenantFactory, profile: Profile, options: ExploreOptions): Promise<Exploration> {
  const began = performance.now();
  const stop = options.stop ?? { stopped: false };
  const scope = generationScope(tenants.capabilities, profile);
  const arbitrary = planArbitrary(scope, options.maxActions);
  let runs = 0;
  let actions = 0;
  let undecided = 0;
  let found: CheckedRun | undefined;
  let crash: { error: unknown } | undefined;
  let lastYield = performance.now();

  const progress = () =>
    options.onProgress?.({ runs, of: options.runs, diverged: found !== undefined, elapsedMs: performance.now() - began });

  // fast-check has no way to stop a check from outside: the first run after a stop (or a crash)
  // fails on purpose, which ends generation, and every later one passes, which ends shrinking
  let ending = false;
  const end = () => {
    if (ending || found !== undefined) return true;
    ending = true;
    return false;
  };
  const property = fc.asyncProperty(arbitrary, async (plan: Plan) => {
    if (stop.stopped || crash !== undefined) return end();
    if (performance.now() - lastYield > YIELD_EVERY_MS) {
      // let signals (Ctrl-C) and timers in: the simulator alone never gives the event loop a turn
      await new Promise((resolve) => setImmediate(resolve));
      lastYield = performance.now();
      progress();
      if (stop.stopped) return end();
    }
    const shrinking = found !== undefined;
    const sink = shrinking ? undefined : options.record?.(runs + 1, plan);
    let run: CheckedRun;
    try {
      run = await checkedRun(
        tenants.create(plan.seed),
        profile,
        plan,
        sink === undefined ? {} : { onStart: (s) => sink.start(s), onEvent: (e) => sink.event(e) },
      );
    } catch (error) {
      crash = { error };
      return end();
    } finally {
      sink?.close();
    }
    if (!shrinking) {
      runs++;
      actions += planLength(run.plan.steps);
      if (run.verdict.verdict === 'unknown') undecided++;
    }
    if (!diverged(run)) return true;
    found ??= run;
    return false;
  });

  const details = await fc.check(property, {
    numRuns: options.runs,
    ...(options.seed === undefined ? {} : { seed: options.seed }),
    ...(options.path === undefined ? {} : { path: options.path }),
  });
  if (crash !== undefined) throw crash.error;
  progress();
  const common = { profile: profile.id, tenant: tenants.describe, seed: details.seed, runs, actions, undecided };
  const failing = details.counterexample?.[0];
  if (!details.failed || failing === undefined || found === undefined) {
    return { ...common, outcome: 'conforms', interrupted: stop.stopped, ms: performance.now() - began };
  }

  // a smaller plan draws the tenant's dice in another order: a few other seeds give it its chance
  const attempt = async (plan: Plan) => {
    for (const seed of [plan.seed, ...otherSeeds(plan.seed)]) {
      const run = await checkedRun(tenants.create(seed), profile, { ...plan, seed });
      if (diverged(run)) return run.plan;
    }
    return undefined;
  };
  const shrunk = (await attempt(failing)) ?? found.plan;
  // just outside each window: where a story that was only likely becomes sure
  const waits = scope.windows.map((w) => w + MINUTE);
  const minimal = await minimize(shrunk, attempt, { surfaces: scope.surfaces, waits }, () => stop.stopped);
  const replay = await checkedRun(tenants.create(minimal.seed), profile, minimal, { annotate: true });
  // a live tenant may not repeat itself: then the run that first diverged is the evidence
  const counterexample = diverged(replay) ? replay : found;
  return {
    ...common,
    outcome: 'diverges',
    length: planLength(counterexample.plan.steps),
    interrupted: stop.stopped,
    ms: performance.now() - began,
    path: details.counterexamplePath ?? '',
    shrinks: details.numShrinks,
    foundLength: planLength(found.plan.steps),
    counterexample,
  };
}

/** How many other seeds shrinking tries for a smaller plan before it gives the plan up. */
export const SHRINK_SEEDS = 16;

/** The seeds tried after `seed`: fixed by it, so that shrinking replays the same way. */
function otherSeeds(seed: number): number[] {
  return Array.from({ length: SHRINK_SEEDS }, (_, i) => (Math.imul(seed ^ 0x9e37_79b9, i + 1) + 0x7f4a_7c15 * (i + 1)) >>> 1);
}

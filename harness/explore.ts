import { performance } from 'node:perf_hooks';
import fc from 'fast-check';
import { MINUTE } from '../model/Params.js';
import type { Profile } from '../model/Profile.js';
import type { TraceStart } from '../model/ProfileChecker.js';
import type { TraceEvent } from '../model/vocabulary.js';
import { checkedRun, diverged, type CheckedRun } from './checkedRun.js';
import { generationScope, type GenerationScope } from './GenerationScope.js';
import { minimize } from './minimize.js';
import { planLength, type Plan } from './Plan.js';
import { planArbitrary } from './planArbitrary.js';
import { ReplayPathError } from './ReplayPathError.js';
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
  /**
   * fast-check's path of a counterexample, with the `seed` it was found with: the run at that path
   * alone is made, and shrunk where it diverges. Throws ReplayPathError where no run is at that
   * path with these options, or where the run there conforms on a tenant that repeats itself
   */
  readonly path?: string | undefined;
  readonly stop?: StopSignal;
  readonly onProgress?: (progress: Progress) => void;
  /** a sink for the `index`-th run (1-based), for runs before the first divergence; none for shrinking */
  readonly record?: (index: number, plan: Plan) => RunSink;
};

type Common = {
  readonly profile: string;
  readonly tenant: TenantFactory['describe'];
  /** the seed that replays this exploration (for a divergence, with `path` and `maxActions`) */
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
  | (Common & {
      readonly outcome: 'conforms';
      /** the `path` replayed, whose run did not diverge: only on a tenant without a seed (a live one), which may not repeat itself */
      readonly notReproduced?: string;
    })
  | (Common & {
      readonly outcome: 'diverges';
      /** fast-check's path: with `seed` and `maxActions`, it replays this counterexample */
      readonly path: string;
      /** the --max-actions that replays it: smaller than asked when a shorter story was searched for and found */
      readonly maxActions: number;
      readonly shrinks: number;
      /** the actions and observations of the run that first diverged */
      readonly foundLength: number;
      /** the actions and observations of the counterexample */
      readonly length: number;
      readonly counterexample: CheckedRun;
      /**
       * Ctrl-C cut its shrinking short: the counterexample is not minimal, and `path` replays it,
       * then shrinks it to the end, which may tell a shorter story
       */
      readonly shrinkingStopped: boolean;
    });

const YIELD_EVERY_MS = 50;

/** After a counterexample is shrunk, how many times the harness looks for a shorter one, and with how many runs. */
export const SHORTER_ROUNDS = 3;
export const SHORTER_RUNS = 300;

/** One fast-check search: what it found (the first failing run), fast-check's account of it, and whether a stop cut its shrinking. */
type Search = { readonly details: fc.RunDetails<[Plan]>; readonly found: CheckedRun | undefined; readonly cut: boolean };

/**
 * Generates random plans within what the tenant can do and the profile knows, runs each on a
 * fresh tenant with the model as oracle, and shrinks the first divergence to a 1-minimal
 * counterexample; then looks a few times for a shorter one among plans shorter than it.
 * Invariant: `diverges` only when the replayed counterexample diverges; `seed`, `path` and
 * `maxActions` replay it exactly; an adapter's `unknown` answers and undecided runs never make a
 * divergence.
 */
export async function explore(tenants: TenantFactory, profile: Profile, options: ExploreOptions): Promise<Exploration> {
  const began = performance.now();
  const stop = options.stop ?? { stopped: false };
  const scope = generationScope(tenants.capabilities, profile);
  let runs = 0;
  let actions = 0;
  let undecided = 0;
  let crash: { error: unknown } | undefined;
  let lastYield = performance.now();
  let shrinking = false;

  const progress = () => options.onProgress?.({ runs, of: options.runs, diverged: shrinking, elapsedMs: performance.now() - began });

  if (options.path !== undefined) await checkReplayPath(tenants, profile, scope, options.path, options);

  /** Runs one fast-check check; only the first (`counted`) counts runs, records them and reports progress. */
  const search = async (maxActions: number, params: fc.Parameters<[Plan]>, counted: boolean): Promise<Search> => {
    let found: CheckedRun | undefined;
    let cut = false;
    // fast-check goes on from a path to the runs beside it: a replay is the run at its path alone
    let pathRunMade = false;
    // fast-check has no way to stop a check from outside: the first run after a stop (or a crash)
    // fails on purpose, which ends generation, and every later one passes, which ends shrinking
    let ending = false;
    const end = () => {
      if (found !== undefined) cut = true;
      if (ending || found !== undefined) return true;
      ending = true;
      return false;
    };
    const property = fc.asyncProperty(planArbitrary(scope, maxActions), async (plan: Plan) => {
      if (stop.stopped || crash !== undefined) return end();
      if (params.path !== undefined && pathRunMade && found === undefined) return true;
      pathRunMade = true;
      if (performance.now() - lastYield > YIELD_EVERY_MS) {
        // let signals (Ctrl-C) and timers in: the simulator alone never gives the event loop a turn
        await new Promise((resolve) => setImmediate(resolve));
        lastYield = performance.now();
        if (counted) progress();
        if (stop.stopped) return end();
      }
      const generating = counted && found === undefined;
      const sink = generating ? options.record?.(runs + 1, plan) : undefined;
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
      if (generating) {
        runs++;
        actions += planLength(run.plan.steps);
        if (run.verdict.verdict === 'unknown') undecided++;
      }
      if (!diverged(run)) return true;
      if (found === undefined) {
        found = run;
        if (counted) shrinking = true;
      }
      return false;
    });
    const details = await fc.check(property, params);
    if (crash !== undefined) throw crash.error;
    return { details, found: details.failed ? found : undefined, cut };
  };

  // a smaller plan draws the tenant's dice in another order: a few other seeds give it its chance
  const attempt = async (plan: Plan) => {
    // a tenant without a seed (a live one) has chance of its own: the same plan is tried again instead
    const seeds =
      tenants.seeded === false ? Array.from({ length: UNSEEDED_TRIES }, () => plan.seed) : [plan.seed, ...otherSeeds(plan.seed)];
    for (const seed of seeds) {
      const run = await checkedRun(tenants.create(seed), profile, { ...plan, seed });
      if (diverged(run)) return run.plan;
    }
    return undefined;
  };
  // just outside each window: where a story that was only likely becomes sure
  const waits = scope.windows.map((w) => w + MINUTE);
  /** fast-check's counterexample of a search, made 1-minimal; `cut` when a stop cut that short */
  const settle = async ({ details, found, cut }: Search & { found: CheckedRun }) => {
    const failing = details.counterexample?.[0];
    const shrunk = (failing === undefined ? undefined : await attempt(failing)) ?? found.plan;
    let stopped = cut;
    const plan = await minimize(shrunk, attempt, { surfaces: scope.surfaces, vias: scope.vias, waits }, () => {
      if (stop.stopped) stopped = true;
      return stop.stopped;
    });
    return { plan, cut: stopped };
  };

  const first = await search(
    options.maxActions,
    {
      numRuns: options.runs,
      ...(options.seed === undefined ? {} : { seed: options.seed }),
      ...(options.path === undefined ? {} : { path: options.path }),
    },
    true,
  );
  progress();
  const common = { profile: profile.id, tenant: tenants.describe, runs, actions, undecided };
  const found = first.found;
  if (found === undefined) {
    const notReproduced = options.path !== undefined && runs > 0 ? { notReproduced: options.path } : {};
    return {
      ...common,
      seed: first.details.seed,
      outcome: 'conforms',
      interrupted: stop.stopped,
      ms: performance.now() - began,
      ...notReproduced,
    };
  }

  const settled = await settle({ ...first, found });
  let best = {
    plan: settled.plan,
    seed: first.details.seed,
    path: first.details.counterexamplePath ?? '',
    maxActions: options.maxActions,
  };
  // a replay (`path`) repeats its counterexample; a search may have met a long story first, where
  // plans shorter than it hold a shorter one
  // on a tenant without a seed every search is a new story of its own: one shrunk story is the evidence
  const rounds = tenants.seeded === false ? 0 : SHORTER_ROUNDS;
  for (let round = 0; options.path === undefined && round < rounds && !stop.stopped; round++) {
    const length = planLength(best.plan.steps);
    if (length <= 1) break;
    const seed = (Math.imul(best.seed ^ 0x2545_f491, round + 7) + round) | 0;
    const shorter = await search(length - 1, { numRuns: SHORTER_RUNS, seed }, false);
    if (shorter.found === undefined) break;
    const { plan, cut } = await settle({ ...shorter, found: shorter.found });
    // a story whose shrinking was cut is not replayed by its path: the one kept so far is
    if (cut || planLength(plan.steps) >= length) break;
    best = { plan, seed: shorter.details.seed, path: shorter.details.counterexamplePath ?? '', maxActions: length - 1 };
  }

  const replay = await checkedRun(tenants.create(best.plan.seed), profile, best.plan, { annotate: true });
  // a live tenant may not repeat itself: then the run that first diverged is the evidence
  const counterexample = diverged(replay) ? replay : found;
  return {
    ...common,
    outcome: 'diverges',
    seed: best.seed,
    path: best.path,
    maxActions: best.maxActions,
    length: planLength(counterexample.plan.steps),
    interrupted: stop.stopped,
    ms: performance.now() - began,
    shrinks: first.details.numShrinks,
    shrinkingStopped: settled.cut,
    foundLength: planLength(found.plan.steps),
    counterexample,
  };
}

/** How many other seeds shrinking tries for a smaller plan before it gives the plan up. */
export const SHRINK_SEEDS = 16;
/** How many times shrinking tries a smaller plan on a tenant that takes no seed before it gives the plan up. */
export const UNSEEDED_TRIES = 2;

/** The seeds tried after `seed`: fixed by it, so that shrinking replays the same way. */
function otherSeeds(seed: number): number[] {
  return Array.from({ length: SHRINK_SEEDS }, (_, i) => (Math.imul(seed ^ 0x9e37_79b9, i + 1) + 0x7f4a_7c15 * (i + 1)) >>> 1);
}

/**
 * Throws ReplayPathError where `path` replays no counterexample: no run is there with these
 * options, or the run there does not diverge on a tenant that repeats itself for a seed. Changes
 * nothing: it generates the plan at the path, and runs it only on such a tenant (a simulated one).
 */
async function checkReplayPath(
  tenants: TenantFactory,
  profile: Profile,
  scope: GenerationScope,
  path: string,
  options: ExploreOptions,
): Promise<void> {
  if (options.seed === undefined) throw new Error('a path replays only with the seed it was found with');
  let plans: Plan[];
  try {
    plans = fc.sample(planArbitrary(scope, options.maxActions), { seed: options.seed, path, numRuns: 1 });
  } catch (e) {
    // fast-check's words for a path that leads out of its tree of runs and their shrinks
    if (e instanceof Error && e.message.startsWith('Unable to replay')) throw new ReplayPathError(path, 'no-run');
    throw e;
  }
  const plan = plans[0];
  if (plan === undefined) throw new ReplayPathError(path, 'no-run');
  if (tenants.seeded === false) return;
  if (!diverged(await checkedRun(tenants.create(plan.seed), profile, plan))) throw new ReplayPathError(path, 'conforms');
}

import { ProfileChecker, type TraceStart } from '../model/ProfileChecker.js';
import type { Profile } from '../model/Profile.js';
import type { Verdict } from '../model/Verdict.js';
import { SURFACE_STORE, type Photo, type Store, type TraceEvent } from '../model/vocabulary.js';
import type { Adapter } from '../adapters/Adapter.js';
import { isLook, type RunStep } from '../adapters/RunStep.js';
import { isWaitUntil, namedUsers, type ConcretePlan, type Plan } from './Plan.js';
import { playPlan } from './playPlan.js';
import { TraceRecorder } from './TraceRecorder.js';

/**
 * A plan as it ran, checked as it went. `plan` is what ran, waits made plain and cut after the
 * event that decided the verdict; `events[i]` is trace line i + 2. `allowed[i]` is what the
 * model allowed for an observation, when asked for.
 */
export type CheckedRun = {
  readonly plan: ConcretePlan;
  readonly start: TraceStart;
  readonly events: readonly TraceEvent[];
  readonly verdict: Verdict;
  readonly allowed?: readonly (readonly Photo[] | undefined)[];
};

export type CheckedRunOptions = {
  /** called with the header before the first step, then with each event as it is recorded */
  readonly onStart?: (start: TraceStart) => void;
  readonly onEvent?: (event: TraceEvent) => void;
  /** also work out what the model allowed for each observation (slower: for reports) */
  readonly annotate?: boolean;
};

/**
 * Runs `plan` on `adapter` (setup to teardown), recording each step as a trace event and checking
 * it against `profile` at once: the oracle. The trace's header is the plan's, or for a tenant taken
 * as it is, what the adapter's survey found after the setup. Invariant: stops at the first event
 * that decides the verdict; an `unknown` action or observation is recorded and never decides a
 * divergence alone.
 */
export async function checkedRun(adapter: Adapter, profile: Profile, plan: Plan, options: CheckedRunOptions = {}): Promise<CheckedRun> {
  let start: TraceStart | undefined;
  let checker: ProfileChecker | undefined;
  const recorder = new TraceRecorder(adapter);
  const ran: RunStep[] = [];
  const allowed: (readonly Photo[] | undefined)[] = [];
  await playPlan(
    adapter,
    plan,
    async (step) => {
      if (options.annotate === true) allowed.push(isLook(step) ? checker!.allowedFor({ at: adapter.clock.now(), ...step }) : undefined);
      const event = await recorder.step(step);
      ran.push(step);
      options.onEvent?.(event);
      return checker!.feed(event, recorder.events.length + 1) === undefined;
    },
    async () => {
      start = await traceStart(adapter, plan);
      checker = new ProfileChecker(profile, start);
      options.onStart?.(start);
    },
  );
  const run: CheckedRun = {
    plan: { users: plan.users, photoSettings: plan.photoSettings, steps: ran, seed: plan.seed },
    start: start!,
    events: recorder.events,
    verdict: checker!.finish(),
  };
  return options.annotate === true ? { ...run, allowed } : run;
}

/** The header of a run: the plan's, or what a survey of a tenant taken as it is found (SPEC section 6). */
async function traceStart(adapter: Adapter, plan: Plan): Promise<TraceStart> {
  const start = adapter.clock.now();
  if (adapter.survey === undefined) return { start, users: plan.users, photoSettings: plan.photoSettings };
  const found = await adapter.survey(namedUsers(plan), storesRead(plan));
  return { start, users: found.users, photoSettings: found.photoSettings };
}

/**
 * The stores of each user a plan's looks read, and Exchange wherever SharePoint or Viva Engage is
 * read, since they take their photos from it: what a survey must read for the run to be judged as
 * sharply as from a full survey of the stores it looks at.
 */
export function storesRead(plan: Pick<Plan, 'steps'>): Map<string, Set<Store>> {
  const reads = new Map<string, Set<Store>>();
  for (const step of plan.steps) {
    if (isWaitUntil(step) || !isLook(step)) continue;
    const store = SURFACE_STORE[step.see];
    const set = reads.get(step.user) ?? new Set<Store>();
    set.add(store);
    if (store === 'sharepoint' || store === 'yammer') set.add('exchange');
    reads.set(step.user, set);
  }
  return reads;
}

/** Whether a run ended in a divergence (an `unknown` verdict is not one). */
export function diverged(run: CheckedRun): boolean {
  return run.verdict.verdict === 'diverges';
}

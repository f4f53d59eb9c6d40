import { NO_PHOTO, type Photo, type PhotoSettings, type UserInit } from '../model/vocabulary.js';
import { isWait, type RunStep } from '../adapters/RunStep.js';

/**
 * A wait until just inside or just outside a window opened by an earlier action: until
 * `window + delta` ms after the `back`-th latest action (0: the latest), or no wait if that is past.
 */
export type WaitUntil = { readonly waitUntil: number; readonly back: number; readonly delta: number };

/** One step of a plan: an action (a `wait` lets time pass), a look at a surface, or a wait until a window's end. */
export type PlanStep = RunStep | WaitUntil;

/**
 * What one run does: the users of the trace header (for a tenant taken as it is, where its history
 * starts), the tenant's photo settings, the steps, and the seed of the tenant's own dice.
 * Invariant: the same plan on the same adapter build gives the same run.
 */
export type Plan = {
  readonly users: readonly UserInit[];
  readonly photoSettings?: PhotoSettings | undefined;
  readonly steps: readonly PlanStep[];
  readonly seed: number;
};

/** A plan whose waits are all plain `wait`s, as it ran: what a counterexample is written as. */
export type ConcretePlan = Omit<Plan, 'steps'> & { readonly steps: readonly RunStep[] };

/** Every user a plan names: its header's, and each subject, viewer and acting user of its steps. */
export function namedUsers(plan: { readonly users: readonly UserInit[]; readonly steps: readonly PlanStep[] }): string[] {
  const out = new Set(plan.users.map((u) => u.id));
  for (const s of plan.steps) {
    for (const key of ['user', 'viewer', 'by'] as const) {
      const v = (s as Partial<Record<typeof key, unknown>>)[key];
      if (typeof v === 'string') out.add(v);
    }
  }
  return [...out];
}

/** The photos a plan's actions may put in each user's mailbox, `none` for a removal, whatever the path and outcome. */
export function photosPut(plan: { readonly steps: readonly PlanStep[] }): Map<string, Set<Photo>> {
  const out = new Map<string, Set<Photo>>();
  for (const s of plan.steps) {
    if (isWaitUntil(s) || !('do' in s) || (s.do !== 'setPhoto' && s.do !== 'removePhoto')) continue;
    const set = out.get(s.user) ?? new Set<Photo>();
    set.add(s.do === 'setPhoto' ? s.photo : NO_PHOTO);
    out.set(s.user, set);
  }
  return out;
}

export function isWaitUntil(step: PlanStep): step is WaitUntil {
  return 'waitUntil' in step;
}

/** Whether a step lets time pass rather than acts or looks. */
export function isPause(step: PlanStep): boolean {
  return isWaitUntil(step) || isWait(step);
}

/** A plan's length as the harness counts it: its actions and observations; waits do not count. */
export function planLength(steps: readonly PlanStep[]): number {
  let n = 0;
  for (const s of steps) if (!isPause(s)) n++;
  return n;
}

import type { Adapter } from '../adapters/Adapter.js';
import { isLook, isWait, type RunStep } from '../adapters/RunStep.js';
import { isWaitUntil, photosPut, type Plan } from './Plan.js';
import { takeStep } from './takeStep.js';

/**
 * Drives an adapter through a plan's steps, each `waitUntil` made a plain wait (or skipped when its
 * time is past), and hands every step to `step` to carry out; `step` answers whether to go on.
 * `ready` runs after the setup, before the first step (a survey of a tenant taken as it is).
 * Invariant: the adapter is set up first and torn down last, whatever `step` throws.
 */
export async function playPlan(
  adapter: Adapter,
  plan: Plan,
  step: (s: RunStep) => Promise<boolean>,
  ready?: () => Promise<void>,
): Promise<void> {
  const actionTimes: number[] = [];
  await adapter.setup(plan.users, plan.photoSettings, photosPut(plan));
  try {
    await ready?.();
    for (const planned of plan.steps) {
      let s: RunStep;
      if (isWaitUntil(planned)) {
        const anchor = actionTimes[actionTimes.length - 1 - planned.back];
        const target = anchor === undefined ? 0 : anchor + planned.waitUntil + planned.delta;
        const now = adapter.clock.now();
        if (target <= now) continue;
        s = { do: 'wait', ms: target - now };
      } else {
        s = planned;
        if (!isLook(s) && !isWait(s)) actionTimes.push(adapter.clock.now());
      }
      if (!(await step(s))) break;
    }
  } finally {
    await adapter.teardown();
  }
}

/** A plan run with nothing recorded and nothing checked: the baseline the harness's cost is measured against. */
export function playBare(adapter: Adapter, plan: Plan): Promise<void> {
  return playPlan(adapter, plan, async (s) => {
    await takeStep(adapter, s);
    return true;
  });
}

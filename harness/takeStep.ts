import type { ActionOutcome, Adapter, ObserveOutcome } from '../adapters/Adapter.js';
import { perform } from '../adapters/Adapter.js';
import { isLook, isWait, type RunStep } from '../adapters/RunStep.js';

/**
 * Carries out one step on an adapter, as every run of the harness does, recorded or not.
 * Invariant: a millisecond passes after every step but a `wait`.
 */
export async function takeStep(adapter: Adapter, step: RunStep): Promise<ObserveOutcome | ActionOutcome> {
  const outcome = isLook(step) ? await adapter.observe(step.see, step.user, step.viewer) : await perform(adapter, step);
  // a harness does one thing at a time: two events on the same instant sit on the boundary of
  // every window the first one opens, where the SPEC's order within an instant is not a tenant's
  if (!isWait(step)) await adapter.clock.advance(1);
  return outcome;
}

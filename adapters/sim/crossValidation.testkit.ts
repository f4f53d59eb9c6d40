import type fc from 'fast-check';
import type { Profile } from '../../model/Profile.js';
import { checkedRun, type CheckedRun } from '../../harness/checkedRun.js';
import { generationScope } from '../../harness/GenerationScope.js';
import type { Plan } from '../../harness/Plan.js';
import { planArbitrary } from '../../harness/planArbitrary.js';
import { simTenantFactory } from '../../harness/TenantFactory.js';
import { formatOffset } from '../../reports/formatTime.js';

/** Test helper: random runs of the simulated tenant, as the harness generates them, recorded and checked by the model. */

/** The harness's random plans for a simulated tenant of `p`, checked against `p`. */
export function planArb(p: Profile, maxActions: number): fc.Arbitrary<Plan> {
  return planArbitrary(generationScope(simTenantFactory({ profile: p.id }).capabilities, p), maxActions);
}

/**
 * Drives a simulated tenant of `p` through a plan, recording and checking every step: a fresh one,
 * or with `asIs` one with a history, checked from the header its survey gives (SPEC section 6).
 */
export function record(p: Profile, plan: Plan, opts: { faults?: number; asIs?: boolean; judge?: Profile } = {}): Promise<CheckedRun> {
  const tenants = simTenantFactory({ profile: p.id, faults: opts.faults ?? 0, ...(opts.asIs === true ? { asIs: true } : {}) });
  return checkedRun(tenants.create(plan.seed), opts.judge ?? p, plan);
}

/** A run in a form people read: times as offsets from the start. */
export function describeRun(run: CheckedRun): string {
  const lines = [`users ${JSON.stringify(run.start.users)} seed ${run.plan.seed}`];
  run.events.forEach((e, i) => {
    const { at, ...rest } = e;
    lines.push(`${i + 2}: ${formatOffset(at - run.start.start)} ${JSON.stringify(rest)}`);
  });
  return lines.join('\n');
}

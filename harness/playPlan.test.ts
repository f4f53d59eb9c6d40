import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findProfile } from '../model/profiles.js';
import type { Adapter } from '../adapters/Adapter.js';
import { tapAdapter } from '../adapters/tapAdapter.js';
import { checkedRun } from './checkedRun.js';
import { generationScope } from './GenerationScope.js';
import { planArbitrary } from './planArbitrary.js';
import { playBare } from './playPlan.js';
import { simTenantFactory } from './TenantFactory.js';

/** An adapter that logs every call the harness makes of it, with the tenant's clock. */
const logged = (adapter: Adapter, log: string[]) =>
  tapAdapter(adapter, (step) => log.push(`${adapter.clock.now()} ${JSON.stringify(step)}`));

describe('playBare', () => {
  it('makes the very calls a checked run makes, at the same times: the baseline does the same work but the checking', async () => {
    const profile = findProfile('exchange-2015')!;
    const tenants = simTenantFactory({ profile: profile.id });
    await fc.assert(
      fc.asyncProperty(planArbitrary(generationScope(tenants.capabilities, profile), 15), async (plan) => {
        const bare: string[] = [];
        const checked: string[] = [];
        await playBare(logged(tenants.create(plan.seed), bare), plan);
        const run = await checkedRun(logged(tenants.create(plan.seed), checked), profile, plan);
        // the tenant conforms to its own profile, so the checked run plays to the end
        expect(run.verdict.verdict).not.toBe('diverges');
        expect(bare).toEqual(checked);
        expect(bare.length).toBeGreaterThan(0);
      }),
      { numRuns: 100 },
    );
  });
});

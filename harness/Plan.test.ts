import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findProfile } from '../model/profiles.js';
import { generationScope } from './GenerationScope.js';
import { isWaitUntil, photosPut } from './Plan.js';
import { planArbitrary } from './planArbitrary.js';
import { simTenantFactory } from './TenantFactory.js';

describe('photosPut', () => {
  it('names each photo a plan sets or removes for a user, and nothing else', () => {
    const scope = generationScope(simTenantFactory({ profile: 'microsoft-2026' }).capabilities, findProfile('microsoft-2026')!);
    fc.assert(
      fc.property(planArbitrary(scope, 20), (plan) => {
        const expected = new Map<string, Set<string>>();
        for (const s of plan.steps) {
          if (isWaitUntil(s) || !('do' in s)) continue;
          if (s.do === 'setPhoto' || s.do === 'removePhoto')
            expected.set(s.user, (expected.get(s.user) ?? new Set()).add(s.do === 'setPhoto' ? s.photo : 'none'));
        }
        expect(photosPut(plan)).toEqual(expected);
      }),
      { numRuns: 200, seed: 3 },
    );
  });

  it('is empty for a plan that only looks and waits', () => {
    expect(
      photosPut({
        steps: [
          { see: 'graph', user: 'u1', viewer: 'u2' },
          { do: 'wait', ms: 1000 },
          { do: 'visitMySite', user: 'u1' },
        ],
      }).size,
    ).toBe(0);
  });
});

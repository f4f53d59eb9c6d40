import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PROFILES } from '../../model/profiles.js';
import { checkRecorded, describeRun, planArb, record } from './crossValidation.testkit.js';

const RUNS = Number(process.env.PHOTOSYNC_RUNS ?? 1000);

describe.each(PROFILES.map((p) => [p.id, p] as const))('%s: the simulated tenant conforms to its own profile', (id, profile) => {
  it(`in ${RUNS} random runs`, async () => {
    await fc.assert(
      fc.asyncProperty(planArb(profile, 40), async (plan) => {
        const run = await record(id, plan);
        const verdict = checkRecorded(profile, run);
        if (verdict.verdict !== 'conforms') expect.fail(`${JSON.stringify(verdict)}\n${describeRun(run)}`);
        expect(verdict).toEqual({ profile: id, verdict: 'conforms' });
      }),
      { numRuns: RUNS },
    );
  });
});

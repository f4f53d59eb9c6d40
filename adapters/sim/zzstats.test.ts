import fc from 'fast-check';
import { it } from 'vitest';
import { PROFILES } from '../../model/profiles.js';
import { checkRecorded, describeRun, planArb, record } from './crossValidation.testkit.js';

it('stats', async () => {
  const n = Number(process.env.N ?? 2000);
  const seed = Number(process.env.SEED ?? 42);
  for (const p of PROFILES) {
    await fc.assert(
      fc.asyncProperty(planArb(p, 40), async (plan) => {
        const run = await record(p.id, plan);
        const v = checkRecorded(p, run);
        if (v.verdict !== 'conforms') throw new Error(`${JSON.stringify(v)}\n${describeRun(run)}\nseed ${plan.seed}`);
      }),
      { numRuns: n, seed },
    ).catch((e) => console.log(p.id, String(e.message).slice(0, 6000)));
  }
}, 600000);

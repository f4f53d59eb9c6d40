import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DAY, HOUR, MINUTE } from '../model/Params.js';
import { defaultUser, type UserInit } from '../model/vocabulary.js';
import { isLook, type Look, type RunStep } from '../adapters/RunStep.js';
import { minimize, type Attempt } from './minimize.js';
import type { ConcretePlan } from './Plan.js';

// A made-up tenant whose divergence needs `key` (in order, other steps between them allowed) and
// at least `minWait` of waiting before the last key step, which decides it: what minimize must
// boil a plan down to.
function oracle(key: readonly Look[], minWait: number, seen: ConcretePlan[] = []): Attempt {
  return async (plan) => {
    seen.push(plan);
    let k = 0;
    let waited = 0;
    for (let i = 0; i < plan.steps.length; i++) {
      const s = plan.steps[i]!;
      if (!isLook(s)) {
        if (s.do === 'wait') waited += s.ms;
        continue;
      }
      if (JSON.stringify(s) !== JSON.stringify(key[k])) continue;
      // the last key step decides only after the wait; the run is cut after it, as checkedRun does
      if (k === key.length - 1 && waited < minWait) continue;
      if (++k === key.length) return { ...plan, steps: plan.steps.slice(0, i + 1) };
    }
    return undefined;
  };
}

const look = fc.record({
  see: fc.constantFrom('graph' as const, 'sp-mysite' as const, 'owa-email' as const, 'yammer' as const),
  user: fc.constantFrom('alice', 'bob'),
  viewer: fc.constantFrom('carol', 'dave'),
});
const noise: fc.Arbitrary<RunStep> = fc.oneof(
  look,
  fc.record({ do: fc.constant('wait' as const), ms: fc.integer({ min: 1, max: 5 * HOUR }) }),
  fc.record({ do: fc.constant('visitMySite' as const), user: fc.constantFrom('alice', 'bob', 'erin') }),
);

const userNamed = (id: string): UserInit => ({ ...defaultUser(id), photo: 'p0', mySite: true, lync: 'online' });

describe('minimize', () => {
  it('leaves exactly the steps the divergence needs, no two waits in a row and only the users named, every result seen to diverge', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(look, { minLength: 1, maxLength: 3, selector: (l) => JSON.stringify(l) }),
        fc.array(fc.array(noise, { maxLength: 4 }), { minLength: 4, maxLength: 4 }),
        async (key, fillers) => {
          // the key's steps with noise around them, and enough waiting to diverge
          const steps: RunStep[] = [...fillers[0]!, { do: 'wait', ms: 2 * HOUR }];
          key.forEach((k, i) => steps.push(k, ...fillers[i + 1]!));
          const plan: ConcretePlan = { users: ['alice', 'bob', 'erin', 'zoe'].map(userNamed), steps, seed: 1 };
          const seen: ConcretePlan[] = [];
          const attempt = oracle(key, HOUR, seen);
          const start = await attempt(plan);
          expect(start).toBeDefined();
          const out = await minimize(start!, attempt, { surfaces: ['graph', 'sp-mysite'], waits: [] });
          expect(await attempt(out)).toEqual(out);
          expect(out.steps.filter((s) => isLook(s) || s.do !== 'wait')).toEqual(key);
          for (let i = 1; i < out.steps.length; i++) {
            const a = out.steps[i - 1]!;
            const b = out.steps[i]!;
            expect(!isLook(a) && a.do === 'wait' && !isLook(b) && b.do === 'wait').toBe(false);
          }
          const named = new Set(key.flatMap((k) => [k.user, k.viewer]));
          for (const u of out.users) {
            expect(named).toContain(u.id);
            // the made-up tenant does not care about the header: every field is back to its default
            expect(u).toEqual(defaultUser(u.id));
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('rounds a wait to a figure people read at a glance when the divergence stays', async () => {
    const key: Look[] = [{ see: 'graph', user: 'alice', viewer: 'bob' }];
    const plan: ConcretePlan = { users: [], seed: 1, steps: [{ do: 'wait', ms: 2 * HOUR + 17 * MINUTE + 3_417 }, ...key] };
    const out = await minimize(plan, oracle(key, 2 * HOUR));
    expect(out.steps).toEqual([{ do: 'wait', ms: 3 * HOUR }, ...key]);
  });

  it('takes out a step that only let a millisecond pass, keeping the millisecond', async () => {
    // diverges only when the look comes at 60,002 ms or later: each step but a wait takes 1 ms
    const key: Look = { see: 'owa-email', user: 'alice', viewer: 'bob' };
    const attempt: Attempt = async (plan) => {
      let t = 0;
      for (const s of plan.steps) {
        if (isLook(s) && JSON.stringify(s) === JSON.stringify(key)) return t >= 60_002 ? plan : undefined;
        t += !isLook(s) && s.do === 'wait' ? s.ms : 1;
      }
      return undefined;
    };
    const padding: Look = { see: 'yammer', user: 'bob', viewer: 'bob' };
    const plan: ConcretePlan = { users: [], seed: 1, steps: [padding, { do: 'wait', ms: 60_000 }, padding, key] };
    const out = await minimize(plan, attempt);
    expect(out.steps.filter((s) => isLook(s))).toEqual([key]);
  });

  it('moves the divergent look to another surface when that lets a step go', async () => {
    // graph shows it after a visit; sp-mysite shows it without one
    const attempt: Attempt = async (plan) => {
      const last = plan.steps.at(-1);
      if (last === undefined || !isLook(last)) return undefined;
      const visited = plan.steps.some((s) => !isLook(s) && s.do === 'visitMySite');
      return last.see === 'sp-mysite' || (last.see === 'graph' && visited) ? plan : undefined;
    };
    const plan: ConcretePlan = {
      users: [],
      seed: 1,
      steps: [
        { do: 'visitMySite', user: 'alice' },
        { see: 'graph', user: 'alice', viewer: 'bob' },
      ],
    };
    expect((await minimize(plan, attempt)).steps).toHaveLength(2);
    expect((await minimize(plan, attempt, { surfaces: ['graph', 'sp-mysite'], waits: [] })).steps).toEqual([
      { see: 'sp-mysite', user: 'alice', viewer: 'bob' },
    ]);
  });

  it('gives a state from the header instead of a step that sets it, when the divergence stays', async () => {
    // diverges when alice's policy forbids photos before the look, however it came to be so
    const key: Look = { see: 'owa-email', user: 'alice', viewer: 'bob' };
    const attempt: Attempt = async (plan) => {
      let enabled = plan.users.find((u) => u.id === 'alice')?.setPhotoEnabled ?? true;
      for (const s of plan.steps) {
        if (!isLook(s) && s.do === 'setPolicy') enabled = s.setPhotoEnabled;
        if (isLook(s) && JSON.stringify(s) === JSON.stringify(key)) return enabled ? undefined : plan;
      }
      return undefined;
    };
    const plan: ConcretePlan = { users: [], seed: 1, steps: [{ do: 'setPolicy', user: 'alice', setPhotoEnabled: false }, key] };
    const out = await minimize(plan, attempt);
    expect(out.steps).toEqual([key]);
    expect(out.users).toEqual([{ ...defaultUser('alice'), setPhotoEnabled: false }]);
  });

  it('waits longer before the last look when that makes a step needless', async () => {
    // diverges when a visit came before the look, or when the look comes an hour after the start
    const key: Look = { see: 'graph', user: 'alice', viewer: 'bob' };
    const attempt: Attempt = async (plan) => {
      let t = 0;
      let visited = false;
      for (const s of plan.steps) {
        if (isLook(s)) return visited || t >= HOUR ? plan : undefined;
        if (s.do === 'visitMySite') visited = true;
        t += s.do === 'wait' ? s.ms : 1;
      }
      return undefined;
    };
    const plan: ConcretePlan = { users: [], seed: 1, steps: [{ do: 'visitMySite', user: 'alice' }, { do: 'wait', ms: MINUTE }, key] };
    const actsAndLooks = (p: ConcretePlan) => p.steps.filter((s) => isLook(s) || s.do !== 'wait');
    expect(actsAndLooks(await minimize(plan, attempt))).toEqual([plan.steps[0], key]);
    const out = await minimize(plan, attempt, { surfaces: [], waits: [10 * MINUTE, HOUR + MINUTE, DAY] });
    expect(actsAndLooks(out)).toEqual([key]);
  });

  it('stops trying when told to, returning the plan it has', async () => {
    const key: Look[] = [{ see: 'graph', user: 'alice', viewer: 'bob' }];
    const plan: ConcretePlan = { users: [], seed: 1, steps: [{ do: 'visitMySite', user: 'alice' }, { do: 'wait', ms: 2 * HOUR }, ...key] };
    const seen: ConcretePlan[] = [];
    expect(await minimize(plan, oracle(key, HOUR, seen), undefined, () => true)).toBe(plan);
    expect(seen).toEqual([]);
  });
});

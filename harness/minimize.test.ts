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
          const out = await minimize(start!, attempt, { surfaces: ['graph', 'sp-mysite'], vias: [], waits: [] });
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
    expect((await minimize(plan, attempt, { surfaces: ['graph', 'sp-mysite'], vias: [], waits: [] })).steps).toEqual([
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
    const out = await minimize(plan, attempt, { surfaces: [], vias: [], waits: [10 * MINUTE, HOUR + MINUTE, DAY] });
    expect(actsAndLooks(out)).toEqual([key]);
  });

  it('puts two steps the other way round, or sets a photo through another path, when that lets a step go', async () => {
    // needs an upload; and either a look at the search page before a SharePoint upload, or a visit
    // and an Edit-Cancel before the look
    const look: Look = { see: 'sp-search', user: 'alice', viewer: 'bob' };
    const upload = { do: 'setPhoto', user: 'alice', photo: 'p1', via: 'sharepoint' } as const;
    const last: Look = { see: 'graph', user: 'alice', viewer: 'bob' };
    const attempt: Attempt = async (plan) => {
      const at = (p: (s: RunStep) => boolean) => plan.steps.findIndex(p);
      const l = at((s) => isLook(s) && s.see === 'sp-search');
      const u = at((s) => !isLook(s) && s.do === 'setPhoto');
      const viaSharePoint = u !== -1 && JSON.stringify(plan.steps[u]) === JSON.stringify(upload);
      const v = at((s) => !isLook(s) && s.do === 'visitMySite');
      const e = at((s) => !isLook(s) && s.do === 'editCancel');
      const ok = l !== -1 && u !== -1 && ((viaSharePoint && l < u) || (v !== -1 && e !== -1 && v < l && e < l));
      return ok && JSON.stringify(plan.steps.at(-1)) === JSON.stringify(last) ? plan : undefined;
    };
    const visit = { do: 'visitMySite', user: 'alice' } as const;
    const editCancel = { do: 'editCancel', user: 'alice' } as const;
    const scope = { surfaces: [], vias: ['graph', 'sharepoint'] as const, waits: [] };
    const swapped: ConcretePlan = { users: [], seed: 1, steps: [visit, editCancel, upload, look, last] };
    expect((await minimize(swapped, attempt, scope)).steps).toEqual([look, upload, last]);
    const viaGraph: ConcretePlan = { users: [], seed: 1, steps: [visit, editCancel, look, { ...upload, via: 'graph' }, last] };
    expect((await minimize(viaGraph, attempt, scope)).steps).toEqual([look, upload, last]);
    // without another path to try, the Graph upload's story is 1-minimal as it is
    expect((await minimize(viaGraph, attempt, { ...scope, vias: [] })).steps).toHaveLength(5);
  });

  it("gives an AD photo's one-time sync from the header instead of an AD write, when the divergence stays", async () => {
    const key: Look = { see: 'graph', user: 'alice', viewer: 'bob' };
    const attempt: Attempt = async (plan) => {
      const synced = plan.users.find((u) => u.id === 'alice')?.adSynced === true;
      const writes = plan.steps.filter((s) => !isLook(s) && s.do === 'setPhoto' && s.via === 'on-prem-ad').length;
      return writes + (synced ? 1 : 0) >= 2 && isLook(plan.steps.at(-1)!) ? plan : undefined;
    };
    const ad = (photo: string): RunStep => ({ do: 'setPhoto', user: 'alice', photo, via: 'on-prem-ad' });
    const out = await minimize({ users: [], seed: 1, steps: [ad('p1'), ad('p2'), key] }, attempt);
    expect(out.steps).toHaveLength(2);
    expect(out.steps.at(-1)).toEqual(key);
    expect(out.users).toEqual([{ ...defaultUser('alice'), adSynced: true }]);
  });

  it('stops trying when told to, returning the plan it has', async () => {
    const key: Look[] = [{ see: 'graph', user: 'alice', viewer: 'bob' }];
    const plan: ConcretePlan = { users: [], seed: 1, steps: [{ do: 'visitMySite', user: 'alice' }, { do: 'wait', ms: 2 * HOUR }, ...key] };
    const seen: ConcretePlan[] = [];
    expect(await minimize(plan, oracle(key, HOUR, seen), undefined, () => true)).toBe(plan);
    expect(seen).toEqual([]);
  });
});

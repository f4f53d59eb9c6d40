import { describe, expect, it } from 'vitest';
import { findProfile } from '../model/profiles.js';
import { HOUR, MINUTE } from '../model/Params.js';
import { defaultUser } from '../model/vocabulary.js';
import { DEFAULT_START } from '../adapters/sim/SimTenant.js';
import { findMutant } from '../adapters/sim/mutants/catalog.js';
import { checkedRun, storesRead } from './checkedRun.js';
import { simTenantFactory } from './TenantFactory.js';

const alice = { ...defaultUser('alice'), photo: 'p0' };
const sim = (profile: string, seed = 1) => simTenantFactory({ profile }).create(seed);

describe('checkedRun', () => {
  it('records one event per step, with outcomes and photos, a millisecond apart but for waits', async () => {
    const run = await checkedRun(sim('microsoft-2024'), findProfile('microsoft-2024')!, {
      users: [alice],
      seed: 1,
      steps: [
        { do: 'setPhoto', user: 'alice', photo: 'p1', via: 'admin-cmdlet' },
        { do: 'wait', ms: MINUTE },
        { see: 'graph', user: 'alice', viewer: 'bob' },
      ],
    });
    expect(run.start).toEqual({ start: DEFAULT_START, users: [alice] });
    expect(run.events).toEqual([
      expect.objectContaining({ at: DEFAULT_START, do: 'setPhoto', result: 'rejected' }),
      { at: DEFAULT_START + 1, do: 'wait', ms: MINUTE, result: 'ok' },
      { at: DEFAULT_START + 1 + MINUTE, see: 'graph', user: 'alice', viewer: 'bob', photo: 'p0' },
    ]);
    expect(run.verdict).toEqual({ profile: 'microsoft-2024', verdict: 'conforms' });
    expect(run.allowed).toBeUndefined();
  });

  it('stops at the divergence and returns it as data, with the plan cut there', async () => {
    const steps = [
      { see: 'lync', user: 'alice', viewer: 'bob' },
      { see: 'graph', user: 'alice', viewer: 'bob' },
    ] as const;
    // microsoft-2024 has no Lync: the tenant of 2014 shows it, the model of 2024 refuses it
    const run = await checkedRun(sim('threewill-2014'), findProfile('microsoft-2024')!, { users: [alice], seed: 1, steps });
    expect(run.verdict).toMatchObject({ verdict: 'diverges', divergence: { line: 2, rules: ['LYNC-PRESENCE'] } });
    expect(run.events).toHaveLength(1);
    expect(run.plan.steps).toEqual([steps[0]]);
  });

  it('waits until just past a window opened by an earlier action, and skips a wait whose time is past', async () => {
    const run = await checkedRun(sim('threewill-2014'), findProfile('threewill-2014')!, {
      users: [alice],
      seed: 1,
      steps: [
        { do: 'setPhoto', user: 'alice', photo: 'p1', via: 'graph' },
        { do: 'wait', ms: 2 * HOUR },
        { waitUntil: HOUR, back: 0, delta: 0 },
        { see: 'graph', user: 'alice', viewer: 'bob' },
        { waitUntil: 3 * HOUR, back: 0, delta: 5 },
        { see: 'graph', user: 'alice', viewer: 'bob' },
      ],
    });
    expect(run.plan.steps).toEqual([
      { do: 'setPhoto', user: 'alice', photo: 'p1', via: 'graph' },
      { do: 'wait', ms: 2 * HOUR },
      { see: 'graph', user: 'alice', viewer: 'bob' },
      { do: 'wait', ms: 3 * HOUR + 5 - (2 * HOUR + 2) },
      { see: 'graph', user: 'alice', viewer: 'bob' },
    ]);
    expect(run.events.at(-1)?.at).toBe(DEFAULT_START + 3 * HOUR + 5);
  });

  it('with annotate, gives what the model allowed for each observation, and the same verdict', async () => {
    const mutant = findMutant('owa-caches-ten-minutes')!;
    const plan = { ...mutant.minimal, seed: 3 };
    const tenant = () => simTenantFactory({ profile: 'threewill-2014', mutant }).create(3);
    const plain = await checkedRun(tenant(), findProfile('threewill-2014')!, plan);
    const annotated = await checkedRun(tenant(), findProfile('threewill-2014')!, plan, { annotate: true });
    expect(annotated.verdict).toEqual(plain.verdict);
    expect(annotated.events).toEqual(plain.events);
    expect(annotated.allowed).toEqual([['p0'], undefined, undefined, ['p1']]);
  });
});

describe('storesRead', () => {
  it("names the stores a plan's looks read, with Exchange behind SharePoint and Viva Engage, and nothing for a user no look reads", () => {
    const reads = storesRead({
      steps: [
        { do: 'setPhoto', user: 'carol', photo: 'p1', via: 'graph' },
        { see: 'owa-email', user: 'alice', viewer: 'bob' },
        { waitUntil: HOUR, back: 0, delta: 0 },
        { see: 'sp-newsfeed', user: 'bob', viewer: 'alice' },
        { see: 'yammer', user: 'bob', viewer: 'carol' },
      ],
    });
    expect(Object.fromEntries([...reads].map(([u, s]) => [u, [...s].sort()]))).toEqual({
      alice: ['exchange'],
      bob: ['exchange', 'sharepoint', 'yammer'],
    });
  });
});

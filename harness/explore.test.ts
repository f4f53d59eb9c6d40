import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { findProfile, PROFILES } from '../model/profiles.js';
import { checkTraceFile } from '../trace/checkTraceFile.js';
import { findMutant } from '../adapters/sim/mutants/catalog.js';
import { checkedRun } from './checkedRun.js';
import { explore, type Exploration } from './explore.js';
import { planLength, type Plan } from './Plan.js';
import { ReplayPathError } from './ReplayPathError.js';
import { simTenantFactory, type TenantFactory } from './TenantFactory.js';
import { writeTrace } from './traceFiles.js';

// The harness's own definition of done, at a budget CI affords: it finds a handful of mutants,
// shrinks each to a short story that re-checks offline to the same verdict, replays it exactly
// from its seed and path, and finds nothing on a tenant that conforms.

const MAX_ACTIONS = 30;
/** less than `photosync mutants` gives each mutant, so that CI stays fast */
const BUDGET = 2000;

/** A few mutants of different kinds: a cache, a throttle, a path, a directory sync, a refusal. */
const HANDFUL = [
  ['owa-caches-ten-minutes', 'threewill-2014'],
  ['sp-needs-no-visit', 'microsoft-2014'],
  ['people-picker-cached', 'exchange-2015'],
  ['dirsync-off', 'microsoft-2024'],
  ['teams-caches-ninety-days', 'microsoft-2024'],
  ['retired-cmdlet-works', 'microsoft-2024'],
] as const;

function diverging(e: Exploration): asserts e is Exploration & { outcome: 'diverges' } {
  if (e.outcome !== 'diverges') expect.fail(`expected a divergence in ${e.runs} runs`);
}

describe.each(HANDFUL)('explore finds mutant %s on %s', (id, profileId) => {
  const mutant = findMutant(id)!;
  const profile = findProfile(profileId)!;
  const tenants = simTenantFactory({ profile: profileId, mutant });

  it(`within ${BUDGET} runs, shrunk to at most twice its known minimal length, a story of the mutant's doing`, async () => {
    const e = await explore(tenants, profile, { runs: BUDGET, maxActions: MAX_ACTIONS, seed: 11 });
    diverging(e);
    expect(e.runs).toBeLessThanOrEqual(BUDGET);
    expect(e.length).toBe(planLength(e.counterexample.plan.steps));
    expect(e.length).toBeLessThanOrEqual(2 * mutant.minimalLength);
    expect(e.length).toBeLessThanOrEqual(e.foundLength);
    // the rules cited are those of the story found, which may be another than the catalog's
    if (e.counterexample.verdict.verdict !== 'diverges') return expect.fail('the counterexample does not diverge');
    expect(e.counterexample.verdict.divergence.rules.length).toBeGreaterThan(0);
    // the unmutated tenant, on the very same plan and dice, conforms: the story is the mutant's doing
    const plan = e.counterexample.plan;
    const unmutated = await checkedRun(simTenantFactory({ profile: profileId }).create(plan.seed), profile, plan);
    expect(unmutated.verdict.verdict).toBe('conforms');
  });

  it('whose counterexample, written as a trace, re-checks offline to the same verdict', async () => {
    const e = await explore(tenants, profile, { runs: BUDGET, maxActions: MAX_ACTIONS, seed: 12 });
    diverging(e);
    const path = writeTrace(mkdtempSync(join(tmpdir(), 'photosync-explore-')), 'cx', e.counterexample, {
      ...tenants.describe,
      seed: e.seed,
      path: e.path,
    });
    const offline = await checkTraceFile(path, [profile]);
    expect(offline.torn).toBeUndefined();
    const [verdict] = offline.results;
    if (verdict?.verdict !== 'diverges' || e.counterexample.verdict.verdict !== 'diverges') return expect.fail(JSON.stringify(verdict));
    const { event: _read, ...fromFile } = verdict.divergence;
    const { event: _inMemory, ...online } = e.counterexample.verdict.divergence;
    expect(fromFile).toEqual(online);
  });

  it('and replays it exactly from its seed and path', async () => {
    const first = await explore(tenants, profile, { runs: BUDGET, maxActions: MAX_ACTIONS, seed: 13 });
    diverging(first);
    const again = await explore(tenants, profile, { runs: BUDGET, maxActions: first.maxActions, seed: first.seed, path: first.path });
    diverging(again);
    expect(again.counterexample.events).toEqual(first.counterexample.events);
    expect(again.counterexample.plan).toEqual(first.counterexample.plan);
  });
});

describe('explore, after shrinking', () => {
  it('looks among shorter plans for a shorter story, and gives the seed, path and max-actions that replay the one it keeps', async () => {
    // on this seed the first divergence shrinks to a longer story than the mutant needs
    const mutant = findMutant('exchange-takes-a-day')!;
    const profile = findProfile('threewill-2014')!;
    const tenants = simTenantFactory({ profile: profile.id, mutant });
    const e = await explore(tenants, profile, { runs: BUDGET, maxActions: MAX_ACTIONS, seed: 58 });
    diverging(e);
    expect(e.maxActions).toBeLessThan(MAX_ACTIONS);
    expect(e.length).toBeLessThanOrEqual(e.maxActions);
    expect(e.length).toBe(mutant.minimalLength);
    expect(e.seed).not.toBe(58);
    const again = await explore(tenants, profile, { runs: BUDGET, maxActions: e.maxActions, seed: e.seed, path: e.path });
    diverging(again);
    expect(again.counterexample.events).toEqual(e.counterexample.events);
  });
});

describe('explore on a tenant that conforms', () => {
  it.each(PROFILES.map((p) => [p.id, p] as const))('finds no divergence in 3 x 150 runs (%s)', async (id, profile) => {
    for (const seed of [1, 2, 3]) {
      const e = await explore(simTenantFactory({ profile: id }), profile, { runs: 150, maxActions: MAX_ACTIONS, seed });
      expect(e.outcome, `seed ${seed}`).toBe('conforms');
      expect(e.runs).toBe(150);
      expect(e.actions).toBeGreaterThan(150);
    }
  });

  it('never reports a fault (an unknown outcome or look) as a divergence', async () => {
    const profile = findProfile('threewill-2014')!;
    const e = await explore(simTenantFactory({ profile: profile.id, faults: 0.2 }), profile, {
      runs: 200,
      maxActions: MAX_ACTIONS,
      seed: 5,
    });
    expect(e.outcome).toBe('conforms');
  });

  it('hands every run before the first divergence to the recorder, numbered from 1', async () => {
    const profile = findProfile('exchange-2015')!;
    const indexes: number[] = [];
    let events = 0;
    const e = await explore(simTenantFactory({ profile: profile.id }), profile, {
      runs: 25,
      maxActions: 10,
      seed: 9,
      record: (index) => {
        indexes.push(index);
        return { start: () => undefined, event: () => void events++, close: () => undefined };
      },
    });
    expect(indexes).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    expect(events).toBeGreaterThanOrEqual(e.actions);
  });

  it('stops soon when told to, and says it was interrupted', async () => {
    const profile = findProfile('threewill-2014')!;
    const stop = { stopped: false };
    const e = await explore(simTenantFactory({ profile: profile.id }), profile, {
      runs: 1_000_000,
      maxActions: MAX_ACTIONS,
      seed: 1,
      stop,
      onProgress: (p) => {
        if (p.runs >= 20) stop.stopped = true;
      },
    });
    expect(e.interrupted).toBe(true);
    expect(e.outcome).toBe('conforms');
    expect(e.runs).toBeLessThan(1_000_000);
  });

  it("lets an adapter's own failure through instead of calling it a divergence", async () => {
    const profile = findProfile('threewill-2014')!;
    const real = simTenantFactory({ profile: profile.id });
    const broken: TenantFactory = {
      ...real,
      create: (seed) => ({
        ...real.create(seed),
        observe: () => Promise.reject(new TypeError('adapter bug')),
      }),
    };
    await expect(explore(broken, profile, { runs: 50, maxActions: MAX_ACTIONS, seed: 1 })).rejects.toThrow('adapter bug');
  });
});

describe('explore replaying a path', () => {
  const mutant = findMutant('owa-caches-ten-minutes')!;
  const profile = findProfile('threewill-2014')!;
  const mutated = simTenantFactory({ profile: profile.id, mutant });
  const unmutated = simTenantFactory({ profile: profile.id });

  /** `tenants`, counting the tenants it makes */
  const counting = (tenants: TenantFactory) => {
    const made = { count: 0 };
    return { made, tenants: { ...tenants, create: (seed: number) => (made.count++, tenants.create(seed)) } };
  };

  it.each(['0:999999', '0:999999:0'])(
    'throws ReplayPathError (no-run) for path %s, which leads to no run with these options, making none',
    async (path) => {
      const { made, tenants } = counting(unmutated);
      const error = await explore(tenants, profile, { runs: 200, maxActions: MAX_ACTIONS, seed: 5, path }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ReplayPathError);
      expect(error).toMatchObject({ code: 'PHOTOSYNC_REPLAY_PATH', reason: 'no-run', path });
      expect(made.count).toBe(0);
    },
  );

  describe('where the run at the path conforms', () => {
    let found: Exploration & { outcome: 'diverges' };
    beforeAll(async () => {
      const e = await explore(mutated, profile, { runs: BUDGET, maxActions: MAX_ACTIONS, seed: 13 });
      diverging(e);
      found = e;
    });

    it('throws ReplayPathError (conforms) on a tenant that repeats itself, recording nothing', async () => {
      let recorded = 0;
      const error = await explore(unmutated, profile, {
        runs: 200,
        maxActions: found.maxActions,
        seed: found.seed,
        path: found.path,
        record: () => (recorded++, { start: () => undefined, event: () => undefined, close: () => undefined }),
      }).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'PHOTOSYNC_REPLAY_PATH', reason: 'conforms', path: found.path });
      expect(recorded).toBe(0);
    });

    it('makes that one run alone on a tenant without a seed, and says the path did not reproduce a divergence', async () => {
      const { made, tenants } = counting({ ...unmutated, seeded: false });
      const e = await explore(tenants, profile, { runs: 200, maxActions: found.maxActions, seed: found.seed, path: found.path });
      expect(e).toMatchObject({ outcome: 'conforms', runs: 1, notReproduced: found.path });
      expect(made.count).toBe(1);
    });
  });
});

describe('explore stopped while shrinking', () => {
  it('says its shrinking was stopped, and gives the path that replays its story, then shrinks it to the end', async () => {
    // runs of hundreds of steps: the first divergence comes soon, its shrinking takes long
    const mutant = findMutant('sp-upload-not-picked-up')!;
    const profile = findProfile('microsoft-2026')!;
    const sim = simTenantFactory({ profile: profile.id, mutant });
    const stop = { stopped: false };
    let generated = 0;
    let made = 0;
    // every run before the divergence is handed to the recorder before its tenant is made: a tenant
    // made beyond them is one of shrinking's
    const tenants: TenantFactory = {
      ...sim,
      create: (seed) => {
        if (++made > generated + 1000) stop.stopped = true;
        return sim.create(seed);
      },
    };
    const noSink = { start: () => undefined, event: () => undefined, close: () => undefined };
    const e = await explore(tenants, profile, {
      runs: 200,
      maxActions: 1000,
      seed: 1,
      stop,
      record: () => (generated++, noSink),
    });
    diverging(e);
    expect(e).toMatchObject({ interrupted: true, shrinkingStopped: true });

    let replayed: Plan | undefined;
    const again = await explore(sim, profile, {
      runs: 200,
      maxActions: e.maxActions,
      seed: e.seed,
      path: e.path,
      record: (_index, plan) => ((replayed ??= plan), noSink),
    });
    diverging(again);
    // the run at the path is the story printed, then shrunk further
    expect((await checkedRun(sim.create(replayed!.seed), profile, replayed!)).events).toEqual(e.counterexample.events);
    expect(again.shrinkingStopped).toBe(false);
    expect(again.length).toBeLessThan(e.length);
  });
});

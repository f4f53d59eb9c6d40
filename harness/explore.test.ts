import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findProfile, PROFILES } from '../model/profiles.js';
import { checkTraceFile } from '../trace/checkTraceFile.js';
import { findMutant } from '../adapters/sim/mutants/catalog.js';
import { checkedRun } from './checkedRun.js';
import { explore, type Exploration } from './explore.js';
import { planLength } from './Plan.js';
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

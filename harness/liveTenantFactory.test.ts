import { afterEach, describe, expect, it } from 'vitest';
import { liveOnEmulator, type LiveOnEmulator } from './liveOnEmulator.js';
import { findMutant } from '../adapters/sim/mutants/catalog.js';
import { findProfile } from '../model/profiles.js';
import type { TraceEvent } from '../model/vocabulary.js';
import { explore } from './explore.js';
import { liveTenantFactory } from './liveTenantFactory.js';
import { planLength } from './Plan.js';

let live: LiveOnEmulator | undefined;
afterEach(async () => {
  await live?.close();
  live = undefined;
});

/** Harness → live adapter → HTTPS → tenant emulator → simulated mechanics; slower than the simulator alone, so a longer timeout. */
describe('the harness on a live tenant (the emulator)', { timeout: 240_000 }, () => {
  it.each(['microsoft-2026', 'threewill-2014'])('finds a %s tenant conforming to its own profile', async (profile) => {
    live = await liveOnEmulator({ seed: 21, profile });
    const tenant = liveTenantFactory(live.adapter, live.configPath);
    const e = await explore(tenant, findProfile(profile)!, { runs: 25, maxActions: 12, seed: 3 });
    expect(e.outcome).toBe('conforms');
    expect(e.runs).toBe(25);
    expect(e.undecided).toBe(0);
  });

  it('finds a tenant with a history, surveyed, conforming', async () => {
    live = await liveOnEmulator({ seed: 22, profile: 'microsoft-2026', asIs: true });
    const e = await explore(liveTenantFactory(live.adapter, live.configPath), findProfile('microsoft-2026')!, {
      runs: 20,
      maxActions: 12,
      seed: 4,
    });
    expect(e.outcome).toBe('conforms');
  });

  it("refutes a mutant emulator with a counterexample as short as the mutant's minimal story", async () => {
    const mutant = findMutant('sp-needs-no-visit')!;
    live = await liveOnEmulator({ seed: 23, profile: 'microsoft-2026', mutant: mutant.id });
    const e = await explore(liveTenantFactory(live.adapter, live.configPath), findProfile('microsoft-2026')!, {
      runs: 200,
      maxActions: 12,
      seed: 5,
    });
    expect(e.outcome).toBe('diverges');
    if (e.outcome !== 'diverges') return;
    expect(e.counterexample.verdict).toMatchObject({ verdict: 'diverges', divergence: { rules: expect.arrayContaining([mutant.breaks]) } });
    expect(planLength(e.counterexample.plan.steps)).toBeLessThanOrEqual(mutant.minimalLength);
    // a report shows the test photos the tenant really showed: small JPEGs, for photo ids only
    const tenant = liveTenantFactory(live.adapter, live.configPath);
    const images = await tenant.images!(['p1', 'none', 'unknown']);
    expect(Object.keys(images)).toEqual(['p1']);
    expect(images.p1).toMatch(/^data:image\/jpeg;base64,[A-Za-z0-9+/]+=*$/);
  });

  it('loses no event and cries no wolf at 10% faults: every step is recorded, a fault as unknown', async () => {
    live = await liveOnEmulator({ seed: 24, profile: 'microsoft-2026', faultRate: 0.1 });
    const recorded: TraceEvent[][] = [];
    const e = await explore(liveTenantFactory(live.adapter, live.configPath), findProfile('microsoft-2026')!, {
      runs: 12,
      maxActions: 10,
      seed: 6,
      record: () => {
        const events: TraceEvent[] = [];
        recorded.push(events);
        return { start: () => {}, event: (ev) => void events.push(ev), close: () => {} };
      },
    });
    expect(e.outcome).not.toBe('diverges');
    expect(recorded).toHaveLength(12);
    // every step of every run is in its trace (a run that conforms plays all its steps)
    expect(recorded.flat().filter((ev) => !('do' in ev && ev.do === 'wait')).length).toBe(e.actions);
  });
});

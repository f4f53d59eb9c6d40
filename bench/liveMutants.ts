import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { MUTANTS } from '../adapters/sim/mutants/catalog.js';
import { knownMinimalLength } from '../adapters/sim/mutants/Mutant.js';
import { explore } from '../harness/explore.js';
import { liveOnEmulator } from '../harness/liveOnEmulator.js';
import { liveTenantFactory } from '../harness/liveTenantFactory.js';
import { planLength } from '../harness/Plan.js';
import { simTenantFactory } from '../harness/TenantFactory.js';
import { findProfile } from '../model/profiles.js';
import { announce, positive, say } from './benchKit.js';

/**
 * `node dist/bench/liveMutants.js [--profile P] [--runs N] [--max-actions K]` (not part of `npm run
 * bench`: about 20 minutes): each mutant of a profile's rules, as a tenant emulator, refuted or not
 * through the live adapter, beside the simulator with the same runs and seed. A measurement: it
 * asserts nothing.
 */
const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      profile: { type: 'string', default: 'microsoft-2026' },
      runs: { type: 'string', default: '300' },
      'max-actions': { type: 'string', default: '12' },
      seed: { type: 'string', default: '9' },
    },
  });
  const profile = findProfile(values.profile);
  if (profile === undefined) throw new Error(`--profile: no profile ${values.profile}`);
  const runs = positive('runs', values.runs);
  const maxActions = positive('max-actions', values['max-actions']);
  const seed = positive('seed', values.seed);
  announce(
    `mutants of ${profile.id} through the live adapter on the tenant emulator (${runs} runs of up to ${maxActions}, seed ${seed})`,
    ROOT,
  );
  say('mutant\trule\tlive\truns\tlength\tminimal\tsimulator\ttime');
  for (const mutant of MUTANTS.filter((m) => m.profiles.includes(profile.id))) {
    const began = performance.now();
    const sim = await explore(simTenantFactory({ profile: profile.id, mutant }), profile, { runs, maxActions, seed });
    const live = await liveOnEmulator(
      { seed: 7, profile: profile.id, mutant: mutant.id },
      (c) => void (c.budget = { requests: 10_000_000, hours: 10_000 }),
    );
    try {
      const { adapter, configPath: path } = live;
      const e = await explore(liveTenantFactory(adapter, path), profile, { runs, maxActions, seed });
      const killed = e.outcome === 'diverges';
      say(
        [
          mutant.id,
          mutant.breaks,
          killed ? 'killed' : 'survived',
          e.runs,
          killed ? planLength(e.counterexample.plan.steps) : '',
          knownMinimalLength(mutant, profile.id),
          sim.outcome === 'diverges' ? `killed in ${sim.runs}` : 'survived',
          `${((performance.now() - began) / 1000).toFixed(0)} s`,
        ].join('\t'),
      );
    } finally {
      await live.close();
    }
  }
}

await main();

import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Adapter, ObserveOutcome } from '../adapters/Adapter.js';
import type { LiveAdapter } from '../adapters/live/createLiveAdapter.js';
import { DEFAULT_MAX_ACTIONS } from '../cli/harnessOptions.js';
import { explore } from '../harness/explore.js';
import { liveOnEmulator } from '../harness/liveOnEmulator.js';
import { liveTenantFactory } from '../harness/liveTenantFactory.js';
import { findProfile } from '../model/profiles.js';
import { announce, positive, say } from './benchKit.js';

/**
 * `node dist/bench/liveBench.js` (part of `npm run bench`): the live adapter on the tenant emulator,
 * requests to the tenant's services per checked observation (goal at most 1.2 without faults), with
 * and without faults, split into the requests of looks, of actions and of each run's setup and
 * survey; sign-in and the emulator's own clock and scripted operator, which a real tenant does not
 * have, are not counted. A measurement: it asserts nothing.
 */
const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const GOAL = 1.2;

type Tally = { looks: number; seen: number; lookRequests: number; actions: number; actionRequests: number; startRequests: number };

/** The adapter, counting the requests each kind of call makes. */
function counted(adapter: LiveAdapter, tally: Tally): LiveAdapter {
  const around = async <T>(f: () => Promise<T>, add: (n: number) => void): Promise<T> => {
    const before = adapter.requests();
    try {
      return await f();
    } finally {
      add(adapter.requests() - before);
    }
  };
  const perform = Object.fromEntries(
    Object.entries(adapter.perform).map(([kind, handler]) => [
      kind,
      (a: never) =>
        around(
          () => (handler as (a: never) => Promise<unknown>)(a),
          (n) => {
            if (kind === 'wait') return void (tally.startRequests += n);
            tally.actions++;
            tally.actionRequests += n;
          },
        ),
    ]),
  ) as unknown as Adapter['perform'];
  return {
    ...adapter,
    perform,
    setup: (users, settings, puts) =>
      around(
        () => adapter.setup(users, settings, puts),
        (n) => void (tally.startRequests += n),
      ),
    survey: (users, reads) =>
      around(
        () => adapter.survey!(users, reads),
        (n) => void (tally.startRequests += n),
      ),
    observe: (surface, user, viewer) =>
      around(
        async (): Promise<ObserveOutcome> => {
          const o = await adapter.observe(surface, user, viewer);
          tally.looks++;
          if (o.status === 'seen') tally.seen++;
          return o;
        },
        (n) => void (tally.lookRequests += n),
      ),
  };
}

async function measure(faultRate: number, runs: number, seed: number): Promise<void> {
  const live = await liveOnEmulator(
    { seed, profile: 'microsoft-2026', faultRate },
    (c) => void (c.budget = { requests: 10_000_000, hours: 10_000 }),
  );
  try {
    const { adapter, configPath: path } = live;
    const tally: Tally = { looks: 0, seen: 0, lookRequests: 0, actions: 0, actionRequests: 0, startRequests: 0 };
    const began = performance.now();
    const e = await explore(liveTenantFactory(counted(adapter, tally), path), findProfile('microsoft-2026')!, {
      runs,
      maxActions: DEFAULT_MAX_ACTIONS,
      seed,
    });
    const ms = performance.now() - began;
    const total = tally.lookRequests + tally.actionRequests + tally.startRequests;
    say(
      `faults ${(faultRate * 100).toFixed(0)}%: ${e.outcome} in ${e.runs} runs, ${tally.looks} looks (${tally.seen} seen), ${tally.actions} actions, ` +
        `${total} requests in ${(ms / 1000).toFixed(1)} s`,
    );
    say(
      `  requests per checked observation: ${(total / tally.seen).toFixed(2)} in all (goal ${GOAL} without faults); ` +
        `looks alone ${(tally.lookRequests / tally.looks).toFixed(2)} per look, actions ${(tally.actionRequests / Math.max(1, tally.actions)).toFixed(2)} per action, ` +
        `setup and survey ${(tally.startRequests / e.runs).toFixed(1)} per run`,
    );
    await adapter.restoreOriginals();
  } finally {
    await live.close();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '40' }, seed: { type: 'string', default: '1' } } });
  const runs = positive('runs', values.runs);
  const seed = positive('seed', values.seed);
  announce('the live adapter on the tenant emulator: HTTP requests per checked observation', ROOT);
  for (const faults of [0, 0.1]) await measure(faults, runs, seed);
}

await main();

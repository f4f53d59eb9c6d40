import { Random } from './Random.js';
import { readDiceOf, type SimContext } from './SimContext.js';
import { tenantBehaviour } from './TenantBehaviour.js';
import { VersionClock } from './Version.js';
import { VirtualClock } from './VirtualClock.js';

/** Test helper: a fresh context of the simulated tenant, at time 0. */
export function context(profile: string, seed = 1): SimContext {
  const clock = new VirtualClock(0);
  return {
    clock,
    random: new Random(seed),
    readDice: readDiceOf(seed, clock),
    behaviour: tenantBehaviour(profile),
    versions: new VersionClock(),
    deviations: {},
  };
}

/** Seeds enough to see both sides of every coin the simulator tosses. */
export const SEEDS = Array.from({ length: 60 }, (_, i) => i + 1);

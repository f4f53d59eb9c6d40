import { Random } from './Random.js';
import type { SimContext } from './SimContext.js';
import { tenantBehaviour } from './TenantBehaviour.js';
import { VersionClock } from './Version.js';
import { VirtualClock } from './VirtualClock.js';

/** Test helper: a fresh context of the simulated tenant, at time 0. */
export function context(profile: string, seed = 1): SimContext {
  return {
    clock: new VirtualClock(0),
    random: new Random(seed),
    behaviour: tenantBehaviour(profile),
    versions: new VersionClock(),
    deviations: {},
  };
}

/** Seeds enough to see both sides of every coin the simulator tosses. */
export const SEEDS = Array.from({ length: 60 }, (_, i) => i + 1);

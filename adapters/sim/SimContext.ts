import type { Random } from './Random.js';
import type { TenantBehaviour } from './TenantBehaviour.js';
import type { VersionClock } from './Version.js';
import type { VirtualClock } from './VirtualClock.js';

/** What every part of the simulated tenant shares: its time, its chance, its profile, its change order; one per tenant. */
export type SimContext = {
  readonly clock: VirtualClock;
  readonly random: Random;
  readonly behaviour: TenantBehaviour;
  readonly versions: VersionClock;
};

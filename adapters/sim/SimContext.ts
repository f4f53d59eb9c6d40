import type { Deviations } from './Deviations.js';
import type { Random } from './Random.js';
import type { TenantBehaviour } from './TenantBehaviour.js';
import type { VersionClock } from './Version.js';
import type { VirtualClock } from './VirtualClock.js';

/** What every part of the simulated tenant shares: its time, its chance, its profile, its change order, its deviations; one per tenant. */
export type SimContext = {
  readonly clock: VirtualClock;
  readonly random: Random;
  readonly behaviour: TenantBehaviour;
  readonly versions: VersionClock;
  /** where this tenant departs from its profile (a mutant); empty for the real thing */
  readonly deviations: Deviations;
};

import type { Deviations } from './Deviations.js';
import { Random } from './Random.js';
import type { TenantBehaviour } from './TenantBehaviour.js';
import type { VersionClock } from './Version.js';
import type { VirtualClock } from './VirtualClock.js';

/** What every part of the simulated tenant shares: its time, its chance, its profile, its change order, its deviations; one per tenant. */
export type SimContext = {
  readonly clock: VirtualClock;
  readonly random: Random;
  /**
   * The dice of one read (`key` says what is read): drawn from the tenant's seed, the instant and
   * the key, never from `random`, so that looking at the tenant changes nothing of what it does
   * next, and the same read at the same instant sees the same.
   */
  readonly readDice: (key: string) => Random;
  readonly behaviour: TenantBehaviour;
  readonly versions: VersionClock;
  /** where this tenant departs from its profile (a mutant); empty for the real thing */
  readonly deviations: Deviations;
};

/** `readDice` for a tenant of `seed` on `clock`: a Random seeded from the seed, the instant and the key (FNV-1a over the three). */
export function readDiceOf(seed: number, clock: VirtualClock): (key: string) => Random {
  return (key) => {
    const now = clock.now();
    let h = 0x811c9dc5;
    const mix = (byte: number) => (h = Math.imul(h ^ (byte & 0xff), 0x01000193) >>> 0);
    for (const n of [seed, Math.floor(now / 0x1_0000_0000), now >>> 0]) for (let i = 0; i < 4; i++) mix(n >>> (8 * i));
    for (let i = 0; i < key.length; i++) mix(key.charCodeAt(i));
    return new Random(h);
  };
}

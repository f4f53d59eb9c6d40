import { MINUTE } from '../../model/Params.js';
import { PROFILES } from '../../model/profiles.js';
import type { Profile } from '../../model/Profile.js';

/**
 * How long after a change a tenant of `profile` may still move by itself: a change on its way to
 * Exchange (through DirSync too), settings taking effect, Viva Engage's sync, and a SharePoint
 * push at a window's end (a visit remembered in the throttle window) with its pickup.
 */
export function settlingTime(profile: Profile): number {
  const p = profile.params;
  const v = (x: number | undefined) => x ?? 0;
  return Math.max(
    v(p.exoLag) + v(p.dirSyncInterval),
    v(p.settingsLag),
    v(p.yammerSync),
    v(p.spThrottle) + v(p.spPickup),
    v(p.spSync) + v(p.spPickup),
  );
}

/**
 * How long a live tenant is left alone after the last change before it is surveyed again, under
 * every profile, with a minute to spare: no header field can say that something is still on its way
 * (SPEC section 6), so a survey taken sooner could make the checker cry wolf.
 */
export const QUIET_AFTER_CHANGE = Math.max(...PROFILES.map(settlingTime)) + MINUTE;

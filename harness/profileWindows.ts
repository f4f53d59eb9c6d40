import { HOUR, type ParamName } from '../model/Params.js';
import type { Profile } from '../model/Profile.js';

/**
 * The durations where a profile's rules change their answer: each parameter, the sums the SPEC's
 * windows are made of (a change reaches Exchange, then a cache keeps it), and the 24 and 72 hours
 * the sources speak of. Invariant: sorted, distinct, positive.
 */
export function profileWindows(p: Profile): number[] {
  const param = (n: ParamName) => p.params[n];
  const out = new Set<number>([24 * HOUR, 72 * HOUR]);
  for (const v of Object.values(p.params)) if (v !== undefined && v > 0) out.add(v);
  const sum = (a: ParamName, b: ParamName) => {
    const x = param(a);
    const y = param(b);
    if (x !== undefined && y !== undefined) out.add(x + y);
  };
  sum('exoLag', 'owaCache');
  sum('exoLag', 'lyncLag');
  sum('dirSyncInterval', 'exoLag');
  sum('spThrottle', 'spPickup');
  sum('spSync', 'spPickup');
  sum('exoLag', 'yammerSync');
  sum('exoLag', 'teamsCache');
  sum('exoLag', 'teamsServiceCache');
  sum('exoLag', 'settingsLag');
  return [...out].sort((a, b) => a - b);
}

/** The duration parameters of SPEC section 5, in milliseconds. */
export const PARAM_NAMES = [
  'exoLag',
  'owaCache',
  'lyncLag',
  'teamsCache',
  'teamsServiceCache',
  'spThrottle',
  'spPickup',
  'spSync',
  'yammerSync',
  'dirSyncInterval',
  'settingsLag',
] as const;
export type ParamName = (typeof PARAM_NAMES)[number];
export type Params = { readonly [P in ParamName]?: number };

/**
 * `p` with every parameter, absent ones undefined, in one order: one shape whatever the profile, so
 * that the checker's reads of its parameters stay monomorphic across the profiles a worker checks.
 */
export function everyParam(p: Params): Params {
  // every parameter named (`satisfies`): one added to PARAM_NAMES and forgotten here is a compile error
  return {
    exoLag: p.exoLag,
    owaCache: p.owaCache,
    lyncLag: p.lyncLag,
    teamsCache: p.teamsCache,
    teamsServiceCache: p.teamsServiceCache,
    spThrottle: p.spThrottle,
    spPickup: p.spPickup,
    spSync: p.spSync,
    yammerSync: p.yammerSync,
    dirSyncInterval: p.dirSyncInterval,
    settingsLag: p.settingsLag,
  } satisfies Record<ParamName, number | undefined>;
}

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** A duration as people write it: `72 h`, `10 min`, `60 s`, `60 d`. */
export function formatDuration(ms: number): string {
  if (ms % DAY === 0 && ms >= 7 * DAY) return `${ms / DAY} d`;
  if (ms % HOUR === 0 && ms >= HOUR) return `${ms / HOUR} h`;
  if (ms % MINUTE === 0 && ms > MINUTE) return `${ms / MINUTE} min`;
  return `${ms / SECOND} s`;
}

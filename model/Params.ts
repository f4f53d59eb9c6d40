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

import { checkEvents } from '../model/checkEvents.js';
import { DAY, HOUR, MINUTE, SECOND, type ParamName } from '../model/Params.js';
import type { Profile } from '../model/Profile.js';
import type { TraceStart } from '../model/ProfileChecker.js';
import type { TraceEvent } from '../model/vocabulary.js';

/** The values each timing parameter is tried at, besides the profile's own. */
export const TRIED: readonly number[] = [
  0,
  SECOND,
  10 * SECOND,
  MINUTE,
  10 * MINUTE,
  HOUR,
  6 * HOUR,
  DAY,
  3 * DAY,
  7 * DAY,
  30 * DAY,
  90 * DAY,
];

/**
 * What a journal says of one timing parameter of one profile: of the values tried (each with the
 * profile's other parameters as they are), those the journal is consistent with, as their least and
 * greatest, each edge sought to the second between the grid's values; null when none is (the
 * profile is refuted whatever this parameter).
 */
export type TimingFit = {
  readonly profile: string;
  readonly param: ParamName;
  /** the profile's own value */
  readonly value: number;
  readonly consistent: { readonly lo: number; readonly hi: number } | null;
  /** whether the consistent values tried form one run (no value between lo and hi fails) */
  readonly contiguous: boolean;
  /** whether the greatest value tried fits: the journal bounds the parameter from below only */
  readonly openAbove: boolean;
};

/**
 * For each timing parameter of `profile`, the values the journal is consistent with: how the
 * tenant's real timings are bounded by what was seen. Consistent means not refuted: an `unknown`
 * verdict counts as consistent, as it never refutes. Invariant: pure; each value is a whole check of
 * the journal.
 */
export function fitTimings(profile: Profile, start: TraceStart, events: readonly TraceEvent[]): TimingFit[] {
  const out: TimingFit[] = [];
  for (const [param, value] of Object.entries(profile.params) as [ParamName, number][]) {
    const values = [...new Set([...TRIED, value])].sort((a, b) => a - b);
    const fitsAt = (v: number) =>
      checkEvents({ ...profile, params: { ...profile.params, [param]: v } }, start, events).verdict !== 'diverges';
    const fits = values.map(fitsAt);
    const first = fits.indexOf(true);
    const last = fits.lastIndexOf(true);
    // between a value that fails and the next that fits, the edge is sought to the second: the journal's own spacing, not the grid's
    const lo = first <= 0 ? values[Math.max(first, 0)]! : edge(values[first - 1]!, values[first]!, fitsAt);
    const hi = last === -1 || last === values.length - 1 ? values[Math.max(last, 0)]! : edge(values[last + 1]!, values[last]!, fitsAt);
    out.push({
      profile: profile.id,
      param,
      value,
      consistent: first === -1 ? null : { lo, hi },
      contiguous: first === -1 || fits.slice(first, last + 1).every(Boolean),
      openAbove: fits.at(-1) === true,
    });
  }
  return out;
}

/** Of the values between `fails` and `fits` (either way round), the one that fits nearest `fails`, to within a second; `fits` itself at worst. */
function edge(fails: number, fits: number, fitsAt: (v: number) => boolean): number {
  let [bad, good] = [fails, fits];
  while (Math.abs(good - bad) > SECOND) {
    const mid = Math.round((bad + good) / 2);
    if (fitsAt(mid)) good = mid;
    else bad = mid;
  }
  return good;
}

import { DAY, HOUR, MINUTE, SECOND } from '../model/Params.js';
import type { CampaignReport } from './CampaignReport.js';

/** A fitted timing in words: `30 min to 90 d and more`, `none of the values tried`. */
export function timingWords(t: NonNullable<CampaignReport['timings']>[number]): string {
  if (t.consistent === null) return 'none of the values tried';
  // the edges are values that fit: each is rounded inward, toward the other
  const inward = t.consistent.hi - t.consistent.lo >= 2 * MINUTE;
  const [lo, hiWords] = [
    roughly(t.consistent.lo, inward ? Math.ceil : Math.round),
    roughly(t.consistent.hi, inward ? Math.floor : Math.round),
  ];
  const hi = t.openAbove ? `${hiWords} and more` : hiWords;
  const range = t.consistent.lo === t.consistent.hi ? lo : `${lo} to ${hi}`;
  return t.contiguous ? range : `${range} (not every value between)`;
}

/** When a surface showed a change, in words: `between 1 min and 5 min`, `within 10 s`, `not within 3 d 1 h (11 looks)`; each bound rounded outward. */
export function delayWords(d: NonNullable<CampaignReport['observed']>[number]): string {
  if (d.by === null) return `not within ${roughly(d.after, Math.floor)} (${d.looks} looks)`;
  if (d.after === 0) return `within ${roughly(d.by, Math.ceil)}`;
  return `between ${roughly(d.after, Math.floor)} and ${roughly(d.by, Math.ceil)}`;
}

/** A duration to the second under two minutes, else to the minute, as days, hours and minutes; `round` says which way, so a bound stays true. */
function roughly(ms: number, round: (x: number) => number): string {
  const unit = ms < 2 * MINUTE ? SECOND : MINUTE;
  const n = round(ms / unit) * unit;
  if (unit === SECOND) return `${n / SECOND} s`;
  const parts: string[] = [];
  const [d, h, m] = [Math.floor(n / DAY), Math.floor((n % DAY) / HOUR), Math.floor((n % HOUR) / MINUTE)];
  if (d > 0) parts.push(`${d} d`);
  if (h > 0) parts.push(`${h} h`);
  if (m > 0 || parts.length === 0) parts.push(`${m} min`);
  return parts.join(' ');
}

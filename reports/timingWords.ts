import { formatDuration } from '../model/Params.js';
import type { CampaignReport } from './CampaignReport.js';

/** A fitted timing in words: `30 min to 90 d and more`, `none of the values tried`. */
export function timingWords(t: NonNullable<CampaignReport['timings']>[number]): string {
  if (t.consistent === null) return 'none of the values tried';
  const hi = t.openAbove ? `${formatDuration(t.consistent.hi)} and more` : formatDuration(t.consistent.hi);
  const range = t.consistent.lo === t.consistent.hi ? formatDuration(t.consistent.lo) : `${formatDuration(t.consistent.lo)} to ${hi}`;
  return t.contiguous ? range : `${range} (not every value between)`;
}

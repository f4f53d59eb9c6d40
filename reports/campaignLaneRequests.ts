import type { CampaignReport } from './CampaignReport.js';

/** A lane's requests as people read them: a count, a least count when some steps noted none, or unknown. */
export function campaignLaneRequests(lane: CampaignReport['lanes'][number]): string {
  if (lane.requests === undefined) return 'unknown';
  if (lane.unrecorded === undefined) return String(lane.requests);
  return `at least ${lane.requests} (${lane.unrecorded} step${lane.unrecorded === 1 ? '' : 's'} not noted)`;
}

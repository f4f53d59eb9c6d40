import type { CampaignReport } from './CampaignReport.js';
import { count } from './_internals/count.js';

/** A lane's requests as people read them: a count, a least count when some steps noted none, or unknown. */
export function campaignLaneRequests(lane: CampaignReport['lanes'][number]): string {
  if (lane.requests === undefined) return 'unknown';
  if (lane.unrecorded === undefined) return String(lane.requests);
  return `at least ${lane.requests} (${count(lane.unrecorded, 'step')} not noted)`;
}

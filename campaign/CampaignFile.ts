import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { writeDurably } from '../adapters/live/writeDurably.js';
import { formatPath } from '../trace/TraceError.js';
import { CampaignError } from './CampaignError.js';

/** What a campaign is, written once when it starts (`campaign.json`): what resume, status and report read back. */
export const CampaignFile = z.strictObject({
  format: z.literal('photosync-campaign'),
  version: z.literal(1),
  /** the live config, as an absolute path */
  config: z.string(),
  /** the tenant and app it runs in: a resume with another config is refused */
  tenantId: z.string(),
  clientId: z.string(),
  /** the test users, one lane each, in the config's order */
  users: z.array(z.string()).min(1),
  profiles: z.array(z.string()).min(1),
  seed: z.number().int(),
  /** whether an operator takes the steps no API takes (the stories were chosen with or without them) */
  operator: z.boolean(),
  /** ISO time of the start, and the last instant a step may be made were the tenant surveyed at the start (campaignUntil) */
  started: z.string(),
  until: z.string(),
  budgetRequests: z.number().int().positive().optional(),
  /** a campaign that replays another's minimal explanation of a refuted profile (`campaign report --confirm`) */
  confirms: z.strictObject({ campaign: z.string(), profile: z.string() }).optional(),
});
export type CampaignFile = z.infer<typeof CampaignFile>;

/**
 * The last instant a step may be made: the campaign's days (a replay's window) counted from its
 * survey, which waits first for a tenant photosync changed lately to settle, up to three days.
 */
export function campaignUntil(file: CampaignFile, surveyed: number | undefined): number {
  const until = Date.parse(file.until);
  return surveyed === undefined ? until : Math.max(until, surveyed + until - Date.parse(file.started));
}

/** The files of a campaign folder. */
export function campaignPaths(dir: string) {
  return {
    campaign: join(dir, 'campaign.json'),
    /** the trace of contract section 2: the survey's header, then every event with its `step` */
    journal: join(dir, 'journal.jsonl'),
    /** each step begun, before it is carried out */
    steps: join(dir, 'steps.jsonl'),
    /** each story a lane took, when, and what became of it */
    plan: join(dir, 'plan.jsonl'),
    /** the stories found on the simulator when the campaign started, grouped: what its lanes take */
    stories: join(dir, 'stories.json'),
  };
}

export async function writeCampaignFile(dir: string, file: CampaignFile): Promise<void> {
  const path = campaignPaths(dir).campaign;
  if (existsSync(path))
    throw new CampaignError('PHOTOSYNC_CAMPAIGN_EXISTS', `${path} exists: resume that campaign, or start one in another folder`);
  await writeDurably(path, `${JSON.stringify(file, null, 2)}\n`);
}

export function readCampaignFile(dir: string): CampaignFile {
  const path = campaignPaths(dir).campaign;
  if (!existsSync(path))
    throw new CampaignError('PHOTOSYNC_CAMPAIGN_MISSING', `${path}: no campaign here (start one with photosync campaign start)`);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new CampaignError('PHOTOSYNC_CAMPAIGN_BAD_FILE', `${path}: not JSON (${(e as Error).message})`);
  }
  const parsed = CampaignFile.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new CampaignError('PHOTOSYNC_CAMPAIGN_BAD_FILE', `${path}: field ${formatPath(issue.path)}: ${issue.message}`);
  }
  return parsed.data;
}

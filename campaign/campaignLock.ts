import { join } from 'node:path';
import { lockFolder } from '../adapters/live/lockFolder.js';
import { CampaignError } from './CampaignError.js';

/**
 * Takes the campaign's lock (`campaign.lock`, holding this process's id), so that a timer firing
 * while a step is under way cannot make a second process act on the same campaign. A lock whose
 * process is gone (a kill, a reboot) is taken over. Returns the release, which `process.exit` makes too.
 */
export function lockCampaign(dir: string): () => void {
  return lockFolder(
    join(dir, CAMPAIGN_LOCK),
    (pid) => new CampaignError('PHOTOSYNC_CAMPAIGN_BUSY', `another photosync (process ${pid}) is working on ${dir}; nothing was done`),
  );
}

/** The campaign folder's lock file: it holds the id of the process working on the campaign. */
export const CAMPAIGN_LOCK = 'campaign.lock';

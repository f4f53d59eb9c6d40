import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { CampaignError } from './CampaignError.js';

/** Whether a process runs with this id (a lock left by one that was killed is stale). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the campaign's lock (`campaign.lock`, holding this process's id), so that a timer firing
 * while a step is under way cannot make a second process act on the same campaign. A lock whose
 * process is gone (a kill, a reboot) is taken over. Returns the release, which `process.exit` makes too.
 */
export function lockCampaign(dir: string): () => void {
  const path = join(dir, 'campaign.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      const release = () => {
        process.off('exit', release);
        try {
          unlinkSync(path);
        } catch {
          // already gone: nothing to release
        }
      };
      // a process that exits on purpose (a Ctrl-C) leaves no lock behind; a kill leaves a stale one, taken over
      process.on('exit', release);
      return release;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const pid = Number(readFileSync(path, 'utf8').trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid))
        throw new CampaignError('PHOTOSYNC_CAMPAIGN_BUSY', `another photosync (process ${pid}) is working on ${dir}; nothing was done`);
      unlinkSync(path);
    }
  }
  throw new CampaignError('PHOTOSYNC_CAMPAIGN_BUSY', `${path}: could not take the campaign's lock`);
}

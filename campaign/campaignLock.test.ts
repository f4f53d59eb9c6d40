import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CampaignError } from './CampaignError.js';
import { lockCampaign } from './campaignLock.js';

const dir = () => mkdtempSync(join(tmpdir(), 'photosync-lock-'));

describe('lockCampaign', () => {
  it('holds the lock with this process id until released', () => {
    const d = dir();
    const release = lockCampaign(d);
    expect(readFileSync(join(d, 'campaign.lock'), 'utf8')).toBe(String(process.pid));
    release();
    expect(existsSync(join(d, 'campaign.lock'))).toBe(false);
  });

  it('refuses while another live process holds it, and takes over the lock of one that is gone', async () => {
    const d = dir();
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 20000)']);
    await new Promise((r) => other.once('spawn', r));
    writeFileSync(join(d, 'campaign.lock'), String(other.pid));
    expect(() => lockCampaign(d)).toThrow(CampaignError);
    expect(() => lockCampaign(d)).toThrow(/another photosync \(process \d+\) is working/);
    other.kill('SIGKILL');
    await new Promise((r) => other.once('exit', r));
    const release = lockCampaign(d);
    expect(readFileSync(join(d, 'campaign.lock'), 'utf8')).toBe(String(process.pid));
    release();
  });
});

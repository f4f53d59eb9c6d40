import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STATE_LOCK } from '../adapters/live/lockFolder.js';
import { loadLiveConfig } from '../adapters/live/loadLiveConfig.js';
import { campaignPaths, writeCampaignFile } from '../campaign/CampaignFile.js';
import { CAMPAIGN_LOCK } from '../campaign/campaignLock.js';
import type { RunningEmulator } from '../emulator/RunningEmulator.js';
import { startEmulator } from '../emulator/startEmulator.js';
import { runCli, tempDirs } from './cli.testkit.js';
import { ExitCode } from './ExitCode.js';

const tmp = tempDirs('photosync-state-lock-');
const run = (...argv: string[]) => runCli(argv);

/** A process that stays alive until killed: the holder of a lock, as another photosync would be. */
async function holder(): Promise<ChildProcess & { pid: number }> {
  const child = spawn('sleep', ['60'], { stdio: 'ignore' });
  await new Promise((r) => child.once('spawn', r));
  return child as ChildProcess & { pid: number };
}

async function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGKILL');
  await new Promise((r) => child.once('exit', r));
}

describe('a second photosync on the same state folder', { timeout: 120_000 }, () => {
  let emulator: RunningEmulator;
  let config: string;
  let stateDir: string;
  let other: ChildProcess & { pid: number };

  beforeAll(async () => {
    emulator = await startEmulator({ seed: 7, profile: 'microsoft-2026', start: Date.parse('2026-06-01T08:00:00Z'), latencyMs: 0 });
    config = join(tmp(), 'live.json');
    await emulator.writeConfig(config);
    stateDir = (await loadLiveConfig(config)).stateDir;
    other = await holder();
    mkdirSync(stateDir, { recursive: true });
    writeFileSync(join(stateDir, STATE_LOCK), String(other.pid));
  });
  afterAll(async () => {
    await kill(other);
    await emulator.close();
  });

  const refused = (r: { code: number; err: string }) => {
    expect(r.code, r.err).toBe(ExitCode.busy);
    expect(r.err).toContain(`another photosync (process ${other.pid}) is changing the tenant through the state folder ${stateDir}`);
    expect(r.err).toContain('nothing was done');
    // nothing backed up, no change noted: the tenant was not touched
    expect(existsSync(join(stateDir, 'originals'))).toBe(false);
    expect(existsSync(join(stateDir, 'last-change.json'))).toBe(false);
    // and the other's lock is left as it was
    expect(readFileSync(join(stateDir, STATE_LOCK), 'utf8')).toBe(String(other.pid));
  };

  it.each([
    ['run', ['--profile', 'microsoft-2026', '--runs', '1', '--max-actions', '3']],
    ['matrix', ['--runs', '1', '--max-actions', '3']],
  ])('%s --adapter live stops before changing anything, naming the folder and the other process', async (command, more) => {
    refused(await run(command, '--adapter', 'live', '--config', config, '--out', tmp(), ...more));
  });

  it('restore is refused the same way', async () => {
    refused(await run('restore', '--config', config));
  });

  it('campaign start is refused, leaving no campaign behind', async () => {
    const dir = join(tmp(), 'campaign');
    refused(await run('campaign', 'start', '--config', config, '--dir', dir, '--profiles', 'microsoft-2024,microsoft-2026'));
    expect(existsSync(campaignPaths(dir).campaign)).toBe(false);
  });

  it('a campaign resume finding the folder held by its own last resume says so and exits 0; held by another, it is refused', async () => {
    const live = await loadLiveConfig(config);
    const dir = join(tmp(), 'resumed');
    mkdirSync(dir);
    const now = Date.parse('2026-06-01T08:00:00Z');
    await writeCampaignFile(dir, {
      format: 'photosync-campaign',
      version: 1,
      config,
      tenantId: live.tenantId,
      clientId: live.clientId,
      users: live.users.map((u) => u.id),
      profiles: ['microsoft-2024', 'microsoft-2026'],
      seed: 1,
      operator: true,
      started: new Date(now).toISOString(),
      until: new Date(now + 7 * 86_400_000).toISOString(),
    });
    writeFileSync(campaignPaths(dir).stories, '[]\n');
    // the state folder held by someone else (a run started by hand): the timer's resume must not act
    refused(await run('campaign', 'resume', dir));
    // held by this campaign's own resume, still at work: no failure
    writeFileSync(join(dir, CAMPAIGN_LOCK), String(other.pid));
    const same = await run('campaign', 'resume', dir);
    expect(same.code, same.err).toBe(ExitCode.ok);
    expect(same.err).toContain(`another photosync (process ${other.pid}) is working on ${dir}`);
    expect(existsSync(campaignPaths(dir).journal)).toBe(false);
  });

  it('doctor, which changes nothing, takes no lock and works while the folder is held', async () => {
    const doctor = await run('doctor', '--config', config);
    expect(doctor.code, doctor.out + doctor.err).toBe(ExitCode.ok);
    expect(doctor.err).not.toContain('another photosync');
    expect(readFileSync(join(stateDir, STATE_LOCK), 'utf8')).toBe(String(other.pid));
  });

  // last: it lets go of the folder the others find held
  it('takes over the lock of a process that is gone, and lets go of it at the end', async () => {
    await kill(other);
    const restored = await run('restore', '--config', config);
    expect(restored.code, restored.err).toBe(ExitCode.ok);
    expect(restored.err).toContain('nothing waits to be put back');
    expect(existsSync(join(stateDir, STATE_LOCK))).toBe(false);
  });
});

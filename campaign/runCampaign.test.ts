import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openLiveTenant } from '../adapters/live/openLiveTenant.js';
import { QUIET_AFTER_CHANGE } from '../adapters/live/quietAfter.js';
import { startEmulator } from '../emulator/startEmulator.js';
import type { RunningEmulator } from '../emulator/RunningEmulator.js';
import { HOUR } from '../model/Params.js';
import { campaignPaths, type CampaignFile } from './CampaignFile.js';
import { readCampaignState } from './CampaignState.js';
import { JsonLog } from './JsonLog.js';
import { runCampaign } from './runCampaign.js';

const START = Date.parse('2026-06-01T08:00:00Z');
let emulator: RunningEmulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

/** A campaign of alice and bob on the config's tenant, judged by microsoft-2026, for 30 days from `started`. */
function campaignOf(config: string, started: number): CampaignFile {
  return {
    format: 'photosync-campaign',
    version: 1,
    config,
    tenantId: 't',
    clientId: 'c',
    users: ['alice', 'bob'],
    profiles: ['microsoft-2026'],
    seed: 1,
    operator: true,
    started: new Date(started).toISOString(),
    until: new Date(started + 30 * 24 * HOUR).toISOString(),
  };
}

/** A microsoft-2026 emulator (kept in `emulator`, closed after the test), its config in a new folder, and the live tenant it serves. */
async function tenantOf(seed: number, prefix: string) {
  emulator = await startEmulator({ seed, profile: 'microsoft-2026', start: START, latencyMs: 0 });
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const config = join(dir, 'live.json');
  await emulator.writeConfig(config);
  return { dir, config, adapter: await openLiveTenant(config) };
}

describe('runCampaign before its survey', () => {
  it('exits to be resumed while the tenant settles after a recent change, and surveys it once it has', async () => {
    const { dir, config, adapter } = await tenantOf(3, 'photosync-settle-');
    try {
      // a change photosync made (an earlier run's, say): the tenant is not quiet for days
      const changedAt = adapter.clock.now();
      expect((await adapter.perform.setPhoto({ do: 'setPhoto', user: 'alice', photo: 'p1', via: 'graph' })).status).toBe('ok');
      const file = campaignOf(config, changedAt);
      const log: string[] = [];
      const ctx = { dir, file, adapter, groups: [], log: (l: string) => void log.push(l) };

      const asleep = await runCampaign({ ...ctx, maxSleepMs: HOUR });
      expect(asleep.kind).toBe('sleeping');
      expect(asleep.next).toBeGreaterThanOrEqual(changedAt + QUIET_AFTER_CHANGE);
      expect(asleep.next).toBeLessThanOrEqual(adapter.clock.now() + QUIET_AFTER_CHANGE);
      // nothing surveyed, nothing journaled: the survey would have seen a tenant still moving
      const journal = campaignPaths(dir).journal;
      expect(existsSync(journal) ? JsonLog.read(journal, { cut: false }).lines : []).toEqual([]);

      const done = await runCampaign({ ...ctx, maxSleepMs: Infinity });
      expect(done.kind).toBe('done');
      const header = JsonLog.read(journal, { cut: false }).lines[0]!.value as { start: string };
      expect(Date.parse(header.start)).toBeGreaterThanOrEqual(asleep.next!);
    } finally {
      await adapter.close();
    }
  });

  it('does not wait after a change of OWA policy, which moves no photo: a survey that reset one and was cut short costs no days', async () => {
    const { dir, config, adapter } = await tenantOf(3, 'photosync-policy-');
    try {
      const changedAt = adapter.clock.now();
      expect((await adapter.perform.setPolicy({ do: 'setPolicy', user: 'alice', setPhotoEnabled: true })).status).toBe('ok');
      expect(await adapter.quietAt()).toBeUndefined();
      const ctx = { dir, file: campaignOf(config, changedAt), adapter, groups: [], log: () => undefined };
      // surveyed at once (it may then sleep until its first step is due)
      await runCampaign({ ...ctx, maxSleepMs: HOUR });
      const header = JsonLog.read(campaignPaths(dir).journal, { cut: false }).lines[0]!.value as { start: string };
      expect(Date.parse(header.start)).toBeLessThan(changedAt + HOUR);
    } finally {
      await adapter.close();
    }
  });

  it('puts a damaged journal line right where the steps log names its step, and goes on', async () => {
    const { dir, config, adapter } = await tenantOf(4, 'photosync-repair-run-');
    try {
      const now = adapter.clock.now();
      const file = campaignOf(config, now);
      const log: string[] = [];
      const ctx = { dir, file, adapter, groups: [], log: (l: string) => void log.push(l) };
      // the measuring ladders begin, then the process stops before a wait it will not make itself
      expect((await runCampaign({ ...ctx, maxSleepMs: 30_000 })).kind).toBe('sleeping');
      const journal = campaignPaths(dir).journal;
      const lines = readFileSync(journal, 'utf8').split('\n');
      expect(lines.length).toBeGreaterThan(4);
      writeFileSync(journal, [...lines.slice(0, 2), lines[2]!.slice(0, 20), ...lines.slice(3)].join('\n'));
      expect(() => readCampaignState(dir)).toThrow(/journal\.jsonl:3/);

      expect((await runCampaign({ ...ctx, maxSleepMs: Infinity })).kind).toBe('done');
      expect(log.some((l) => /journal\.jsonl:3 was damaged/.test(l))).toBe(true);
      expect(existsSync(`${journal}.bad-line-3`)).toBe(true);
      expect(JsonLog.read(journal, { cut: false }).lines[2]!.value).toMatchObject({ step: expect.any(String) });
    } finally {
      await adapter.close();
    }
  });
});

import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openLiveTenant } from '../adapters/live/openLiveTenant.js';
import { QUIET_AFTER_CHANGE } from '../adapters/live/quietAfter.js';
import { startEmulator } from '../emulator/startEmulator.js';
import type { RunningEmulator } from '../emulator/RunningEmulator.js';
import type { RunStep } from '../adapters/RunStep.js';
import { DAY, HOUR } from '../model/Params.js';
import { campaignPaths, type CampaignFile } from './CampaignFile.js';
import { campaignFinished, readCampaignState } from './CampaignState.js';
import { campaignReport } from './campaignReport.js';
import { OBSERVED, SUBJECT, VIEWER } from './CampaignStory.js';
import { JsonLog } from './JsonLog.js';
import { groupStories } from './planStories.js';
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

/** An emulator of `profile` (kept in `emulator`, closed after the test), its config in a new folder, and the live tenant it serves. */
async function tenantOf(seed: number, prefix: string, profile = 'microsoft-2026') {
  emulator = await startEmulator({ seed, profile, start: START, latencyMs: 0 });
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

/** The journal's events, each as its step id and what it did or saw. */
const journaled = (dir: string) =>
  JsonLog.read(campaignPaths(dir).journal, { cut: false })
    .lines.slice(1)
    .map(({ value }) => [value.step, value.do ?? value.see]);

/** A story of `subject` on a microsoft-2026 tenant that refutes microsoft-2024 no more than it needs to: a photo set, looked at `after` later. */
const storyOver = (after: number) =>
  groupStories([
    {
      id: 'set-then-look',
      tenant: 'microsoft-2026',
      refutes: 'microsoft-2024',
      steps: [
        { do: 'setPhoto', user: SUBJECT, photo: 'p1', via: 'graph' },
        { do: 'wait', ms: after },
        { see: 'graph', user: SUBJECT, viewer: VIEWER },
      ],
      robust: 0,
    },
  ]);

describe("runCampaign's days", () => {
  it('counts them from the survey: a campaign of one day on a tenant that must first settle for three still makes its steps', async () => {
    const { dir, config, adapter } = await tenantOf(3, 'photosync-days-');
    try {
      const changedAt = adapter.clock.now();
      expect((await adapter.perform.setPhoto({ do: 'setPhoto', user: 'alice', photo: 'p1', via: 'graph' })).status).toBe('ok');
      const file = {
        ...campaignOf(config, changedAt),
        until: new Date(changedAt + DAY).toISOString(),
        profiles: ['microsoft-2024', 'microsoft-2026'],
      };
      const outcome = await runCampaign({ dir, file, adapter, groups: storyOver(HOUR), maxSleepMs: Infinity, log: () => undefined });
      expect(outcome.kind).toBe('done');
      expect(journaled(dir)).toEqual([
        ['alice#0#0', 'setPhoto'],
        ['alice#0#2', 'graph'],
      ]);
      // and the status says until when, from the survey
      const state = readCampaignState(dir, { cut: false });
      expect(campaignReport(dir, file, state).until).toBe(new Date(state.start!.start + DAY).toISOString());
    } finally {
      await adapter.close();
    }
  });

  it('does not start a story that cannot finish before its end: it ends its plan saying so, no step spent, its status no longer running', async () => {
    const { dir, config, adapter } = await tenantOf(3, 'photosync-days-over-');
    try {
      const now = adapter.clock.now();
      const file = {
        ...campaignOf(config, now),
        until: new Date(now + HOUR).toISOString(),
        profiles: ['microsoft-2024', 'microsoft-2026'],
      };
      // the story's look would be due after the campaign's last instant: its change would be made for nothing
      const outcome = await runCampaign({ dir, file, adapter, groups: storyOver(2 * HOUR), maxSleepMs: Infinity, log: () => undefined });
      expect(outcome).toMatchObject({ kind: 'no-story-fits', until: Date.parse(file.until) });
      expect(journaled(dir)).toEqual([]);
      const plan = JsonLog.read(campaignPaths(dir).plan, { cut: false }).lines.map((l) => l.value);
      expect(plan.filter((v) => v.story !== undefined)).toEqual([]);
      expect(plan.at(-1)).toMatchObject({ ended: 'no-story-fits' });
      expect(campaignFinished(dir)).toBeDefined();
      expect(campaignReport(dir, file, readCampaignState(dir, { cut: false })).state).toBe('done');
      const originals = join(dir, 'photosync-live', 'originals');
      expect(existsSync(originals) ? readdirSync(originals).filter((f) => f.endsWith('.json')) : []).toEqual([]);
    } finally {
      await adapter.close();
    }
  });
});

describe('runCampaign at its end', () => {
  it("notes putting the originals back as photosync's last change: the next survey waits for the tenant to settle after it", async () => {
    const { dir, config, adapter } = await tenantOf(5, 'photosync-restore-');
    try {
      // the measuring ladders change photos, and the last of their looks comes days after
      const outcome = await runCampaign({
        dir,
        file: campaignOf(config, adapter.clock.now()),
        adapter,
        groups: [],
        maxSleepMs: Infinity,
        log: () => undefined,
      });
      expect(outcome.kind).toBe('done');
      expect(await adapter.quietAt()).toBe(adapter.clock.now() + QUIET_AFTER_CHANGE);
    } finally {
      await adapter.close();
    }
  });
});

describe('runCampaign replaying a refutation (campaign report --confirm)', () => {
  it('makes every step of the replayed story, its one profile deciding it only once refuted', async () => {
    const { dir, config, adapter } = await tenantOf(5, 'photosync-confirm-', 'microsoft-2014');
    try {
      // a change made outside SharePoint shows in its people picker with no visit to one's My Site: not threewill-2014
      const steps: RunStep[] = [
        { do: 'removePhoto', user: 'alice', via: 'graph' },
        { do: 'setPhoto', user: 'alice', photo: 'p6', via: 'graph' },
        { do: 'wait', ms: 2 * DAY },
        { see: 'sp-people-picker', user: 'alice', viewer: 'bob' },
      ];
      const groups = groupStories([{ id: 'confirm/threewill-2014', tenant: OBSERVED, refutes: 'threewill-2014', steps, robust: 0 }]);
      const file: CampaignFile = {
        ...campaignOf(config, adapter.clock.now()),
        users: ['alice'],
        profiles: ['threewill-2014'],
        confirms: { campaign: dir, profile: 'threewill-2014' },
      };
      const outcome = await runCampaign({ dir, file, adapter, groups, maxSleepMs: Infinity, log: () => undefined });
      expect(journaled(dir)).toEqual([
        ['alice#0#0', 'removePhoto'],
        ['alice#0#1', 'setPhoto'],
        ['alice#0#3', 'sp-people-picker'],
      ]);
      expect(outcome).toMatchObject({ kind: 'done', refuted: new Map([['threewill-2014', 4]]) });
      // the replay's own changes, putting the originals back too, are waited for by the next survey
      expect(await adapter.quietAt()).toBe(adapter.clock.now() + QUIET_AFTER_CHANGE);
    } finally {
      await adapter.close();
    }
  });
});

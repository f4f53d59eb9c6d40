import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../cli/main.js';
import { loadLiveConfig } from '../adapters/live/loadLiveConfig.js';
import { startEmulator } from '../emulator/startEmulator.js';
import type { RunningEmulator } from '../emulator/RunningEmulator.js';
import { PROFILE_IDS } from '../model/profiles.js';
import { CampaignReport } from '../reports/CampaignReport.js';
import { campaignPaths } from './CampaignFile.js';
import { JsonLog } from './JsonLog.js';

const START = Date.parse('2026-06-01T08:00:00Z');
const BIN = resolve('bin/photosync.js');
const emulators: RunningEmulator[] = [];
afterEach(async () => {
  for (const e of emulators.splice(0)) await e.close();
});

const tmp = () => mkdtempSync(join(tmpdir(), 'photosync-campaign-'));

/**
 * An emulator of `profile` with its config written out, counting the requests that change the tenant:
 * all of them (`changes`), and, once `watch.campaignDir` is set, those the campaign there made while
 * it acted (`acting`): after its survey was journaled and before its plan finished. Before, the
 * survey may reset an OWA policy photosync never set; after, photosync puts the originals back:
 * both are made again by the next process when a kill cuts them short, and change nothing then.
 */
async function emulatorOf(profile: string, options: { latencyMs?: number; seed?: number } = {}) {
  const changes: string[] = [];
  const acting: string[] = [];
  const watch: { campaignDir?: string } = {};
  const emulator = await startEmulator({
    seed: options.seed ?? 5,
    profile,
    start: START,
    latencyMs: options.latencyMs ?? 0,
    log: (line) => {
      if (!/^(PUT|DELETE|PATCH) \/graph|^POST \S*SetMyProfilePicture|^POST \/_emulator\/operator\/act/.test(line)) return;
      changes.push(line);
      const dir = watch.campaignDir;
      if (dir !== undefined && surveyed(dir) && !planFinished(dir)) acting.push(line);
    },
  });
  emulators.push(emulator);
  const dir = tmp();
  const config = join(dir, 'live.json');
  await emulator.writeConfig(config);
  return { emulator, config, changes, acting, watch, dir };
}

/** Whether the campaign in `dir` has journaled its survey (the journal's header, a whole line). */
function surveyed(dir: string): boolean {
  const journal = campaignPaths(dir).journal;
  return existsSync(journal) && readFileSync(journal, 'utf8').includes('\n');
}

/** Whether the campaign in `dir` has journaled the end of its plan (`runCampaign` appends `finished`, then puts the originals back). */
function planFinished(dir: string): boolean {
  const plan = campaignPaths(dir).plan;
  return existsSync(plan) && readFileSync(plan, 'utf8').includes('"finished"');
}

async function run(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => void (out += t), err: (t) => void (err += t) });
  return { code, out, err };
}

/** The journal's events without their times (and a reason, which names the moment), each with its step. */
function journalOf(dir: string): Record<string, unknown>[] {
  return JsonLog.read(campaignPaths(dir).journal, { cut: false })
    .lines.slice(1)
    .map(({ value }) => {
      const { at, reason, ...rest } = value;
      (void at, void reason);
      return rest;
    });
}

describe('photosync campaign on the tenant emulator', { timeout: 300_000 }, () => {
  it.each([...PROFILE_IDS])(
    'decides every profile on a %s tenant: its own holds, every other is refuted and explained',
    async (profile) => {
      const { config } = await emulatorOf(profile);
      const dir = join(tmp(), 'c');
      const started = await run('campaign', 'start', '--config', config, '--dir', dir, '--seed', '1');
      expect(started.code, started.err).toBe(0);
      expect(started.err).toMatch(/campaign over/);
      const report = CampaignReport.parse(JSON.parse((await run('campaign', 'report', dir, '--format', 'json')).out));
      expect(report.state).toBe('done');
      for (const p of report.profiles) {
        if (p.profile === profile) expect(p.verdict).toBe('conforms');
        else {
          expect(p.verdict, p.profile).toBe('diverges');
          // the explanation is a part of the journal the profile cannot explain: re-checked offline, it diverges there
          expect(p.explanation!.steps.at(-1)!.line).toBe(p.explanation!.divergence.line);
          expect(p.explanation!.length).toBeLessThanOrEqual(report.events);
        }
      }
      expect(report.profiles.map((p) => p.profile)).toEqual([...PROFILE_IDS]);
      // the journal is a trace: check reads it and agrees
      const checked = await run('check', campaignPaths(dir).journal, '--format', 'json');
      const verdicts = (JSON.parse(checked.out) as { results: { profile: string; verdict: string }[] }).results;
      expect(verdicts.map((r) => [r.profile, r.verdict])).toEqual(report.profiles.map((p) => [p.profile, p.verdict]));
      // the emulator's own timings are among those the journal is consistent with, for every parameter of its profile
      const own = (report.timings ?? []).filter((t) => t.profile === profile);
      expect(own.length).toBeGreaterThan(0);
      for (const t of own) {
        expect(t.consistent, t.param).not.toBeNull();
        expect(t.consistent!.lo, t.param).toBeLessThanOrEqual(t.value);
        expect(t.consistent!.hi, t.param).toBeGreaterThanOrEqual(t.value);
      }
      // and the tenant's own times, with no model: the ladder's photo set through Graph showed there, and the fit
      // of the own profile's Exchange lag starts no earlier than the last look that still showed the photo before
      const ladder = (report.observed ?? []).find((d) => d.change === 'setPhoto p6 via graph' && d.surface === 'graph');
      expect(ladder, 'a measured change through Graph').toBeDefined();
      expect(ladder!.by).not.toBeNull();
      const exoLag = own.find((t) => t.param === 'exoLag')!;
      expect(exoLag.consistent!.lo).toBeGreaterThanOrEqual(ladder!.after);
      expect(exoLag.consistent!.lo).toBeLessThanOrEqual(exoLag.value);
      // every format says the same verdicts
      for (const format of ['text', 'md', 'html']) {
        const shown = await run('campaign', 'report', dir, '--format', format);
        expect(shown.code).toBe(0);
        for (const p of report.profiles) expect(shown.out).toContain(p.profile);
      }
      const status = CampaignReport.parse(JSON.parse((await run('campaign', 'status', dir, '--format', 'json')).out));
      expect(status.profiles.map((p) => [p.profile, p.verdict])).toEqual(report.profiles.map((p) => [p.profile, p.verdict]));
      // each refutation replayed on the tenant as a new short campaign: confirmed (exit 1) or not (exit 0), never refuting what the tenant is
      let confirmedCount = 0;
      for (const p of report.profiles.filter((x) => x.verdict === 'diverges')) {
        const replay = await run('campaign', 'report', dir, '--confirm', p.profile);
        expect([0, 1], replay.err).toContain(replay.code);
        expect(replay.err).toMatch(replay.code === 1 ? new RegExp(`confirmed: the replay refuted ${p.profile} again`) : /not confirmed/);
        if (replay.code === 1) confirmedCount++;
      }
      expect(confirmedCount).toBeGreaterThan(0);
      expect((await run('campaign', 'report', dir, '--confirm', profile)).code).toBe(2);
      // resuming a campaign that is over changes nothing
      const again = await run('campaign', 'resume', dir);
      expect(again.code).toBe(0);
      expect(again.err).toMatch(/is over/);
      expect(again.err).not.toMatch(/still backed up/);
      // a restore cut short (a kill while it put the originals back) is named, with what puts them back
      const originals = join((await loadLiveConfig(config)).stateDir, 'originals');
      mkdirSync(originals, { recursive: true });
      writeFileSync(join(originals, 'alice.json'), '{}\n');
      const cut = await run('campaign', 'resume', dir);
      expect(cut.code).toBe(0);
      expect(cut.err).toContain(`still backed up, not yet put back: photosync restore --config ${config}`);
    },
  );

  it('raises the alarm when the tenant changed between two campaigns: exit 1, the diff beside the journal, --on-change run with its path', async () => {
    const before = await emulatorOf('microsoft-2024');
    const baseDir = join(tmp(), 'before');
    expect((await run('campaign', 'start', '--config', before.config, '--dir', baseDir, '--seed', '1')).code).toBe(0);
    const base = join(tmp(), 'base.json');
    writeFileSync(base, (await run('campaign', 'report', baseDir, '--format', 'json')).out);
    // the same campaign again on the same tenant: no alarm
    expect((await run('campaign', 'report', baseDir, '--against', base)).code).toBe(0);

    const after = await emulatorOf('microsoft-2026');
    const dir = join(tmp(), 'after');
    expect((await run('campaign', 'start', '--config', after.config, '--dir', dir, '--seed', '1')).code).toBe(0);
    const marker = join(tmp(), 'told');
    const script = join(tmp(), 'tell.mjs');
    writeFileSync(script, `import { writeFileSync } from 'node:fs'; writeFileSync(${JSON.stringify(marker)}, process.argv[2]);`);
    const alarmed = await run(
      'campaign',
      'report',
      dir,
      '--against',
      base,
      '--on-change',
      `${JSON.stringify(process.execPath)} ${JSON.stringify(script)}`,
    );
    expect(alarmed.code).toBe(1);
    expect(alarmed.err).toMatch(/REGRESSION: .*microsoft-2026|REGRESSION: 1 profile newly diverges/);
    const diffPath = readFileSync(marker, 'utf8');
    expect(diffPath.startsWith(dir)).toBe(true);
    const diff = JSON.parse(readFileSync(diffPath, 'utf8')) as {
      report: string;
      regressed: boolean;
      changes: { scope: string; profile: string; change: string }[];
    };
    expect(diff).toMatchObject({ report: 'diff', regressed: true });
    expect(diff.changes).toContainEqual(expect.objectContaining({ scope: 'profile', profile: 'microsoft-2024', change: 'regressed' }));
    // a bad earlier report stops the command before anything is written
    const bad = await run('campaign', 'report', dir, '--against', script);
    expect(bad.code).toBe(2);
    expect(bad.out).toBe('');
  });

  it('notes the requests each step makes: the lanes’ counts and the survey’s add up to the campaign’s', async () => {
    const { config } = await emulatorOf('microsoft-2024');
    const dir = join(tmp(), 'c');
    const argv = ['campaign', 'start', '--config', config, '--dir', dir, '--seed', '1', '--profiles', 'microsoft-2024,microsoft-2026'];
    expect((await run(...argv)).code).toBe(0);
    const status = CampaignReport.parse(JSON.parse((await run('campaign', 'status', dir, '--format', 'json')).out));
    const steps = JsonLog.read(campaignPaths(dir).steps, { cut: false }).lines.map((l) => l.value);
    const survey = Number(steps.find((s) => s.begun !== undefined)!.requests);
    expect(status.lanes.some((l) => (l.requests ?? 0) > 0)).toBe(true);
    for (const l of status.lanes) expect(l.unrecorded, l.user).toBeUndefined();
    expect(survey + status.lanes.reduce((n, l) => n + l.requests!, 0)).toBe(status.requests);
    // the status people read says it per test user
    const text = (await run('campaign', 'status', dir)).out;
    for (const l of status.lanes) expect(text).toMatch(new RegExp(`${l.user} +│ +${l.stories} +│ +${l.requests}`));
  });

  it('refuses to resume a journal on another tenant, changing nothing', async () => {
    const first = await emulatorOf('microsoft-2024');
    const other = await emulatorOf('microsoft-2024', { seed: 6 });
    const dir = join(tmp(), 'c');
    expect(
      (await run('campaign', 'start', '--config', first.config, '--dir', dir, '--seed', '1', '--profiles', 'microsoft-2024,microsoft-2026'))
        .code,
    ).toBe(0);
    const file = JSON.parse(readFileSync(campaignPaths(dir).campaign, 'utf8')) as Record<string, unknown>;
    // the campaign is pointed at another tenant's config, as a wrong copy would be
    writeFileSync(campaignPaths(dir).campaign, JSON.stringify({ ...file, config: other.config }));
    writeFileSync(
      campaignPaths(dir).plan,
      readFileSync(campaignPaths(dir).plan, 'utf8')
        .split('\n')
        .filter((l) => !l.includes('"finished"'))
        .join('\n'),
    );
    const before = readFileSync(campaignPaths(dir).journal, 'utf8');
    const resumed = await run('campaign', 'resume', dir);
    expect(resumed.code).toBe(2);
    expect(resumed.err).toMatch(/not the config this campaign started with/);
    expect(readFileSync(campaignPaths(dir).journal, 'utf8')).toBe(before);
  });

  it('survives 50 kills: no action made twice, the journal of an uninterrupted campaign, a torn line cut off, originals back', async () => {
    let kills = 0;
    for (const [profile, seed] of [
      ['microsoft-2026', 11],
      ['threewill-2014', 12],
    ] as const) {
      const reference = await emulatorOf(profile, { latencyMs: 60 });
      const refDir = join(tmp(), 'ref');
      reference.watch.campaignDir = refDir;
      expect((await run('campaign', 'start', '--config', reference.config, '--dir', refDir, '--seed', String(seed))).code).toBe(0);

      const killed = await emulatorOf(profile, { latencyMs: 60 });
      const dir = join(tmp(), 'killed');
      killed.watch.campaignDir = dir;
      let random = seed;
      const next = () => (random = (random * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
      let first = true;
      for (let round = 0; ; round++) {
        const argv = first
          ? ['campaign', 'start', '--config', killed.config, '--dir', dir, '--seed', String(seed)]
          : ['campaign', 'resume', dir];
        const child = spawn(process.execPath, [BIN, ...argv], { stdio: ['ignore', 'ignore', 'pipe'] });
        let err = '';
        child.stderr.on('data', (d: Buffer) => void (err += d.toString()));
        // the first process is killed once its campaign file is written (the stories take a while to find)
        const wait = first ? 0 : 250 + next() * 1_500;
        const timer = setTimeout(() => {
          if (first) {
            const poll = setInterval(() => {
              if (existsSync(campaignPaths(dir).campaign)) {
                clearInterval(poll);
                setTimeout(() => child.kill('SIGKILL'), next() * 1_500);
              }
            }, 20);
          } else child.kill('SIGKILL');
        }, wait);
        const code = await new Promise<number | null>((done) => child.on('exit', (c) => done(c)));
        clearTimeout(timer);
        if (code === null) {
          kills++;
          if (existsSync(campaignPaths(dir).campaign)) first = false;
          // now and then a crash tears the journal's last line
          if (round % 7 === 3 && existsSync(campaignPaths(dir).journal)) appendFileSync(campaignPaths(dir).journal, '{"at":"2026-06-');
          if (round < 25) continue;
        }
        if (code !== null) {
          expect(code, err).toBe(0);
          if (/campaign over|is over/.test(err)) break;
        }
        if (round >= 25) {
          // enough kills: let it finish
          const last = await run('campaign', 'resume', dir);
          expect(last.code, last.err).toBe(0);
          break;
        }
      }
      const mine = journalOf(dir);
      const theirs = journalOf(refDir);
      const verdicts = async (d: string) =>
        (
          JSON.parse((await run('check', campaignPaths(d).journal, '--format', 'json')).out) as {
            results: { profile: string; verdict: string }[];
          }
        ).results.map((r) => [r.profile, r.verdict]);
      // an action cut off by a kill is journaled with result unknown: up to the first, the journals are the same
      const cutAt = mine.findIndex((e) => e.result === 'unknown');
      if (cutAt === -1) {
        expect(mine).toEqual(theirs);
        expect(await verdicts(dir)).toEqual(await verdicts(refDir));
      } else {
        expect(mine.slice(0, cutAt)).toEqual(theirs.slice(0, cutAt));
        expect({ ...mine[cutAt], result: theirs[cutAt]!.result }).toEqual(theirs[cutAt]);
      }
      // no action twice: while it acted, the killed campaign changed the tenant no more often than the
      // uninterrupted one (a survey's policy reset and putting an original back may be made again)
      expect(killed.acting.length).toBeLessThanOrEqual(reference.acting.length);
      expect(killed.changes.length).toBeGreaterThanOrEqual(reference.changes.length - mine.filter((e) => e.result === 'unknown').length);
      // each step begun once at most: a look may be made again, an action never
      const begun = JsonLog.read(campaignPaths(dir).steps, { cut: false }).lines.map((l) => l.value);
      const acts = begun.filter((b) => b.kind === 'act').map((b) => b.step);
      expect(new Set(acts).size).toBe(acts.length);
      // the originals are back: no backup waits
      const state = JSON.parse(readFileSync(killed.config, 'utf8')) as { stateDir?: string };
      const originals = join(resolve(killed.dir, state.stateDir ?? 'photosync-live'), 'originals');
      expect(existsSync(originals) ? readdirSync(originals).filter((f) => f.endsWith('.json')) : []).toEqual([]);
    }
    expect(kills).toBeGreaterThanOrEqual(50);
  });
});

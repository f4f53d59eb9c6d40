import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { campaignPaths } from '../campaign/CampaignFile.js';
import { folderBytes } from '../campaign/campaignFolder.testkit.js';
import { JsonLog } from '../campaign/JsonLog.js';
import type { RunningEmulator } from '../emulator/RunningEmulator.js';
import { startEmulator } from '../emulator/startEmulator.js';
import { runCli } from './cli.testkit.js';

const START = Date.parse('2026-06-01T08:00:00Z');
const BIN = resolve('bin/photosync.js');
const PROFILES = 'microsoft-2024,microsoft-2026';
const tmp = () => mkdtempSync(join(tmpdir(), 'photosync-campaign-cli-'));

const run = (...argv: string[]) => runCli(argv);

/** Each action's step begun in the steps log, as often as it was begun. */
const actsBegun = (dir: string) =>
  JsonLog.read(campaignPaths(dir).steps, { cut: false })
    .lines.map((l) => l.value)
    .filter((v) => v.kind === 'act' && v.begun !== undefined)
    .map((v) => String(v.step));

describe('photosync campaign on the tenant emulator, from the command line', { timeout: 300_000 }, () => {
  let emulator: RunningEmulator;
  let config: string;
  /** a campaign over, on the emulator: the tests read it, or change a copy of it */
  let over: string;

  beforeAll(async () => {
    emulator = await startEmulator({ seed: 5, profile: 'microsoft-2024', start: START, latencyMs: 0 });
    config = join(tmp(), 'live.json');
    await emulator.writeConfig(config);
    over = join(tmp(), 'over');
    const started = await run('campaign', 'start', '--config', config, '--dir', over, '--seed', '1', '--profiles', PROFILES);
    expect(started.code, started.err).toBe(0);
  });
  afterAll(() => emulator.close());

  it('resume puts right a damaged journal line that lines follow, as README says, and goes on', async () => {
    const dir = join(tmp(), 'damaged');
    cpSync(over, dir, { recursive: true });
    // not over yet: the plan's end left off
    const plan = campaignPaths(dir).plan;
    writeFileSync(
      plan,
      readFileSync(plan, 'utf8')
        .split('\n')
        .filter((l) => !l.includes('"finished"'))
        .join('\n'),
    );
    const journal = campaignPaths(dir).journal;
    const lines = readFileSync(journal, 'utf8').split('\n');
    expect(lines.length).toBeGreaterThan(5);
    const damaged = lines[3]!;
    lines[3] = '{"do":"setPolicy","user":"carol","setPho#garbage';
    writeFileSync(journal, lines.join('\n'));

    const resumed = await run('campaign', 'resume', dir);
    expect(resumed.code, resumed.err).toBe(0);
    expect(resumed.err).toMatch(/journal\.jsonl:4 was damaged/);
    expect(resumed.err).toMatch(/campaign over/);
    expect(readFileSync(`${journal}.bad-line-4`, 'utf8')).toBe('{"do":"setPolicy","user":"carol","setPho#garbage');
    // the line is its step again, with nothing known of it
    const step = (JSON.parse(damaged) as { step: string }).step;
    expect(JsonLog.read(journal, { cut: false }).lines[3]!.value).toMatchObject({ step });
  });

  /** A copy of the campaign over, not over yet (the plan's end left off), its `file` as `edit` makes it from its lines. */
  const editedCopy = (name: string, file: 'journal' | 'plan' | 'steps', edit: (lines: string[]) => string | Buffer) => {
    const dir = join(tmp(), name);
    cpSync(over, dir, { recursive: true });
    const paths = campaignPaths(dir);
    const plan = readFileSync(paths.plan, 'utf8').split('\n');
    writeFileSync(paths.plan, plan.filter((l) => !l.includes('"finished"')).join('\n'));
    writeFileSync(paths[file], edit(readFileSync(paths[file], 'utf8').trimEnd().split('\n')));
    return { dir, path: paths[file] };
  };

  it('resume, status and report refuse a campaign file an editor changed past reading, naming file and line, exit 2, changing nothing', async () => {
    const other = readFileSync(campaignPaths(over).journal, 'utf8');
    const cases: [string, 'journal' | 'plan' | 'steps', (lines: string[]) => string | Buffer, number, RegExp][] = [
      [
        'joined',
        'journal',
        (ls) => `${ls.join('\n')}\n${other}`,
        -1,
        /format: a journal's header, but only line 1 may be one \(were two campaigns' journals joined\?\)/,
      ],
      [
        'utf16',
        'journal',
        (ls) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${ls.join('\r\n')}\r\n`, 'utf16le')]),
        1,
        /UTF-16/,
      ],
      ['cr', 'journal', (ls) => `${ls.join('\r')}\r`, 1, /it holds a CR at column \d+ that ends no line/],
      [
        'long',
        'journal',
        (ls) => `${[...ls.slice(0, 2), `{"pad":"${'x'.repeat(5 * 2 ** 20)}"}`, ...ls.slice(2)].join('\n')}\n`,
        3,
        /a line longer than 4 MiB/,
      ],
      ['plan16', 'plan', (ls) => Buffer.from(`${ls.join('\n')}\n`, 'utf16le'), 1, /the file looks like UTF-16/],
      ['stepscr', 'steps', (ls) => `${ls.join('\r')}\r`, 1, /it holds a CR at column \d+ that ends no line/],
    ];
    for (const [name, file, edit, line, message] of cases) {
      const { dir, path } = editedCopy(name, file, edit);
      const at = line === -1 ? other.split('\n').length : line;
      const before = folderBytes(dir);
      for (const argv of [
        ['resume', dir],
        ['status', dir],
        ['report', dir],
      ]) {
        const refused = await run('campaign', ...argv);
        expect(refused.code, `${name} ${argv[0]}: ${refused.err}`).toBe(2);
        expect(refused.err).toMatch(new RegExp(`^photosync: ${path}:${at}: `));
        expect(refused.err).toMatch(message);
        expect(refused.err).toMatch(/nothing was changed\n$/);
        expect(folderBytes(dir), `${name} ${argv[0]}`).toEqual(before);
      }
    }
  });

  it('status, report and resume read a journal saved with a byte order mark and a blank last line, as check does', async () => {
    const { dir, path } = editedCopy('bom', 'journal', (ls) => `\ufeff${ls.join('\n')}\n\n`);
    const plain = editedCopy('plain', 'journal', (ls) => `${ls.join('\n')}\n`).dir;
    const status = await run('campaign', 'status', dir, '--format', 'json');
    expect(status.code, status.err).toBe(0);
    // the same report but for the moment it was made
    const shown = (out: string, folder: string) => ({ ...(JSON.parse(out.replaceAll(folder, 'DIR')) as object), generated: undefined });
    expect(shown(status.out, dir)).toEqual(shown((await run('campaign', 'status', plain, '--format', 'json')).out, plain));
    expect((await run('campaign', 'report', dir)).code).toBe(0);
    const resumed = await run('campaign', 'resume', dir);
    expect(resumed.code, resumed.err).toBe(0);
    expect(resumed.err).toMatch(/campaign over/);
    expect(readFileSync(path, 'utf8').startsWith('\ufeff{"format":"photosync-trace"')).toBe(true);
    expect(existsSync(`${path}.cut-line-${readFileSync(campaignPaths(over).journal, 'utf8').split('\n').length}`)).toBe(false);
  });

  it('report --against a run report names the campaign by its folder, and writes nothing', async () => {
    const runReport = join(tmp(), 'run.json');
    const made = await run('run', '--runs', '1', '--seed', '1', '--format', 'json');
    writeFileSync(runReport, made.out);
    const against = await run('campaign', 'report', over, '--against', runReport);
    expect(against.code).toBe(2);
    expect(against.err).toContain(`cannot compare a run report (${runReport}) with a campaign report (${over})`);
    expect(against.err).not.toContain('journal.jsonl');
    expect(against.out).toBe('');
  });

  it('Ctrl-C stops a campaign saying so and how to resume, leaving no lock; resume then goes on, no action made twice', async () => {
    const slow = await startEmulator({ seed: 6, profile: 'microsoft-2024', start: START, latencyMs: 40 });
    try {
      const slowConfig = join(tmp(), 'live.json');
      await slow.writeConfig(slowConfig);
      const dir = join(tmp(), 'stopped');
      const child = spawn(
        process.execPath,
        [BIN, 'campaign', 'start', '--config', slowConfig, '--dir', dir, '--seed', '1', '--profiles', PROFILES],
        { stdio: ['ignore', 'ignore', 'pipe'] },
      );
      let err = '';
      child.stderr.on('data', (d: Buffer) => void (err += d.toString()));
      const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
        child.on('exit', (code, signal) => done({ code, signal })),
      );
      // stopped once a few steps are journaled
      const journal = campaignPaths(dir).journal;
      for (let i = 0; i < 1200 && !(existsSync(journal) && readFileSync(journal, 'utf8').split('\n').length > 4); i++)
        await new Promise((r) => setTimeout(r, 25));
      child.kill('SIGINT');
      expect(await exited).toEqual({ code: 130, signal: null });
      expect(err).toMatch(/stopped by Ctrl-C/);
      expect(err).toContain(`resume with: photosync campaign resume ${dir}`);
      expect(existsSync(join(dir, 'campaign.lock'))).toBe(false);

      const resumed = await run('campaign', 'resume', dir);
      expect(resumed.code, resumed.err).toBe(0);
      expect(resumed.err).toMatch(/campaign over/);
      const acts = actsBegun(dir);
      expect(new Set(acts).size).toBe(acts.length);
    } finally {
      await slow.close();
    }
  });

  it('starts no story that cannot finish in its days: the 2014 profiles, told apart in 72 hours at the soonest, in one day end at once, saying so', async () => {
    const dir = join(tmp(), 'short');
    const started = await run(
      'campaign',
      'start',
      '--config',
      config,
      '--dir',
      dir,
      '--seed',
      '1',
      '--profiles',
      'threewill-2014,microsoft-2014',
      '--days',
      '1',
    );
    expect(started.code, started.err).toBe(0);
    expect(started.err).toMatch(/campaign over: no story left could finish before the campaign's end, 2026-06-0\dT/);
    const plan = JsonLog.read(campaignPaths(dir).plan, { cut: false }).lines.map((l) => l.value);
    expect(plan.filter((v) => v.story !== undefined)).toEqual([]);
    expect(plan.at(-1)).toMatchObject({ ended: 'no-story-fits' });
    // the survey's header alone: no step spent
    expect(JsonLog.read(campaignPaths(dir).journal, { cut: false }).lines).toHaveLength(1);
  });
});

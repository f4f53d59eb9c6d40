import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { findMutant, MUTANTS } from '../adapters/sim/mutants/catalog.js';
import { PROFILE_IDS } from '../model/profiles.js';
import { RULES } from '../model/rules/index.js';
import { CheckReport } from '../reports/CheckReport.js';
import { MatrixReport } from '../reports/MatrixReport.js';
import { MutantRunsReport } from '../reports/MutantRunsReport.js';
import { MutantsReport } from '../reports/MutantsReport.js';
import { RunReport } from '../reports/RunReport.js';
import type { Io } from './Io.js';
import { main } from './main.js';
import { mutantRunsText } from '../reports/mutantRunsText.js';
import { runText } from '../reports/runText.js';
import { unwrapped } from '../reports/_internals/fitLine.testkit.js';
import { reportMeta } from './reportMeta.js';
import { runCli, tempDirs } from './cli.testkit.js';

const run = (...argv: string[]) => runCli(argv);
const runWith = (io: Pick<Io, 'errIsTerminal'>, ...argv: string[]) => runCli(argv, io);

const tmp = tempDirs('photosync-harness-');

const jsonLines = (path: string) =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);

/** Splits a printed `replay` line into the argv `main` takes (without the program name). */
const replayArgv = (replay: string) => {
  const [program, ...argv] = replay.split(' ');
  expect(program).toBe('photosync');
  return argv;
};

const SIM = 'threewill-2014';
const MUTANT = 'owa-caches-ten-minutes';

describe('photosync run', () => {
  it('conforms on the unmutated simulated tenant against its own profile, writing no trace', async () => {
    const out = join(tmp(), 'traces');
    const {
      code,
      out: stdout,
      err,
    } = await run('run', '--sim-profile', SIM, '--runs', '30', '--seed', '11', '--out', out, '--format', 'json');
    expect(code).toBe(0);
    expect(err).toBe('');
    const report = RunReport.parse(JSON.parse(stdout));
    expect(report).toMatchObject({ tenant: { adapter: 'sim', simProfile: SIM }, profile: SIM, verdict: 'conforms', runs: 30, seed: 11 });
    expect(report.interrupted).toBe(false);
    expect(report.actions).toBeGreaterThan(0);
    expect(report.counterexample).toBeUndefined();
    expect(report.trace).toBeUndefined();
    expect(report.path).toBeUndefined();
    expect(existsSync(out)).toBe(false);
  });

  // BUG: replayCommand (cli/harnessOptions.ts) leaves out --runs, so a conforming result's replay
  // line makes the default 200 runs instead of the runs asked for: it does not repeat the result.
  it('says "1 run", not "1 runs"', async () => {
    const { out } = await run('run', '--runs', '1', '--seed', '11', '--out', join(tmp(), 'traces'));
    expect(out).toContain(': conforms in 1 run (');
  });

  it('prints a replay line that repeats a conforming result: same runs, same actions', async () => {
    const out = join(tmp(), 'traces');
    const first = RunReport.parse(JSON.parse((await run('run', '--runs', '20', '--seed', '11', '--out', out, '--format', 'json')).out));
    expect(first.verdict).toBe('conforms');
    const again = await run(...replayArgv(first.replay), '--out', out, '--format', 'json');
    const second = RunReport.parse(JSON.parse(again.out));
    expect([second.verdict, second.runs, second.actions]).toEqual([first.verdict, first.runs, first.actions]);
  });

  describe('on a mutant', () => {
    const mutant = findMutant(MUTANT)!;
    const out = tmp();
    const seed = 7;
    let first: Awaited<ReturnType<typeof run>>;
    beforeAll(async () => {
      first = await run(
        'run',
        '--sim-profile',
        SIM,
        '--mutant',
        MUTANT,
        '--runs',
        '200',
        '--seed',
        String(seed),
        '--out',
        out,
        '--format',
        'json',
      );
    });

    it('diverges with a counterexample in numbered steps that ends at the divergence and cites the broken rule', () => {
      expect(first.code).toBe(1);
      expect(first.err).toBe('');
      const report = RunReport.parse(JSON.parse(first.out));
      expect(report).toMatchObject({
        tenant: { adapter: 'sim', simProfile: SIM, mutant: MUTANT },
        profile: SIM,
        verdict: 'diverges',
        seed,
      });
      expect(report.runs).toBeGreaterThan(0);
      expect(report.runs).toBeLessThanOrEqual(200);
      const story = report.counterexample!;
      expect(story.steps.map((s) => s.n)).toEqual(story.steps.map((_, i) => i + 1));
      expect(story.steps.map((s) => s.line)).toEqual(story.steps.map((_, i) => i + 2));
      expect(story.steps.at(-1)!.line).toBe(story.divergence.line);
      expect(story.divergence.rules.map((r) => r.id)).toContain(mutant.breaks);
      for (const r of story.divergence.rules) expect(r.source).toBe(RULES[r.id].source);
      expect(story.length).toBeLessThanOrEqual(report.foundLength!);
      expect(report.replay).toContain(`--seed ${seed} --path ${report.path}`);
    });

    it('writes the counterexample as a trace in --out whose header says how to replay it', () => {
      const report = RunReport.parse(JSON.parse(first.out));
      const trace = report.trace!;
      expect(dirname(trace)).toBe(out);
      const [header, ...events] = jsonLines(trace);
      expect(header).toMatchObject({
        format: 'photosync-trace',
        version: 1,
        start: report.counterexample!.start,
        users: report.counterexample!.users,
        adapter: 'sim',
        simProfile: SIM,
        mutant: MUTANT,
        profile: SIM,
        seed: report.seed,
        path: report.path,
      });
      expect(events).toEqual(report.counterexample!.steps.map((s) => ({ ...s.event, at: s.at })));
    });

    it('gives the same verdict offline: photosync check on the trace diverges at the same line with the same rules', async () => {
      const report = RunReport.parse(JSON.parse(first.out));
      const story = report.counterexample!;
      const checked = await run('check', report.trace!, '--profile', SIM, '--format', 'json');
      expect(checked.code).toBe(1);
      const result = CheckReport.parse(JSON.parse(checked.out)).results;
      expect(result).toHaveLength(1);
      expect(result[0]).toMatchObject({
        profile: SIM,
        verdict: 'diverges',
        divergence: {
          line: story.divergence.line,
          event: { ...story.steps.at(-1)!.event, at: story.steps.at(-1)!.at },
          allowed: story.divergence.allowed,
          rules: story.divergence.rules.map((r) => r.id),
          // the windows too: the model offline reasons as it did in the run
          windows: story.divergence.windows,
        },
      });
    });

    /** `run` again on the same mutant tenant at the report's seed and path. */
    const replayByPath = (report: RunReport, outDir: string, ...more: string[]) =>
      run('run', '--sim-profile', SIM, '--mutant', MUTANT, '--seed', String(seed), '--path', report.path!, '--out', outDir, ...more);

    it('replays the same counterexample from --seed and --path, and from the printed replay line', async () => {
      const report = RunReport.parse(JSON.parse(first.out));
      const again = tmp();
      const byPath = await replayByPath(report, again, '--format', 'json');
      expect(byPath.code).toBe(1);
      const replayed = RunReport.parse(JSON.parse(byPath.out));
      expect(replayed.counterexample).toEqual(report.counterexample);
      expect([replayed.seed, replayed.path, replayed.replay]).toEqual([report.seed, report.path, report.replay]);
      const byLine = RunReport.parse(JSON.parse((await run(...replayArgv(report.replay), '--out', again, '--format', 'json')).out));
      expect(byLine.counterexample).toEqual(report.counterexample);
    });

    it('prints in text the numbered steps, the rules with their sources, the trace and the replay line', async () => {
      const report = RunReport.parse(JSON.parse(first.out));
      const story = report.counterexample!;
      const text = await replayByPath(report, tmp());
      expect(text.code).toBe(1);
      for (const s of story.steps) expect(text.out).toMatch(new RegExp(`^║ ${s.n} +│`, 'm'));
      expect(text.out).not.toMatch(new RegExp(`^║ ${story.steps.length + 1} +│`, 'm'));
      expect(text.out).toMatch(new RegExp(`^║ ${story.steps.at(-1)!.n} +│.*<- DIVERGES`, 'm'));
      // a line of prose wraps at 100 columns; a command stays whole on one line
      for (const r of story.divergence.rules)
        expect(unwrapped(text.out)).toContain(`${r.id} (${RULES[r.id].source}): ${RULES[r.id].statement}`);
      expect(unwrapped(text.out)).toMatch(/^trace: .*photosync check .* --profile threewill-2014\)$/m);
      expect(text.out).toMatch(/photosync check \S+ --profile threewill-2014\)$/m);
      expect(text.out).toContain(`replay: ${report.replay}\n`);
    });
  });

  it('records every run as a trace with --record: one per run, each with a header, each conforming offline', async () => {
    const record = join(tmp(), 'record');
    const out = join(tmp(), 'traces');
    const { code, out: stdout } = await run('run', '--runs', '15', '--seed', '3', '--out', out, '--record', record, '--format', 'json');
    expect(code).toBe(0);
    const report = RunReport.parse(JSON.parse(stdout));
    const files = readdirSync(record).sort();
    expect(files).toHaveLength(report.runs);
    expect(existsSync(out)).toBe(false);
    for (const [i, file] of files.entries()) {
      const [header, ...events] = jsonLines(join(record, file));
      expect(header).toMatchObject({ format: 'photosync-trace', version: 1, adapter: 'sim', simProfile: SIM, profile: SIM, run: i + 1 });
      expect(header!.users).toEqual(expect.any(Array));
      expect(events.length).toBeGreaterThan(0);
      const checked = await run('check', join(record, file), '--profile', SIM);
      expect(checked.code).toBe(0);
    }
  });

  describe('progress', () => {
    it('writes nothing on stderr when stderr is not a terminal', async () => {
      const { code, err } = await runWith({ errIsTerminal: false }, 'run', '--runs', '20', '--seed', '5', '--out', join(tmp(), 'o'));
      expect(code).toBe(0);
      expect(err).toBe('');
    });

    it('shows a progress line on a terminal, cleared before the result, and never on stdout', async () => {
      const { code, out, err } = await runWith(
        { errIsTerminal: true },
        ...['run', '--runs', '20', '--seed', '5', '--out', join(tmp(), 'o'), '--format', 'json'],
      );
      expect(code).toBe(0);
      expect(err).toMatch(/threewill-2014: \d+\/20 runs, 0 divergences/);
      expect(err.endsWith('\r\x1b[K')).toBe(true);
      expect(RunReport.parse(JSON.parse(out)).runs).toBe(20);
    });
  });
});

describe('photosync run --seed S --path X', () => {
  // the tester's story: a path found against microsoft-2014, replayed with options that do not match it
  const out = tmp();
  let found: RunReport;
  beforeAll(async () => {
    found = RunReport.parse(
      JSON.parse((await run('run', '--profile', 'microsoft-2014', '--seed', '5', '--out', out, '--format', 'json')).out),
    );
  });

  it('replays the counterexample with every option of its replay line', async () => {
    expect(found.verdict).toBe('diverges');
    const again = await run(...replayArgv(found.replay), '--out', out, '--format', 'json');
    expect(again.code).toBe(1);
    expect(RunReport.parse(JSON.parse(again.out)).counterexample).toEqual(found.counterexample);
  });

  it.each([
    [['--profile', 'microsoft-2014', '--max-actions', '10'], 'no run of --seed 5 is at this path with these options'],
    [[], 'the run at this path conforms to threewill-2014 with these options: it reproduces no divergence'],
  ])('is a usage error with %j, naming --path and the replay line, running nothing', async (more, what) => {
    const record = join(tmp(), 'record');
    const { code, out: stdout, err } = await run('run', '--seed', '5', '--path', found.path!, ...more, '--record', record);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(err).toContain(`photosync: --path ${found.path}: ${what}. A path replays its counterexample only with every option`);
    expect(err).toContain('run that line as it is');
    expect(existsSync(record)).toBe(false);
  });
});

describe('photosync run --as-is', () => {
  it('runs on tenants with a history, from the header a survey gives, and writes traces check gives the same verdict', async () => {
    const out = join(tmp(), 'traces');
    // a tenant of microsoft-2024 with a history, judged by microsoft-2026: Delve alone refutes it
    const { code, out: stdout } = await run(
      'run',
      '--as-is',
      '--sim-profile',
      'microsoft-2024',
      '--profile',
      'microsoft-2026',
      '--runs',
      '300',
      '--seed',
      '7',
      '--out',
      out,
      '--format',
      'json',
    );
    expect(code).toBe(1);
    const report = RunReport.parse(JSON.parse(stdout));
    expect(report.tenant).toMatchObject({ adapter: 'sim', simProfile: 'microsoft-2024', history: 'as-is' });
    expect(report.replay).toContain('--as-is');
    const header = jsonLines(report.trace!)[0]!;
    expect(header).toMatchObject({ history: 'as-is', profile: 'microsoft-2026' });
    const users = header.users as Array<Record<string, unknown>>;
    expect(users.length).toBeGreaterThan(0);
    for (const u of users) expect(u).toMatchObject({ spUpdated: 'unknown', pending: 'unknown', caches: 'unknown' });
    const offline = CheckReport.parse(
      JSON.parse((await run('check', report.trace!, '--profile', 'microsoft-2026', '--format', 'json')).out),
    );
    expect(offline.results[0]).toMatchObject({ verdict: 'diverges', divergence: { line: report.counterexample!.divergence.line } });
    // the replay line repeats it
    const again = RunReport.parse(JSON.parse((await run(...replayArgv(report.replay), '--out', out, '--format', 'json')).out));
    expect(again.counterexample?.steps).toEqual(report.counterexample?.steps);
  });

  it('conforms on tenants with a history against their own profile', async () => {
    const { code, out } = await run(
      'run',
      '--as-is',
      '--sim-profile',
      'microsoft-2026',
      '--runs',
      '100',
      '--seed',
      '3',
      '--format',
      'json',
    );
    expect(code).toBe(0);
    expect(RunReport.parse(JSON.parse(out)).verdict).toBe('conforms');
  });
});

describe('photosync matrix', () => {
  const out = tmp();
  let json: Awaited<ReturnType<typeof run>>;
  beforeAll(async () => {
    json = await run('matrix', '--sim-profile', SIM, '--runs', '40', '--seed', '1', '--out', out, '--format', 'json');
  });

  it('finds that the simulated threewill-2014 tenant holds to its own profile only, exit 0', () => {
    expect(json.code).toBe(0);
    expect(json.err).toBe('');
    const report = MatrixReport.parse(JSON.parse(json.out));
    expect(report.tenant).toEqual({ adapter: 'sim', simProfile: SIM });
    expect(report.interrupted).toBe(false);
    expect(report.results.map((r) => r.profile)).toEqual(PROFILE_IDS);
    for (const r of report.results) {
      if (r.profile === SIM) {
        expect(r).toMatchObject({ verdict: 'conforms', length: null, rules: [], runs: 40 });
        expect(r.trace).toBeUndefined();
      } else {
        expect(r.verdict).toBe('diverges');
        expect(r.length).toBeGreaterThanOrEqual(1);
        expect(r.rules.length).toBeGreaterThan(0);
        expect(r.counterexample!.divergence.rules.map((x) => x.id)).toEqual(r.rules);
      }
    }
  });

  it('writes a trace for each refuted profile that photosync check refutes with the same rules', async () => {
    const report = MatrixReport.parse(JSON.parse(json.out));
    const refuted = report.results.filter((r) => r.verdict === 'diverges');
    expect(readdirSync(out)).toHaveLength(refuted.length);
    for (const r of refuted) {
      expect(dirname(r.trace!)).toBe(out);
      const checked = await run('check', r.trace!, '--profile', r.profile, '--format', 'json');
      expect(checked.code).toBe(1);
      const [result] = CheckReport.parse(JSON.parse(checked.out)).results;
      expect(result).toMatchObject({ verdict: 'diverges', divergence: { line: r.counterexample!.divergence.line, rules: r.rules } });
    }
  });

  it('explores every profile from one seed, drawn when none is given, so that --seed repeats the whole matrix', async () => {
    const first = MatrixReport.parse(
      JSON.parse((await run('matrix', '--sim-profile', SIM, '--runs', '20', '--out', tmp(), '--format', 'json')).out),
    );
    // a conforming profile keeps the seed it was explored from (a divergence may keep a shorter story's)
    const seed = first.results.find((r) => r.profile === SIM)!.seed;
    const again = MatrixReport.parse(
      JSON.parse(
        (await run('matrix', '--sim-profile', SIM, '--runs', '20', '--seed', String(seed), '--out', tmp(), '--format', 'json')).out,
      ),
    );
    const rows = (r: MatrixReport) => r.results.map((x) => [x.profile, x.verdict, x.length, x.seed, x.path, x.counterexample?.steps]);
    expect(rows(again)).toEqual(rows(first));
  });

  it('gives the seed every profile was explored from, and the command line that repeats the whole matrix', async () => {
    const report = MatrixReport.parse(JSON.parse(json.out));
    expect(report.seed).toBe(1);
    expect(report.replay).toBe(`photosync matrix --adapter sim --sim-profile ${SIM} --runs 40 --max-actions 30 --seed 1`);
    const again = MatrixReport.parse(JSON.parse((await run(...replayArgv(report.replay!), '--out', tmp(), '--format', 'json')).out));
    const rows = (r: MatrixReport) => r.results.map((x) => [x.profile, x.verdict, x.length, x.seed, x.path, x.counterexample?.steps]);
    expect(rows(again)).toEqual(rows(report));
    const text = await run('matrix', '--sim-profile', SIM, '--runs', '40', '--seed', '1', '--out', tmp());
    expect(text.out).toContain(`seed 1; repeat: ${report.replay}\n`);
    const md = await run('matrix', '--sim-profile', SIM, '--runs', '40', '--seed', '1', '--out', tmp(), '--format', 'md');
    expect(md.out).toContain('Every profile was explored from seed 1. Repeat:');
    expect(md.out).toContain(report.replay);
  });

  it('prints a table naming every profile with its verdict in text', async () => {
    const report = MatrixReport.parse(JSON.parse(json.out));
    const text = await run('matrix', '--sim-profile', SIM, '--runs', '40', '--seed', '1', '--out', tmp());
    expect(text.code).toBe(0);
    for (const r of report.results) {
      expect(text.out).toMatch(new RegExp(`^║ ${r.profile} +│ ${r.verdict === 'conforms' ? 'conforms' : 'DIVERGES'} `, 'm'));
    }
  });
});

describe('photosync mutants', () => {
  const BUDGET = 300;

  it.each(['owa-caches-ten-minutes', 'lync-shows-signed-out', 'edit-cancel-clears'])(
    'kills %s on every profile it lists, soon, with a counterexample near the known minimal',
    async (id) => {
      const mutant = findMutant(id)!;
      const { code, out, err } = await run('mutants', '--mutant', id, '--budget', String(BUDGET), '--seed', '1', '--format', 'json');
      expect(code).toBe(0);
      expect(err).toBe('');
      const report = MutantRunsReport.parse(JSON.parse(out));
      expect(report.budget).toBe(BUDGET);
      expect(report.mutants.map((m) => [m.id, m.profile])).toEqual(mutant.profiles.map((p) => [id, p]));
      for (const m of report.mutants) {
        expect(m).toMatchObject({ rule: mutant.breaks, killed: true, minimalLength: mutant.minimalLength, seed: 1 });
        expect(m.runsToFailure).toBeLessThanOrEqual(BUDGET);
        expect(m.shrunkLength).toBeLessThanOrEqual(2 * mutant.minimalLength);
        expect(m.rules).toContain(mutant.breaks);
      }
      expect(report.summary).toMatchObject({ runs: mutant.profiles.length, killed: mutant.profiles.length });
    },
  );

  it('holds each counterexample against the shortest story known on its profile, from a header the harness generates too', async () => {
    const { code, out } = await run(
      'mutants',
      '--mutant',
      'browser-clear-keeps-sharepoint',
      '--budget',
      '2000',
      '--seed',
      '42',
      '--format',
      'json',
    );
    expect(code).toBe(0);
    const rows = MutantRunsReport.parse(JSON.parse(out)).mutants.map((m) => [m.profile, m.minimalLength]);
    // where the people system brings a change waiting from before the start, one step fewer is enough
    expect(rows).toEqual([
      ['threewill-2014', 4],
      ['microsoft-2014', 4],
      ['exchange-2015', 3],
      ['microsoft-2024', 3],
    ]);
  });

  it('runs only the profile --profile names', async () => {
    const { code, out } = await run(
      'mutants',
      '--mutant',
      'edit-cancel-clears',
      '--profile',
      'microsoft-2024',
      '--budget',
      '300',
      '--seed',
      '1',
      '--format',
      'json',
    );
    expect(code).toBe(0);
    expect(MutantRunsReport.parse(JSON.parse(out)).mutants.map((m) => m.profile)).toEqual(['microsoft-2024']);
  });

  it('still lists the catalog with --list, running nothing', async () => {
    const { code, out } = await run('mutants', '--list', '--format', 'json');
    expect(code).toBe(0);
    expect(MutantsReport.parse(JSON.parse(out)).mutants.map((m) => m.id)).toEqual(MUTANTS.map((m) => m.id));
  });
});

describe('bad input', () => {
  const flagged = (args: string[], flag: string) => [args, new RegExp(flag)] as const;

  it.each([
    flagged(['run', '--runs', '0'], '--runs'),
    flagged(['run', '--runs', 'x'], '--runs'),
    flagged(['run', '--path', '1:2'], '--path needs the --seed'),
    flagged(['run', '--seed', '1', '--path', 'abc'], '--path'),
    flagged(['run', '--seed', '1.5'], '--seed'),
    flagged(['run', '--sim-profile', 'nope'], '--sim-profile "nope"'),
    flagged(['run', '--profile', 'nope'], '--profile "nope"'),
    flagged(['run', '--mutant', 'nope'], '--mutant "nope"'),
    flagged(['run', '--max-actions', '0'], '--max-actions'),
    flagged(['run', '--adapter', 'nope'], '--adapter'),
    flagged(['run', '--adapter', 'live'], '--adapter live needs --profile'),
    flagged(['run', '--adapter', 'live', '--profile', 'microsoft-2026'], '--adapter live needs --config'),
    flagged(['run', '--adapter', 'live', '--profile', 'microsoft-2026', '--config', '/nonexistent/live.json'], '/nonexistent/live.json'),
    flagged(['run', '--adapter', 'live', '--profile', 'microsoft-2026', '--config', 'c.json', '--as-is'], '--as-is'),
    flagged(['run', '--config', 'c.json'], '--config is for --adapter live'),
    flagged(['matrix', '--adapter', 'live'], '--adapter live needs --config'),
    flagged(['run', '--format', 'xml'], '--format'),
    flagged(['matrix', '--runs', '0'], '--runs'),
    flagged(['matrix', '--sim-profile', 'nope'], '--sim-profile "nope"'),
    flagged(['matrix', '--mutant', 'nope'], '--mutant "nope"'),
    // a path of no run with these options; a path whose run conforms on the simulated tenant
    flagged(['run', '--seed', '5', '--path', '0:999999:0'], '--path 0:999999:0: no run of --seed 5 is at this path.*replay line'),
    flagged(['run', '--seed', '5', '--path', '0:999999'], '--path 0:999999: no run of --seed 5'),
    flagged(['run', '--seed', '5', '--path', '1:2:3'], '--path 1:2:3: the run at this path conforms to threewill-2014.*replay line'),
    // an unset shell variable
    flagged(['run', '--out', ''], "--out <dir>' argument '' is invalid"),
    flagged(['run', '--record', ''], "--record <dir>' argument '' is invalid"),
    flagged(['matrix', '--out', ''], "--out <dir>' argument '' is invalid"),
    flagged(['matrix', '--record', ''], "--record <dir>' argument '' is invalid"),
    // a mutant that breaks no rule of the simulated profile, as photosync mutants says
    flagged(
      ['run', '--mutant', 'delve-not-retired'],
      '--mutant delve-not-retired breaks DELVE-RETIRED as microsoft-2026 only, not as --sim-profile threewill-2014',
    ),
    flagged(['matrix', '--mutant', 'delve-not-retired'], '--mutant delve-not-retired breaks DELVE-RETIRED as microsoft-2026 only'),
    flagged(['run', '--no-operator'], '--no-operator is for --adapter live'),
    flagged(['matrix', '--no-operator'], '--no-operator is for --adapter live'),
  ])('exits 2 on %j, naming the flag on stderr, printing nothing and writing nothing', async (args, message) => {
    const out = join(tmp(), 'traces');
    const record = join(tmp(), 'record');
    const [command, ...rest] = args;
    const { code, out: stdout, err } = await run(command!, '--runs', '5', '--out', out, '--record', record, ...rest);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(err).toMatch(message);
    expect(existsSync(out)).toBe(false);
    expect(existsSync(record)).toBe(false);
  });

  it.each([
    flagged(['mutants', '--budget', '0'], '--budget'),
    flagged(['mutants', '--profile', 'nope'], '--profile "nope"'),
    flagged(['mutants', '--mutant', 'nope'], '--mutant "nope"'),
    flagged(['mutants', '--max-actions', '0'], '--max-actions'),
    flagged(['mutants', '--mutant', 'owa-caches-ten-minutes', '--profile', 'microsoft-2024'], '--profile microsoft-2024'),
  ])('exits 2 on %j, naming the flag on stderr and printing nothing', async (args, message) => {
    const { code, out, err } = await run(...args);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toMatch(message);
  });

  // sysfs refuses mkdir, to root as well (EPERM): the failure comes before any run, not after them all
  it.runIf(existsSync('/sys/kernel')).each([
    ['run', '--out'],
    ['run', '--record'],
    ['matrix', '--out'],
    ['matrix', '--record'],
  ])('%s exits 2 at once when %s names a directory that cannot be made, naming the flag and the path', async (command, flag) => {
    const target = '/sys/photosync-cannot-be-made';
    const other = flag === '--out' ? ['--record', join(tmp(), 'record')] : ['--out', join(tmp(), 'traces')];
    const { code, out, err } = await runWith({ errIsTerminal: true }, command, '--runs', '5', '--seed', '1', ...other, flag, target);
    expect(code).toBe(2);
    expect(out).toBe('');
    // no progress line: nothing ran
    expect(err).toBe(`photosync: ${flag} ${target}: cannot be made or written to (EPERM: operation not permitted, mkdir '${target}')\n`);
  });

  it('proves a missing --out and --record can be made before any run, and leaves nothing of the proof', async () => {
    const dir = tmp();
    const { code } = await run('run', '--runs', '5', '--seed', '1', '--out', join(dir, 'a', 'b'), '--record', join(dir, 'c'));
    expect(code).toBe(0);
    // the run conforms: no trace in --out, which is not left behind; --record holds the runs alone
    expect(readdirSync(dir)).toEqual(['c']);
    expect(readdirSync(join(dir, 'c'))).toHaveLength(5);
  });

  it.each([
    ['run', '--out'],
    ['run', '--record'],
    ['matrix', '--out'],
    ['matrix', '--record'],
  ])('%s exits 2 when %s names an existing regular file, leaving it as it was', async (command, flag) => {
    const dir = tmp();
    const file = join(dir, 'file');
    writeFileSync(file, 'keep me\n');
    const other = flag === '--out' ? ['--record', join(dir, 'record')] : ['--out', join(dir, 'traces')];
    for (const target of [file, join(file, 'below')]) {
      const { code, out, err } = await run(command, '--runs', '5', '--seed', '1', ...other, flag, target);
      expect(code).toBe(2);
      expect(out).toBe('');
      expect(err).toContain(`${flag} ${target}: ${file} is not a directory`);
    }
    expect(readFileSync(file, 'utf8')).toBe('keep me\n');
    expect(readdirSync(dir)).toEqual(['file']);
  });
});

describe('Ctrl-C', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  /** Starts `photosync run` for `runs` runs, sends one SIGINT once it listens and has run a while; resolves with the result and how long it took to end after the signal. */
  async function interruptRun(runs: number) {
    // a second SIGINT exits the process: make sure a slip cannot take the test worker down
    const exit = vi.spyOn(process, 'exit').mockImplementation((code) => {
      throw new Error(`process.exit(${String(code)})`);
    });
    const before = process.listenerCount('SIGINT');
    const pending = run(
      'run',
      '--sim-profile',
      SIM,
      '--runs',
      String(runs),
      '--seed',
      '1',
      '--out',
      join(tmp(), 'traces'),
      '--format',
      'json',
    );
    const deadline = Date.now() + 5000;
    while (process.listenerCount('SIGINT') === before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    expect(process.listenerCount('SIGINT')).toBe(before + 1);
    await new Promise((r) => setTimeout(r, 100));
    const signalled = Date.now();
    process.emit('SIGINT');
    const result = await pending;
    const afterSignalMs = Date.now() - signalled;
    expect(exit).not.toHaveBeenCalled();
    expect(process.listenerCount('SIGINT')).toBe(before);
    return { ...result, afterSignalMs };
  }

  it('stops early with exit 130 and still prints the report, marked interrupted', { timeout: 20_000 }, async () => {
    const runs = 5000;
    const { code, out, err } = await interruptRun(runs);
    expect(code).toBe(130);
    const report = RunReport.parse(JSON.parse(out));
    expect(report).toMatchObject({ verdict: 'conforms', interrupted: true });
    expect(report.runs).toBeLessThan(runs);
    expect(err).toContain('stopping');
  });

  /**
   * Runs `argv` with stderr a terminal and sends one SIGINT as soon as the progress line says a
   * divergence is being shrunk. The runs are long (a thousand actions at most) and the divergence
   * comes on the second, so that shrinking lasts seconds.
   */
  async function interruptWhileShrinking(...argv: string[]) {
    const exit = vi.spyOn(process, 'exit').mockImplementation((code) => {
      throw new Error(`process.exit(${String(code)})`);
    });
    let out = '';
    let err = '';
    let signalled = false;
    const code = await main(argv, {
      errIsTerminal: true,
      out: (t) => void (out += t),
      err: (t) => {
        err += t;
        if (!signalled && t.includes('diverged, shrinking')) {
          signalled = true;
          process.emit('SIGINT');
        }
      },
    });
    expect(signalled).toBe(true);
    expect(exit).not.toHaveBeenCalled();
    return { code, out, err };
  }
  const SHRINKS_LONG = ['--sim-profile', 'microsoft-2026', '--mutant', 'sp-upload-not-picked-up', '--max-actions', '1000', '--seed', '1'];

  it(
    'run stopped while shrinking: exit 1, says the counterexample is not minimal, and its replay line starts from that story',
    { timeout: 60_000 },
    async () => {
      const { code, out, err } = await interruptWhileShrinking('run', ...SHRINKS_LONG, '--out', join(tmp(), 'traces'), '--format', 'json');
      expect(code).toBe(1);
      expect(err).toContain('photosync: shrinking was stopped: the counterexample printed is not minimal');
      const report = RunReport.parse(JSON.parse(out));
      expect(report).toMatchObject({ verdict: 'diverges', interrupted: true, shrinkingStopped: true });
      expect(runText(report, reportMeta())).toContain('interrupted: shrinking was stopped: this counterexample is not minimal');
      const record = join(tmp(), 'record');
      const again = await run(...replayArgv(report.replay), '--out', join(tmp(), 'traces'), '--record', record, '--format', 'json');
      expect(again.code).toBe(1);
      // the replay's first run is the story printed, which it then shrinks to the end
      const [, ...events] = jsonLines(join(record, 'run-00001.jsonl'));
      expect(events.slice(0, report.counterexample!.steps.length)).toEqual(
        report.counterexample!.steps.map((s) => ({ ...s.event, at: s.at })),
      );
      expect(RunReport.parse(JSON.parse(again.out)).counterexample!.length).toBeLessThanOrEqual(report.counterexample!.length);
    },
  );

  it(
    'mutants stopped while shrinking a pair: exit 130, the pair marked interrupted, killed but not counted as shrunk',
    { timeout: 60_000 },
    async () => {
      const [, , , mutant, ...rest] = SHRINKS_LONG;
      const { code, out } = await interruptWhileShrinking('mutants', '--mutant', mutant!, ...rest, '--format', 'json');
      expect(code).toBe(130);
      const report = MutantRunsReport.parse(JSON.parse(out));
      expect(report.mutants).toMatchObject([
        { id: mutant, profile: 'microsoft-2026', killed: true, shrunkLength: null, interrupted: true },
      ]);
      expect(report).toMatchObject({ interrupted: true, summary: { runs: 1, killed: 1, shrunk: 0, atMinimal: 0, worstRatio: null } });
      const text = mutantRunsText(report, reportMeta());
      expect(text).toMatch(/│ stopped +│/);
      expect(text).toContain('as short as the known minimal: 0 of 0;');
    },
  );

  // the work left after Ctrl-C is the current run, not the plans of every run still to come
  it('ends soon after Ctrl-C, whatever --runs is', { timeout: 20_000 }, async () => {
    const { code, afterSignalMs } = await interruptRun(10_000);
    expect(code).toBe(130);
    expect(afterSignalMs).toBeLessThan(500);
  });
});

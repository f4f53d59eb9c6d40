import { describe, expect, it } from 'vitest';
import { RULE_IDS } from '../model/RuleId.js';
import { RULES } from '../model/rules/index.js';
import { ReportJson } from '../reports/ReportJson.js';
import { CheckReport } from '../reports/CheckReport.js';
import { ProfilesReport } from '../reports/ProfilesReport.js';
import { RulesReport } from '../reports/RulesReport.js';
import { MutantsReport } from '../reports/MutantsReport.js';
import { MUTANTS } from '../adapters/sim/mutants/catalog.js';
import { PROFILES } from '../model/profiles.js';
import { HEADER, lines, traceFile } from '../trace/traceFile.testkit.js';
import { main } from './main.js';
import { runCli } from './cli.testkit.js';

const run = (...argv: string[]) => runCli(argv);

const SPEC_TRACE = lines(
  HEADER,
  '{"at":"2014-04-01T09:00:00Z","do":"setPhoto","user":"alice","via":"outlook-web","photo":"p1"}',
  '{"at":"2014-04-01T09:02:00Z","see":"owa-contact-card","user":"alice","viewer":"bob","photo":"p1"}',
  '{"at":"2014-04-06T09:00:00Z","see":"sp-people-picker","user":"alice","viewer":"bob","photo":"p0"}',
);

describe('photosync check', () => {
  it('exits 3, not with its verdict, when its output could not be written (a full disk)', async () => {
    let written = false;
    const io = { out: () => void (written = true), err: () => undefined, outFailed: () => written };
    expect(await main(['check', traceFile(SPEC_TRACE), '--format', 'json'], io)).toBe(3);
    expect(await main(['check', traceFile(SPEC_TRACE), '--format', 'json'], { ...io, outFailed: () => false })).toBe(1);
  });

  it('prints the JSON of SPEC section 3 and exits 1 when a profile diverges', async () => {
    const path = traceFile(SPEC_TRACE);
    const { code, out, err } = await run('check', path, '--profile', 'all', '--format', 'json');
    expect(code).toBe(1);
    expect(err).toBe('');
    const report = CheckReport.parse(JSON.parse(out));
    expect(report.trace).toBe(path);
    expect(report.results.map((r) => [r.profile, r.verdict])).toEqual([
      ['threewill-2014', 'conforms'],
      ['microsoft-2014', 'diverges'],
      ['exchange-2015', 'diverges'],
      ['microsoft-2024', 'diverges'],
      ['microsoft-2026', 'conforms'],
    ]);
    expect(report.results[1]).toMatchObject({
      profile: 'microsoft-2014',
      verdict: 'diverges',
      divergence: {
        line: 4,
        event: { at: '2014-04-06T09:00:00Z', see: 'sp-people-picker', user: 'alice', viewer: 'bob', photo: 'p0' },
        allowed: ['p1'],
        rules: ['SP-MYSITE-ONCE'],
      },
    });
    // additions to SPEC section 3: the envelope, the rules cited, and the subject's story up to the divergence
    expect(ReportJson.parse(JSON.parse(out))).toMatchObject({ report: 'check', schema: 1, tool: { name: 'photosync' } });
    expect(report.cited?.map((c) => c.id)).toContain('SP-MYSITE-ONCE');
    const diverging = report.results[1]!;
    if (diverging.verdict !== 'diverges') throw new Error('expected a divergence');
    expect(diverging.story?.steps.at(-1)).toMatchObject({ line: 4, seen: 'p0', allowed: ['p1'] });
    expect(diverging.story?.steps.every((s) => s.event.user === 'alice')).toBe(true);
  });

  it('exits 0 when every profile asked conforms, and checks all profiles by default', async () => {
    const path = traceFile(SPEC_TRACE);
    expect((await run('check', path, '--profile', 'threewill-2014')).code).toBe(0);
    const all = await run('check', path, '--format', 'json');
    expect(CheckReport.parse(JSON.parse(all.out)).results).toHaveLength(5);
    // in as many threads as asked: the same verdicts
    const inThreads = await run('check', path, '--format', 'json', '--threads', '2');
    expect(inThreads.code).toBe(all.code);
    expect(CheckReport.parse(JSON.parse(inThreads.out)).results).toEqual(CheckReport.parse(JSON.parse(all.out)).results);
  });

  it('prints a table with the divergence and the cited rule in text', async () => {
    const { code, out } = await run('check', traceFile(SPEC_TRACE));
    expect(code).toBe(1);
    expect(out).toMatch(/microsoft-2014 .*DIVERGES .* 4 /);
    expect(out).toContain(`SP-MYSITE-ONCE (${RULES['SP-MYSITE-ONCE'].source})`);
  });

  it.each([
    ['a line that is not JSON', lines(HEADER, '{"at":'), ':2: ', /not valid JSON/],
    ['an unknown action', lines(HEADER, '{"at":"2014-04-01T09:00:00Z","do":"jump","user":"alice"}'), ':2: do: ', /unknown action/],
    [
      'an unknown surface',
      lines(HEADER, '{"at":"2014-04-01T09:00:00Z","see":"fax","user":"alice","viewer":"bob","photo":"p0"}'),
      ':2: see: ',
      /unknown surface/,
    ],
    [
      'a missing field',
      lines(HEADER, '{"at":"2014-04-01T09:00:00Z","see":"graph","user":"alice","photo":"p0"}'),
      ':2: viewer: ',
      /missing field/,
    ],
    [
      'a time going backwards',
      lines(
        HEADER,
        '{"at":"2014-04-01T10:00:00Z","do":"visitMySite","user":"alice"}',
        '{"at":"2014-04-01T09:00:00Z","do":"visitMySite","user":"alice"}',
      ),
      ':3: at: ',
      /backwards/,
    ],
  ])('exits 2 on %s, naming line and field on stderr and printing nothing on stdout', async (_name, text, where, message) => {
    const path = traceFile(text);
    const { code, out, err } = await run('check', path, '--format', 'json');
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toContain(`${path}${where}`);
    expect(err).toMatch(message);
  });

  it('exits 2 on a torn last line, still printing the verdicts of the lines before it', async () => {
    const path = traceFile(SPEC_TRACE + '{"at":"2014-04-07T09:00:00Z","see":"gr');
    const { code, out, err } = await run('check', path, '--format', 'json');
    expect(code).toBe(2);
    expect(err).toMatch(new RegExp(`^photosync: ${path}:5: torn last line`));
    const report = CheckReport.parse(JSON.parse(out));
    expect(report.torn?.line).toBe(5);
    expect(report.results[1]).toMatchObject({ verdict: 'diverges', divergence: { line: 4 } });
  });

  it.each([
    [['check'], /missing required argument/],
    [['check', 'x.jsonl', '--profile', 'nope'], /unknown profile "nope"/],
    [['check', 'x.jsonl', '--profile', 'threewill-2014', '--profile', 'microsoft-2014'], /give it once \(one profile, or all\)/],
    [['rules', '--profile', 'all', '--profile', 'microsoft-2014'], /give it once/],
    [['check', 'x.jsonl', '--format', 'xml'], /Allowed choices are text, md, json, html/],
    [['check', '/nonexistent.jsonl'], /nonexistent\.jsonl: cannot read the trace: no such file \(ENOENT\)/],
    [['check', ''], /expected a file path, got an empty string/],
    [['check', 'x.jsonl', '--threads', '0'], /option '--threads <n>' argument '0' is invalid\. expected an integer from 1 to 64/],
    [['check', 'x.jsonl', '--threads', 'many'], /expected an integer from 1 to 64/],
    [['diff', 'a.json', ' '], /expected a file path, got an empty string/],
    [['frobnicate'], /unknown command/],
  ])('exits 2 on bad usage: %j', async (argv, message) => {
    const { code, err } = await run(...argv);
    expect(code).toBe(2);
    expect(err).toMatch(message);
  });
});

describe("an error of photosync's own", () => {
  it('exits 3 with the error on stderr, never 1 (which says a profile diverges)', async () => {
    let err = '';
    const code = await main(['rules', '--format', 'json'], {
      out: () => {
        throw new Error('stdout is gone');
      },
      err: (t) => void (err += t),
    });
    expect(code).toBe(3);
    expect(err).toMatch(/^photosync: failed, no verdict: Error: stdout is gone/);
  });
});

describe('photosync rules', () => {
  it('lists every rule of the contract with its source and profiles', async () => {
    const { code, out } = await run('rules', '--format', 'json');
    expect(code).toBe(0);
    const report = RulesReport.parse(JSON.parse(out));
    expect(report.rules.map((r) => r.id)).toEqual([...RULE_IDS]);
    for (const r of report.rules) {
      expect(r.source).toBe(RULES[r.id].source);
      expect(r.profiles.length).toBeGreaterThan(0);
    }
    expect(report.rules.find((r) => r.id === 'SP-MYSITE-ONCE')?.profiles).toEqual(['microsoft-2014']);
  });

  it('narrows to one profile, and prints a table by default', async () => {
    const json = RulesReport.parse(JSON.parse((await run('rules', '--profile', 'microsoft-2024', '--format', 'json')).out));
    expect(json.rules.map((r) => r.id)).not.toContain('LYNC-PRESENCE');
    expect(json.rules.map((r) => r.id)).toContain('CMDLET-RETIRED');
    const text = (await run('rules')).out;
    for (const id of RULE_IDS) expect(text).toContain(id);
  });
});

describe('photosync profiles', () => {
  it('lists the five profiles with their rules and parameters', async () => {
    const report = ProfilesReport.parse(JSON.parse((await run('profiles', '--format', 'json')).out));
    expect(report.profiles.map((p) => p.id)).toEqual([
      'threewill-2014',
      'microsoft-2014',
      'exchange-2015',
      'microsoft-2024',
      'microsoft-2026',
    ]);
    const m24 = report.profiles[3]!;
    expect(m24.params.find((p) => p.name === 'teamsCache')?.text).toBe('60 d');
    expect(report.profiles[0]!.params.find((p) => p.name === 'spThrottle')?.text).toBe('72 h');
    expect((await run('profiles')).out).toContain('exoLag 60 s');
  });
});

describe('photosync mutants --list', () => {
  it('lists every mutant with the rule it breaks, and a mutant for every rule of every profile', async () => {
    const { code, out } = await run('mutants', '--list', '--format', 'json');
    expect(code).toBe(0);
    const report = MutantsReport.parse(JSON.parse(out));
    expect(report.mutants.map((m) => m.id)).toEqual(MUTANTS.map((m) => m.id));
    expect(report.coverage).toHaveLength(PROFILES.reduce((n, p) => n + p.rules.length, 0));
    expect(report.coverage.filter((c) => c.mutants.length === 0)).toEqual([]);
  });

  it('says how much of each profile the catalog covers, in text', async () => {
    const { out } = await run('mutants', '--list');
    expect(out).toContain(`${MUTANTS.length} mutants.`);
    expect(out).toMatch(/threewill-2014 14\/14/);
  });
  it('lists only the mutants of the profile --profile names, and the cover of its rules alone', async () => {
    const { code, out } = await run('mutants', '--list', '--profile', 'microsoft-2026', '--format', 'json');
    expect(code).toBe(0);
    const report = MutantsReport.parse(JSON.parse(out));
    expect(report.mutants.map((m) => m.id)).toEqual(MUTANTS.filter((m) => m.profiles.includes('microsoft-2026')).map((m) => m.id));
    expect(new Set(report.coverage.map((c) => c.profile))).toEqual(new Set(['microsoft-2026']));
    expect(report.coverage).toHaveLength(PROFILES.find((p) => p.id === 'microsoft-2026')!.rules.length);
  });

  it('says "1 mutant", not "1 mutants"', async () => {
    expect((await run('mutants', '--list', '--mutant', 'delve-not-retired')).out).toContain('\n1 mutant. ');
  });

  it('lists only the mutant --mutant names, with the cover of the rule it breaks', async () => {
    const { code, out } = await run('mutants', '--list', '--mutant', 'hover-reads-sharepoint', '--format', 'json');
    expect(code).toBe(0);
    const report = MutantsReport.parse(JSON.parse(out));
    expect(report.mutants.map((m) => m.id)).toEqual(['hover-reads-sharepoint']);
    expect(report.coverage.map((c) => [c.profile, c.rule])).toEqual(
      ['threewill-2014', 'microsoft-2014', 'microsoft-2026'].map((p) => [p, 'HOVER-FROM-OWA']),
    );
  });

  it("gives each mutant's shortest known revealing length, from a header the harness generates too", async () => {
    const report = MutantsReport.parse(JSON.parse((await run('mutants', '--list', '--format', 'json')).out));
    const listed = (id: string) => report.mutants.find((m) => m.id === id)!.minimalLength;
    expect([listed('hover-reads-sharepoint'), listed('hover-reads-sharepoint-cache'), listed('edit-cancel-noop')]).toEqual([1, 1, 2]);
  });

  it.each([
    [['--mutant', 'nope'], /unknown --mutant "nope"/],
    [['--profile', 'nope'], /unknown --profile "nope"/],
    [
      ['--mutant', 'delve-not-retired', '--profile', 'threewill-2014'],
      /--mutant delve-not-retired breaks DELVE-RETIRED as microsoft-2026 only, not as --profile threewill-2014/,
    ],
    [['--budget', '5'], /--budget with --list: the list runs nothing/],
    [['--seed', '1'], /--seed with --list/],
    [['--max-actions', '3'], /--max-actions with --list/],
  ])('exits 2 on --list %j, naming the flag, printing nothing', async (args, message) => {
    const { code, out, err } = await run('mutants', '--list', ...args);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toMatch(message);
  });
});

describe('the help of the harness commands', () => {
  it.each([
    ['run', /130 stopped by Ctrl-C/],
    ['matrix', /130 stopped by Ctrl-C/],
    ['mutants', /130 stopped by Ctrl-C/],
  ])('%s lists every exit code, 130 for Ctrl-C among them', async (command, code130) => {
    const { code, out } = await run('help', command);
    expect(code).toBe(0);
    // the table wraps the description: one line reads it whole
    expect(out.replace(/\s+/g, ' ')).toMatch(code130);
  });

  it('says that run needs --profile on a live tenant, as it does', async () => {
    const { out } = await run('help', 'run');
    expect(out.replace(/\s+/g, ' ')).toContain('required with --adapter live');
    const { code, err } = await run('run', '--adapter', 'live', '--config', 'live.json');
    expect(code).toBe(2);
    expect(err).toContain('--adapter live needs --profile');
  });

  it.each(['run', 'matrix', 'mutants'])('points a usage error of %s at its own help (photosync help <command>)', async (command) => {
    const { code, err } = await run(command, '--no-such-flag');
    expect(code).toBe(2);
    expect(err).toContain(`(run photosync help ${command} for usage)`);
  });
});

describe('the help of the campaign commands', () => {
  it.each([
    ['start', /exit 0 .* 2 bad input, 4 .* 75 .* 130 stopped by Ctrl-C/],
    ['resume', /exit 0 .* 2 bad input, 4 .* 75 .* 130 stopped by Ctrl-C/],
    ['status', /exit 0 shown, 2 no campaign there/],
    ['report', /exit 0 some profile holds, 1 none does.* --against .* 2 bad input/],
  ])('campaign %s lists its exit codes, as README does', async (command, codes) => {
    const { code, out } = await run('campaign', command, '--help');
    expect(code).toBe(0);
    expect(out.replace(/\s+/g, ' ')).toMatch(codes);
  });
});

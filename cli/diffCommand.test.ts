import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MUTANTS } from '../adapters/sim/mutants/catalog.js';
import { DIFF_KINDS, DiffReport } from '../reports/DiffReport.js';
import { ReportJson } from '../reports/ReportJson.js';
import type { ReportMeta } from '../reports/ReportMeta.js';
import { runCli, tempDirs } from './cli.testkit.js';
import { diffCommand } from './diffCommand.js';
import { ExitCode } from './ExitCode.js';
import { main } from './main.js';

const META: ReportMeta = { tool: { name: 'photosync', version: '0.1.0' }, generated: '2026-02-05T09:00:00.000Z' };
const ENVELOPE = { schema: 1, tool: META.tool, generated: '2026-01-05T09:00:00.000Z' };

const conforms = (profile: string) => ({ profile, verdict: 'conforms' });
const diverges = (profile: string) => ({
  profile,
  verdict: 'diverges',
  divergence: {
    line: 4,
    event: { at: '2014-04-06T09:00:00Z', see: 'sp-people-picker', user: 'alice', viewer: 'bob', photo: 'p0' },
    allowed: ['p1'],
    rules: ['SP-MYSITE-ONCE'],
  },
});
const check = (...results: object[]) => ReportJson.parse({ report: 'check', ...ENVELOPE, trace: 't.jsonl', results });

/** Writes each report (a string or bytes as they are, anything else as JSON; undefined: no file) to a file of a fresh directory. */
function files(...contents: unknown[]): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'photosync-diff-'));
  return contents.map((c, i) => {
    const path = join(dir, `report-${i}.json`);
    if (c !== undefined) writeFileSync(path, typeof c === 'string' || c instanceof Uint8Array ? c : `${JSON.stringify(c)}\n`);
    return path;
  });
}

async function diff(base: string, next: string, format: 'text' | 'json' = 'text') {
  let out = '';
  let err = '';
  const code = await diffCommand(base, next, { format }, { out: (t) => void (out += t), err: (t) => void (err += t) }, META);
  return { code, out, err };
}

const utf16le = (text: string) => new Uint8Array(Buffer.from(text, 'utf16le'));
const utf16be = (text: string) => new Uint8Array(Buffer.from(text, 'utf16le').swap16());

describe('photosync diff', () => {
  it('exits 0 with no regression between equal reports', async () => {
    const [base, next] = files(
      check(conforms('threewill-2014'), diverges('microsoft-2014')),
      check(conforms('threewill-2014'), diverges('microsoft-2014')),
    );
    const { code, out, err } = await diff(base!, next!);
    expect(code).toBe(ExitCode.ok);
    expect(err).toBe('');
    expect(out).toMatch(/^no regression \(0 changed, 0 improved, 3 same\)\n/);
    expect(out).toContain('nothing changed');
  });

  it('exits 1 when a profile that conformed diverges, and prints the diff as JSON in its envelope', async () => {
    const [base, next] = files(check(conforms('microsoft-2014')), check(diverges('microsoft-2014')));
    const { code, out, err } = await diff(base!, next!, 'json');
    expect(code).toBe(ExitCode.diverges);
    expect(err).toBe('');
    const { report, schema, tool, generated, ...rest } = JSON.parse(out) as Record<string, unknown>;
    expect({ report, schema, tool, generated }).toEqual({ report: 'diff', schema: 1, ...META });
    const d = DiffReport.parse(rest);
    expect(d.regressed).toBe(true);
    expect(d.base.path).toBe(base);
    expect(d.next.path).toBe(next);
    expect(d.changes[0]).toMatchObject({
      scope: 'profile',
      profile: 'microsoft-2014',
      change: 'regressed',
      detail: 'line 4: saw p0, allowed p1',
    });
  });

  it('exits 0 when a profile no longer diverges', async () => {
    const [base, next] = files(check(diverges('microsoft-2014')), check(conforms('microsoft-2014')));
    const { code, out } = await diff(base!, next!);
    expect(code).toBe(ExitCode.ok);
    expect(out).toMatch(/improved +│ microsoft-2014/);
  });

  const good = check(conforms('microsoft-2014'));
  it.each([
    ['a missing file', undefined, /report-1\.json: cannot read it: no such file/],
    ['a file that is not JSON', '{"report": "check",', /report-1\.json: not JSON/],
    ['JSON that is not a report', '[1, 2]', /report-1\.json: not a photosync JSON report/],
    [
      'a report photosync does not know',
      { ...good, report: 'weather' },
      /report-1\.json: field report: "weather" is not a report photosync diff compares \(expected one of check, run, matrix, mutants, campaign\)\n/,
    ],
    ['another schema version', { ...good, schema: 2 }, /report-1\.json: field schema: report schema 2, this photosync reads schema 1/],
    [
      'a field that is wrong',
      { ...good, results: [conforms('threewill-2014'), conforms('microsoft-2014'), { profile: 'exchange-2015', verdict: 'maybe' }] },
      /report-1\.json: field results\[2\]\.verdict: /,
    ],
    [
      'a profile photosync does not know',
      { ...good, results: [conforms('threewill-2014'), conforms('microsoft-2014'), conforms('bogus-profile')] },
      /report-1\.json: field results\[2\]\.profile: unknown profile "bogus-profile" \(this photosync knows threewill-2014, microsoft-2014, exchange-2015, microsoft-2024, microsoft-2026\)\n/,
    ],
    [
      'a profile held twice',
      { ...good, results: [conforms('threewill-2014'), diverges('microsoft-2014'), conforms('microsoft-2014')] },
      /report-1\.json: field results\[2\]\.profile: "microsoft-2014" again \(results\[1\] is that profile\)/,
    ],
    [
      'a report saved as UTF-16 with a byte order mark',
      utf16le(`\ufeff${JSON.stringify(good)}`),
      /report-1\.json: saved as UTF-16: save it as UTF-8/,
    ],
    ['a report saved as UTF-16 without one', utf16le(JSON.stringify(good)), /report-1\.json: saved as UTF-16: save it as UTF-8/],
    ['a report saved as big-endian UTF-16', utf16be(`\ufeff${JSON.stringify(good)}`), /report-1\.json: saved as UTF-16: save it as UTF-8/],
    ['a field that is missing', { ...good, trace: undefined }, /report-1\.json: field trace: /],
  ])('exits 2 on %s, naming the file and the field, and writes nothing', async (_, content, message) => {
    const [base, next] = files(good, content);
    const before = readFileSync(base!, 'utf8');
    const { code, out, err } = await diff(base!, next!);
    expect(code).toBe(ExitCode.badInput);
    expect(out).toBe('');
    expect(err).toMatch(/^photosync: /);
    expect(err).toMatch(message);
    expect(err).not.toMatch(/ZodError|\n\s+at /);
    expect(readFileSync(base!, 'utf8')).toBe(before);
  });

  it('reads a report saved as UTF-8 with a byte order mark (Out-File -Encoding utf8 in Windows PowerShell 5)', async () => {
    const [base, next] = files(good, `\ufeff${JSON.stringify(good)}\r\n`);
    const { code, out, err } = await diff(base!, next!);
    expect(err).toBe('');
    expect(code).toBe(ExitCode.ok);
    expect(out).toMatch(/^no regression/);
  });

  it('names the photosync that made a report with a profile this one does not know: a newer one may know it', async () => {
    const newer = { ...good, tool: { name: 'photosync', version: '0.2.0' }, results: [conforms('microsoft-2027')] };
    const [base, next] = files(good, newer);
    const { code, out, err } = await diff(base!, next!);
    expect(code).toBe(ExitCode.badInput);
    expect(out).toBe('');
    expect(err).toMatch(
      /report-1\.json: field results\[0\]\.profile: unknown profile "microsoft-2027" \(this photosync knows .*\); photosync 0\.2\.0 made the report: diff with that version or a later one\n$/,
    );
  });

  it('warns on stderr and in the report when the reports tried other runs, and keeps its exit code', async () => {
    const matrix = (seed: number, verdict: 'conforms' | 'diverges') =>
      ReportJson.parse({
        report: 'matrix',
        ...ENVELOPE,
        tenant: { adapter: 'sim' },
        interrupted: false,
        ms: 1,
        results: [
          { profile: 'threewill-2014', verdict: 'conforms', length: null, rules: [], runs: 200, undecided: 0, seed },
          verdict === 'conforms'
            ? { profile: 'microsoft-2024', verdict, length: null, rules: [], runs: 200, undecided: 0, seed }
            : { profile: 'microsoft-2024', verdict, length: 1, rules: ['GRAPH-SIZE'], runs: 1, undecided: 0, seed, maxActions: 30 },
        ],
      });
    const [base, next] = files(matrix(7, 'conforms'), matrix(8, 'diverges'));
    const text = await diff(base!, next!);
    expect(text.code).toBe(ExitCode.diverges);
    expect(text.err).toBe(
      'photosync: warning: BASE and NEW tried other runs: --seed 7 → 8 (threewill-2014). What differs may be chance, not a change of the tenant: diff reports made with the same --seed, --runs and --max-actions\n',
    );
    expect(text.out).toContain('warning: BASE and NEW tried other runs');
    const json = await diff(base!, next!, 'json');
    expect(json.code).toBe(ExitCode.diverges);
    expect(DiffReport.parse(JSON.parse(json.out)).warnings).toEqual([text.err.replace(/^photosync: warning: /, '').trimEnd()]);
    const same = await diff(base!, base!);
    expect(same.err).toBe('');
    expect(same.out).not.toContain('warning');
  });

  describe('the options each report was made with', () => {
    const tmp = tempDirs('photosync-diff-options-');
    /** `photosync run` on a tenant that diverges from the profile in every run, as a JSON report */
    const diverging = async (maxActions: number) => {
      const argv = ['run', '--sim-profile', 'threewill-2014', '--profile', 'microsoft-2026', '--runs', '20', '--seed', '3'];
      const made = await runCli([...argv, '--max-actions', String(maxActions), '--out', tmp(), '--format', 'json']);
      expect(made.code).toBe(ExitCode.diverges);
      return JSON.parse(made.out) as Record<string, unknown>;
    };

    it('warns of another --max-actions from them, where every profile diverges and holds no figure of its own', async () => {
      const [base, next] = files(await diverging(12), await diverging(20));
      const { code, err } = await diff(base!, next!);
      expect(code).not.toBe(ExitCode.badInput);
      expect(err).toBe(
        'photosync: warning: BASE and NEW tried other runs: --max-actions 12 → 20. What differs may be chance, not a change of the tenant: diff reports made with the same --seed, --runs and --max-actions\n',
      );
    });

    it.each([
      [
        'matrix',
        ['matrix', '--sim-profile', 'threewill-2014', '--runs', '20', '--seed', '3', '--out', '{out}', '--max-actions'],
        'tenant: diff reports made with the same --seed, --runs and --max-actions',
      ],
      [
        'mutants',
        ['mutants', '--mutant', MUTANTS[0]!.id, '--budget', '50', '--seed', '3', '--max-actions'],
        'harness: diff reports made with the same --seed, --budget and --max-actions',
      ],
    ])('reads them from %s reports too, once for the whole report', async (_, argv, end) => {
      const made = async (maxActions: string) =>
        (await runCli([...argv.map((a) => (a === '{out}' ? tmp() : a)), maxActions, '--format', 'json'])).out;
      const [base, next] = files(await made('12'), await made('20'));
      const { err } = await diff(base!, next!);
      expect(err).toBe(
        `photosync: warning: BASE and NEW tried other runs: --max-actions 12 → 20. What differs may be chance, not a change of the ${end}\n`,
      );
    });

    it('reads a report made before they were kept as before: no warning from a divergence, the same rows', async () => {
      const made = [await diverging(12), await diverging(20)];
      const old = made.map(({ options: _, ...rest }) => rest);
      const [base, next, oldBase, oldNext] = files(...made, ...old);
      const now = await diff(base!, next!, 'json');
      const before = await diff(oldBase!, oldNext!, 'json');
      expect(before.err).toBe('');
      expect(before.code).toBe(now.code);
      const changes = (out: string) => DiffReport.parse(JSON.parse(out)).changes;
      expect(changes(before.out)).toEqual(changes(now.out));
      // one old report and one new: each option read as before
      const [mixedBase] = files(old[0]);
      expect((await diff(mixedBase!, next!)).err).toBe('');
    });
  });

  describe('a mutants report', () => {
    const made = async () => {
      const argv = ['mutants', '--mutant', MUTANTS[0]!.id, '--budget', '50', '--seed', '3', '--format', 'json'];
      return JSON.parse((await runCli(argv)).out) as { mutants: { id: string; profile: string }[] };
    };

    it.each([
      [
        'a mutant the catalog does not know',
        (runs: { id: string; profile: string }[]) => [{ ...runs[0]!, id: 'bogus-mutant' }, ...runs.slice(1)],
        /report-1\.json: field mutants\[0\]\.id: unknown mutant "bogus-mutant" \(not in this photosync's catalog: photosync mutants --list shows it\)\n$/,
      ],
      [
        'a mutant held twice on one profile',
        (runs: { id: string; profile: string }[]) => [...runs, runs[0]!],
        /report-1\.json: field mutants\[\d+\]: mutant "[a-z-]+" on [a-z0-9-]+ again \(mutants\[0\] is that run\)\n$/,
      ],
    ])('exits 2 on %s, naming the file and the field', async (_, edit, message) => {
      const good = await made();
      const [base, next] = files(good, { ...good, mutants: edit(good.mutants) });
      expect((await diff(base!, base!)).code).toBe(ExitCode.ok);
      const { code, out, err } = await diff(base!, next!);
      expect(code).toBe(ExitCode.badInput);
      expect(out).toBe('');
      expect(err).toMatch(message);
    });
  });

  it('names, in its --help, every kind of report it compares', async () => {
    let out = '';
    await main(['diff', '--help'], { out: (t) => void (out += t), err: () => undefined });
    const kinds = /reports of one kind \(([^)]*)\)/.exec(out.replace(/\s+/g, ' '))?.[1];
    expect(kinds?.split(', ')).toEqual([...DIFF_KINDS]);
  });

  it('exits 2 on two kinds of report, naming both', async () => {
    const matrix = ReportJson.parse({ report: 'matrix', ...ENVELOPE, tenant: { adapter: 'sim' }, interrupted: false, ms: 1, results: [] });
    const [base, next] = files(good, matrix);
    const { code, out, err } = await diff(base!, next!);
    expect(code).toBe(ExitCode.badInput);
    expect(out).toBe('');
    expect(err).toMatch(/cannot compare a check report .* with a matrix report/);
  });

  it('exits 2 on a kind of report it does not compare', async () => {
    const rules = { report: 'profiles', ...ENVELOPE, profiles: [] };
    const [base, next] = files(rules, rules);
    const { code, err } = await diff(base!, next!);
    expect(code).toBe(ExitCode.badInput);
    expect(err).toMatch(/cannot compare profiles reports: photosync diff compares check, run, matrix, mutants, campaign reports/);
  });
});

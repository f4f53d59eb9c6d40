import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { FORMATS } from '../reports/Renderer.js';
import { ReportJson, type ReportKind } from '../reports/ReportJson.js';
import { HEADER, lines, traceFile } from '../trace/traceFile.testkit.js';
import { runCli, tempDirs } from './cli.testkit.js';

const tmp = tempDirs('photosync-formats-');

const run = (argv: readonly string[]) => runCli(argv);

const CONFORMING = lines(HEADER, '{"at":"2014-04-01T09:00:00Z","see":"graph","user":"alice","viewer":"bob","photo":"p0"}');

/** A check's JSON report, written to a file: what `diff` reads. */
async function checkJson(trace: string): Promise<string> {
  const path = join(tmp(), 'report.json');
  writeFileSync(path, (await run(['check', traceFile(trace), '--format', 'json'])).out);
  return path;
}

const DIVERGING = lines(
  HEADER,
  '{"at":"2014-04-01T09:00:00Z","do":"setPhoto","user":"alice","via":"outlook-web","photo":"p1"}',
  '{"at":"2014-04-06T09:00:00Z","see":"sp-people-picker","user":"alice","viewer":"bob","photo":"p0"}',
);

/** Each command, the report kind its JSON says, and a word its every format must show. */
const COMMANDS: readonly { argv: () => string[]; kind: ReportKind; shows: string }[] = [
  { argv: () => ['check', traceFile(DIVERGING)], kind: 'check', shows: 'SP-MYSITE-ONCE' },
  { argv: () => ['rules'], kind: 'rules', shows: 'SP-SYNC-WINDOW' },
  { argv: () => ['diff', bases.conforming, bases.diverging], kind: 'diff', shows: 'microsoft-2014' },
  { argv: () => ['profiles'], kind: 'profiles', shows: 'microsoft-2026' },
  { argv: () => ['mutants', '--list'], kind: 'mutant-catalog', shows: 'owa-caches-ten-minutes' },
  { argv: () => ['mutants', '--mutant', 'owa-caches-ten-minutes', '--budget', '100', '--seed', '1'], kind: 'mutants', shows: 'OWA-CACHE' },
  {
    argv: () => [
      'run',
      '--mutant',
      'owa-caches-ten-minutes',
      '--profile',
      'threewill-2014',
      '--runs',
      '100',
      '--seed',
      '1',
      '--out',
      tmp(),
    ],
    kind: 'run',
    shows: 'OWA-CACHE',
  },
  { argv: () => ['matrix', '--runs', '10', '--seed', '1', '--out', tmp()], kind: 'matrix', shows: 'microsoft-2026' },
];

const bases = { conforming: '', diverging: '' };

describe('every command writes every format', () => {
  beforeAll(async () => {
    bases.conforming = await checkJson(CONFORMING);
    bases.diverging = await checkJson(DIVERGING);
  });

  it.each(COMMANDS.map((c) => [c.kind, c] as const))('%s', async (_, c) => {
    const outputs = new Map<string, { code: number; out: string }>();
    for (const format of FORMATS) {
      const { code, out, err } = await run([...c.argv(), '--format', format]);
      expect(err, format).toBe('');
      expect(out, format).toContain(c.shows);
      outputs.set(format, { code, out });
    }
    // the same verdict whatever the format
    expect(new Set([...outputs.values()].map((o) => o.code)).size).toBe(1);
    expect(outputs.get('md')!.out).toMatch(/^# photosync /);
    const html = outputs.get('html')!.out;
    expect(html).toMatch(/^<!doctype html>/i);
    expect(html).not.toMatch(/(src|href)=["']https?:/);
    // the JSON is one versioned object that its schema reads back whole: no field it does not know
    const json: unknown = JSON.parse(outputs.get('json')!.out);
    const parsed = ReportJson.parse(json);
    expect(parsed.report).toBe(c.kind);
    expect(parsed).toEqual(json);
  });
});

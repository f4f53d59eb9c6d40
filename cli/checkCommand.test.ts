import { describe, expect, it } from 'vitest';
import { CheckReport } from '../reports/CheckReport.js';
import type { Format } from '../reports/Renderer.js';
import { HEADER, lines, traceFile } from '../trace/traceFile.testkit.js';
import { checkCommand } from './checkCommand.js';

async function check(trace: string, format: Format, profile?: string) {
  let out = '';
  let err = '';
  const io = { out: (t: string) => void (out += t), err: (t: string) => void (err += t) };
  const code = await checkCommand(trace, { format, ...(profile === undefined ? {} : { profile }) }, io);
  return { code, out, err };
}

const SET_P1 = '{"at":"2014-04-01T09:00:00Z","do":"setPhoto","user":"alice","via":"outlook-web","photo":"p1"}';

describe('checkCommand', () => {
  it('shows escape sequences a trace holds escaped in text, so that they cannot clear the screen', async () => {
    const path = traceFile(
      lines(HEADER, SET_P1, '{"at":"2014-04-02T09:00:00Z","see":"graph","user":"alice","viewer":"bob","photo":"\\u001b[2J\\u001b[31mRED"}'),
    );
    const { code, out } = await check(path, 'text');
    expect(code).toBe(1);
    expect(out).not.toContain('\u001b');
    expect(out).toContain('\\u001b[2J\\u001b[31mRED');
  });

  it('warns of a torn last line once in text, on stderr, the report saying which lines its verdicts cover', async () => {
    const path = traceFile(lines(HEADER, SET_P1) + '{"at":"2014-04-01T09:05:00Z","see":"gra');
    const { code, out, err } = await check(path, 'text');
    expect(code).toBe(2);
    expect(err).toBe(
      `photosync: ${path}:3: torn last line: the file ends mid-line (was its writer stopped?); the lines before it were checked\n`,
    );
    expect(out).not.toContain('torn last line');
    expect(out.split('\n')[0]).toBe(`${path}, up to line 2 (line 3 is torn)`);
  });

  it('gives the command that re-checks the one profile asked', async () => {
    const path = traceFile(lines(HEADER, SET_P1));
    const { out } = await check(path, 'md', 'microsoft-2024');
    expect(out).toContain(`photosync check ${path} --profile microsoft-2024\n`);
    expect(out).not.toContain('--profile all');
  });

  it('gives, in JSON, every divergence its windows, one on a surface the profile lacks too', async () => {
    const path = traceFile(lines(HEADER, SET_P1, '{"at":"2014-04-02T09:00:00Z","see":"lync","user":"alice","viewer":"bob","photo":"p1"}'));
    const { code, out } = await check(path, 'json');
    expect(code).toBe(1);
    const results = CheckReport.parse(JSON.parse(out)).results.filter((r) => r.verdict === 'diverges');
    expect(results.map((r) => r.profile)).toEqual(['microsoft-2024', 'microsoft-2026']);
    for (const r of results) expect(r.divergence).toMatchObject({ allowed: [], windows: [] });
  });
});

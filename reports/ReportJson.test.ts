import { describe, expect, it } from 'vitest';
import { ReportJson } from './ReportJson.js';
import { REPORT_SCHEMA } from './ReportMeta.js';
import { reportSchema } from './reportSchema.js';
import { toStory } from './Story.js';
import { mutant, run } from './story.testkit.js';

const meta = { tool: { name: 'photosync' as const, version: '0.1.0' }, generated: '2026-12-02T00:00:00.000Z' };

describe('ReportJson', () => {
  it('reads back a run report with its story whole, and tells its kind by `report`', async () => {
    const story = toStory(await run(), mutant.minimalLength)!;
    const report = {
      report: 'run',
      schema: REPORT_SCHEMA,
      ...meta,
      tenant: { adapter: 'sim', simProfile: 'threewill-2014', mutant: mutant.id },
      profile: 'threewill-2014',
      verdict: 'diverges',
      runs: 3,
      actions: 20,
      undecided: 0,
      seed: 5,
      path: '2:0',
      maxActions: 12,
      interrupted: false,
      ms: 10,
      foundLength: 6,
      counterexample: story,
      trace: 't.jsonl',
      replay: 'photosync run --seed 5',
    };
    const parsed = ReportJson.parse(JSON.parse(JSON.stringify(report)));
    expect(parsed).toEqual(report);
    expect(parsed.report).toBe('run');
  });

  it('refuses another schema version and a report of an unknown kind', () => {
    const check = { report: 'check', schema: REPORT_SCHEMA, ...meta, trace: 't.jsonl', results: [] };
    expect(ReportJson.safeParse(check).success).toBe(true);
    expect(ReportJson.safeParse({ ...check, schema: REPORT_SCHEMA + 1 }).success).toBe(false);
    expect(ReportJson.safeParse({ ...check, report: 'weather' }).success).toBe(false);
  });

  it('is documented as JSON Schema in docs/report.schema.json (vitest -u rewrites it)', async () => {
    await expect(reportSchema()).toMatchFileSnapshot('../docs/report.schema.json');
  });
});

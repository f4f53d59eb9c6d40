import { shortStory } from './story.testkit.js';
import { describe, expect, it } from 'vitest';
import { diffDoc } from './diffDoc.js';
import { DiffReport, type DiffChange } from './DiffReport.js';
import { diffRenderers } from './diffRenderers.js';
import { diffText, diffTextWith } from './diffText.js';
import { REPORT_SCHEMA, type ReportMeta } from './ReportMeta.js';

const META: ReportMeta = { tool: { name: 'photosync', version: '0.1.0' }, generated: '2026-02-05T09:00:00.000Z' };

const story = shortStory();

const side = (path: string, tenant: Record<string, string> = { adapter: 'sim', simProfile: 'microsoft-2026' }) => ({
  path,
  kind: 'matrix',
  generated: '2026-01-05T09:00:00.000Z',
  tool: { name: 'photosync', version: '0.1.0' },
  tenant,
});

const REGRESSED = {
  scope: 'profile',
  profile: 'microsoft-2026',
  change: 'regressed',
  base: 'conforms',
  next: 'diverges',
  newCounterexample: true,
  detail: 'length 2; line 3: saw p0, allowed p1',
  counterexample: story,
};
const RULE = {
  scope: 'rule',
  profile: 'microsoft-2026',
  rule: 'OWA-CACHE',
  change: 'regressed',
  base: 'holds',
  next: 'fails',
  detail: 'line 3: saw p0, allowed p1',
};
const MUTANT = {
  scope: 'mutant',
  profile: 'threewill-2014',
  mutant: 'browser-clear-keeps-pushed-photo',
  rule: 'OWA-CACHE',
  change: 'changed',
  base: 'killed',
  next: 'killed',
  detail: 'length 3 → 5; rules OWA-CACHE → EXO-FAST, SP-UPLOAD-REDIRECT',
};
const IMPROVED = {
  scope: 'profile',
  profile: 'exchange-2015',
  change: 'improved',
  base: 'diverges',
  next: 'conforms',
  detail: 'conforms in 100 runs',
};
const SAME = { scope: 'profile', profile: 'threewill-2014', change: 'same', base: 'conforms', next: 'conforms' };

const diff = (changes: object[], next = side('reports/2026-02-05/matrix.json')) =>
  DiffReport.parse({
    base: side('reports/2026-01-05/matrix.json'),
    next,
    kind: 'matrix',
    regressed: changes.some((c) => (c as DiffChange).change === 'regressed'),
    changes,
  });

describe('diffText', () => {
  it('heads a regression with what was lost, then a table of what changed, at most 100 columns wide', () => {
    const text = diffText(diff([REGRESSED, RULE, MUTANT, IMPROVED, SAME]), META);
    const lines = text.split('\n');
    expect(lines[0]).toBe('REGRESSION: 1 profile newly diverges, 1 rule newly fails (1 changed, 1 improved, 1 same)');
    expect(lines[1]).toBe('matrix: BASE reports/2026-01-05/matrix.json (photosync 0.1.0, 2026-01-05T09:00:00.000Z)');
    expect(lines[3]).toBe('tenant: the simulated tenant (microsoft-2026)');
    const table = text.slice(0, text.indexOf('\nnew counterexample'));
    for (const line of table.split('\n')) expect([...line].length).toBeLessThanOrEqual(100);
    expect(table).toMatch(/REGRESSED │ microsoft-2026 │ verdict +│ conforms │ diverges │/);
    expect(table).toMatch(/REGRESSED │ microsoft-2026 │ OWA-CACHE +│ holds +│ fails +│/);
    expect(table).toMatch(/changed +│ threewill-2014 │ browser-clear-/);
    expect(table).toMatch(/improved +│ exchange-2015 /);
    expect(table).not.toMatch(/│ same /);
  });

  it('tells the new counterexample after the table', () => {
    const text = diffText(diff([REGRESSED]), META);
    expect(text).toContain('new counterexample against microsoft-2026 (length 2; waits do not count):');
    expect(text).toMatch(/owa-contact-card of alice to bob +│ p0 {2}<- DIVERGES/);
  });

  it('says no regression, and lists what stayed the same only when asked', () => {
    const r = diff([IMPROVED, SAME]);
    expect(diffText(r, META).split('\n')[0]).toBe('no regression (0 changed, 1 improved, 1 same)');
    expect(diffText(r, META)).not.toContain('threewill-2014');
    expect(diffTextWith({ all: true })(r, META)).toMatch(/same +│ threewill-2014 │ verdict/);
    expect(diffText(diff([SAME]), META)).toContain('nothing changed\n');
  });

  it('warns, under the reports it compares, that they tried other runs', () => {
    const lines = diffText({ ...diff([SAME]), warnings: ['BASE and NEW tried other runs: --seed 7 → 8 (a)'] }, META).split('\n');
    expect(lines[4]).toBe('warning: BASE and NEW tried other runs: --seed 7 → 8 (a)');
    expect(diffText(diff([SAME]), META)).not.toContain('warning');
  });

  it('names both tenants when they differ', () => {
    const text = diffText(diff([], side('new.json', { adapter: 'live', config: 'tenant.jsonc' })), META);
    expect(text).toContain('tenant: the simulated tenant (microsoft-2026) → the live tenant (tenant.jsonc)');
  });
});

describe('diffDoc', () => {
  it('tones regressions bad, improvements good and changes unknown, and tells each new counterexample as a story', () => {
    const doc = diffDoc(diff([REGRESSED, MUTANT, IMPROVED, SAME]));
    expect(doc.blocks[0]).toMatchObject({ kind: 'paragraph', tone: 'bad' });
    const table = doc.blocks.find((b) => b.kind === 'table');
    expect(table?.kind === 'table' && table.rows.map((r) => r[0])).toEqual([
      { text: 'REGRESSED', tone: 'bad' },
      { text: 'changed', tone: 'unknown' },
      { text: 'improved', tone: 'good' },
    ]);
    expect(doc.blocks).toContainEqual({ kind: 'story', story, profile: 'microsoft-2026' });
  });

  it('warns, under the reports it compares, that they tried other runs', () => {
    const doc = diffDoc({ ...diff([SAME]), warnings: ['BASE and NEW tried other runs: --seed 7 → 8 (a)'] });
    expect(doc.blocks[2]).toEqual({ kind: 'paragraph', text: 'warning: BASE and NEW tried other runs: --seed 7 → 8 (a)', tone: 'unknown' });
  });
});

describe('diffRenderers', () => {
  it('writes the JSON envelope of every report, with report diff', () => {
    const r = diff([REGRESSED, SAME]);
    const json = JSON.parse(diffRenderers.json(r, META)) as Record<string, unknown>;
    expect(json).toMatchObject({ report: 'diff', schema: REPORT_SCHEMA, ...META });
    const { report: _report, schema: _schema, tool: _tool, generated: _generated, ...rest } = json;
    expect(DiffReport.parse(rest)).toEqual(r);
  });

  it('writes Markdown through the shared renderer', () => {
    expect(diffRenderers.md(diff([REGRESSED]), META)).toContain('REGRESSED');
  });
});

import { describe, expect, it } from 'vitest';
import { CampaignReport } from './CampaignReport.js';
import type { CheckReport } from './CheckReport.js';
import type { DoctorReport } from './DoctorReport.js';
import { DiffReport } from './DiffReport.js';
import { diffRenderers, diffRenderersWith } from './diffRenderers.js';
import type { MatrixReport } from './MatrixReport.js';
import { toMutantRunsReport } from './MutantRunsReport.js';
import { renderers } from './renderers.js';
import type { ReportMeta } from './ReportMeta.js';
import type { RunReport } from './RunReport.js';
import type { Story } from './Story.js';
import { shortStory } from './story.testkit.js';

const meta: ReportMeta = { tool: { name: 'photosync', version: '0.1.0' }, generated: '2026-02-05T09:00:00.000Z' };

/** What a hostile trace may hold: a clear screen, a C1 CSI, a bidi override, a bell, a tab (which `table` refuses) and a newline. */
const EVIL = '\u001b[2J\u009b31m\u202e\u0007\tx\ny';
const SHOWN = '\\u001b[2J\\u009b31m\\u202e\\u0007\\u0009x\\u000ay';
const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

const story: Story = {
  ...shortStory({ seen: EVIL }),
  users: [{ id: `alice${EVIL}`, photo: EVIL, stores: { [`exchange${EVIL}`]: 'p1' }, roles: [EVIL] }],
  photoSettings: { source: 'cloud', allowedRoles: [EVIL] },
};

const check: CheckReport = {
  trace: `t${EVIL}.jsonl`,
  results: [
    { profile: 'threewill-2014', verdict: 'unknown', line: 3, reason: `photo ${EVIL}` },
    {
      profile: 'microsoft-2014',
      verdict: 'diverges',
      divergence: {
        line: 3,
        event: { at: '2014-04-01T09:02:00Z', see: 'graph', user: 'alice', viewer: `bob${EVIL}`, photo: EVIL },
        allowed: [`p1${EVIL}`],
        rules: ['EXO-FAST'],
        windows: [],
      },
      story,
    },
  ],
  torn: { line: 4, message: `t${EVIL}.jsonl:4: torn last line` },
};

const run: RunReport = {
  tenant: { adapter: 'live', config: `live${EVIL}.jsonc` },
  profile: 'threewill-2014',
  verdict: 'diverges',
  runs: 1,
  actions: 2,
  undecided: 0,
  seed: 5,
  interrupted: false,
  ms: 1,
  foundLength: 2,
  counterexample: story,
  trace: `out${EVIL}/t.jsonl`,
  replay: `photosync run --config live${EVIL}.jsonc`,
};

const matrix: MatrixReport = {
  tenant: { adapter: 'sim', simProfile: 'threewill-2014', mutant: EVIL },
  interrupted: false,
  ms: 1,
  results: [
    {
      profile: 'threewill-2014',
      verdict: 'diverges',
      length: 2,
      rules: ['OWA-CACHE'],
      runs: 1,
      undecided: 0,
      seed: 5,
      trace: `t${EVIL}`,
      counterexample: story,
    },
  ],
};

const doctor: DoctorReport = {
  config: `live${EVIL}.jsonc`,
  checks: [{ service: 'graph', check: 'sign-in', status: 'missing', detail: EVIL }],
};

const mutantRuns = toMutantRunsReport(
  10,
  [
    {
      id: `m${EVIL}`,
      profile: 'threewill-2014',
      rule: 'EXO-FAST',
      killed: true,
      runsToFailure: 1,
      shrunkLength: 2,
      minimalLength: 2,
      ms: 1,
      seed: 1,
      rules: ['EXO-FAST'],
    },
  ],
  false,
  1,
);

const campaign = CampaignReport.parse({
  dir: `c${EVIL}`,
  journal: `c${EVIL}/journal.jsonl`,
  started: '2026-01-05T09:00:00.000Z',
  until: '2026-01-06T09:00:00.000Z',
  state: 'running',
  events: 3,
  requests: 4,
  lanes: [{ user: `alice${EVIL}`, stories: 1, story: EVIL, done: 1, of: 2, next: null }],
  profiles: [{ profile: 'threewill-2014', verdict: 'diverges', line: 3, rules: ['OWA-CACHE'], explanation: story }],
  torn: { line: 9 },
});

const side = (path: string) => ({
  path,
  kind: 'run',
  generated: '2026-01-05T09:00:00.000Z',
  tool: { name: 'photosync', version: '0.1.0' },
  tenant: { adapter: 'live', config: EVIL },
});
const diff = DiffReport.parse({
  base: side(`base${EVIL}.json`),
  next: side(`new${EVIL}.json`),
  kind: 'run',
  regressed: true,
  changes: [
    {
      scope: 'profile',
      profile: `p${EVIL}`,
      change: 'regressed',
      base: 'conforms',
      next: 'diverges',
      newCounterexample: true,
      detail: EVIL,
      counterexample: story,
    },
    { scope: 'mutant', profile: 'threewill-2014', mutant: EVIL, change: 'same', base: 'killed', next: 'killed' },
  ],
});

describe('the text renderers', () => {
  it.each([
    ['check', () => renderers.check.text(check, meta)],
    ['run', () => renderers.run.text(run, meta)],
    ['matrix', () => renderers.matrix.text(matrix, meta)],
    ['mutants', () => renderers.mutantRuns.text(mutantRuns, meta)],
    ['doctor', () => renderers.doctor.text(doctor, meta)],
    ['campaign', () => renderers.campaign.text(campaign, meta)],
    ['campaign report', () => renderers.campaign.text({ ...campaign, state: 'done' }, meta)],
    ['diff', () => diffRenderers.text(diff, meta)],
    ['diff --all', () => diffRenderersWith({ all: true }).text(diff, meta)],
  ])('%s shows the control characters of a trace or a report escaped, never raw', (_kind, render) => {
    const text = render();
    expect(text).not.toMatch(UNSAFE);
    expect(text).toContain('\\u001b[2J');
  });

  it('leave the report given as it is, and the other formats to escape it their own way', () => {
    renderers.check.text(check, meta);
    expect(check.trace).toBe(`t${EVIL}.jsonl`);
    expect(JSON.parse(renderers.check.json(check, meta)).trace).toBe(`t${EVIL}.jsonl`);
  });

  it("shows a whole value escaped where the table does not wrap it: check's trace, a step's photo", () => {
    expect(renderers.check.text(check, meta).split('\n')[0]).toBe(`t${SHOWN}.jsonl, up to line 3 (line 4 is torn)`);
    expect(renderers.run.text(run, meta)).toContain(`trace: out${SHOWN}/t.jsonl`);
  });
});

describe('the Markdown renderers', () => {
  // a Markdown report is pasted into a ticket, and also read with `cat` in a terminal
  it.each([
    ['check', () => renderers.check.md(check, meta)],
    ['run', () => renderers.run.md(run, meta)],
    ['matrix', () => renderers.matrix.md(matrix, meta)],
  ])('%s shows the control characters of a trace escaped in its tables and text', (_kind, render) => {
    const md = render();
    expect(md).toContain('\\u001b\\[2J');
    expect(md.replace(/```[^`]*```/g, '')).not.toMatch(UNSAFE);
  });
});

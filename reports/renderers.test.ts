import { describe, expect, it } from 'vitest';
import { shortestKnownLength } from '../adapters/sim/mutants/Mutant.js';
import { MUTANTS } from '../adapters/sim/mutants/catalog.js';
import { PROFILES } from '../model/profiles.js';
import { CampaignReport } from './CampaignReport.js';
import type { CheckReport } from './CheckReport.js';
import type { DoctorReport } from './DoctorReport.js';
import { DiffReport } from './DiffReport.js';
import { diffRenderers, diffRenderersWith } from './diffRenderers.js';
import type { MatrixReport } from './MatrixReport.js';
import { toMutantRunsReport } from './MutantRunsReport.js';
import { toMutantsReport } from './MutantsReport.js';
import { toProfilesReport } from './ProfilesReport.js';
import { renderers } from './renderers.js';
import type { ReportMeta } from './ReportMeta.js';
import { toRulesReport } from './RulesReport.js';
import type { RunReport } from './RunReport.js';
import { toStory, type Story } from './Story.js';
import { mutant as testMutant, run as testRun, shortStory } from './story.testkit.js';

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

describe('the mutants report', () => {
  it('names a mutant killed or survived with the same words in text, Markdown and HTML', () => {
    const survived = toMutantRunsReport(
      10,
      [{ ...mutantRuns.mutants[0]!, id: 'm1', killed: false, runsToFailure: null, shrunkLength: null }],
      false,
      1,
    );
    for (const [report, word, other] of [
      [mutantRuns, 'killed', 'SURVIVED'],
      [survived, 'SURVIVED', 'killed'],
    ] as const) {
      for (const format of ['text', 'md', 'html'] as const) {
        const table = renderers.mutantRuns[format](report, meta)
          .split(/\n/)
          .find((l) => l.includes('EXO-FAST'));
        expect(table, format).toContain(word);
        expect(table, format).not.toContain(other);
      }
    }
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

/** Reports as long as they come: many profiles, rules of long statements, long paths, stories and notes. */
const TRACE = 'photosync-traces/sim-threewill-2014-vs-microsoft-2014-seed82423806-17.jsonl';
const CONFIG = 'C:/Users/Administrator/Documents/photosync/contoso-tenant.live.jsonc';
const REPLAY = `photosync run --config ${CONFIG} --profile microsoft-2014 --runs 200 --max-actions 30 --seed 3 --path ${'11:12:'.repeat(30)}43`;
const REPEAT = `photosync matrix --adapter sim --sim-profile threewill-2014 --mutant browser-clear-keeps-pushed-photo --runs 200 --max-actions 30 --seed 3`;

const longStory: Story = {
  ...shortStory({ rules: ['SP-MYSITE-ONCE', 'SP-SYNC-WINDOW', 'PHOTO-POLICY'], see: 'sp-people-picker', waits: 2 }),
  users: ['alice', 'bob', 'carol'].map((id) => ({
    id,
    photo: 'p0',
    stores: { exchange: 'p1', sharepoint: 'p2' },
    spUpdated: 'unknown',
    pending: true,
    roles: ['helpdesk', 'user-administrator'],
    caches: 'unknown',
  })),
  photoSettings: { source: 'cloud', allowedRoles: ['helpdesk', 'user-administrator', 'global-administrator', 'people-administrator'] },
};

const longCheck: CheckReport = {
  trace: TRACE,
  results: [
    { profile: 'threewill-2014', verdict: 'conforms' },
    {
      profile: 'exchange-2015',
      verdict: 'unknown',
      line: 7,
      reason: 'too many open possibilities: the model could not decide which photo SharePoint holds',
    },
    ...['microsoft-2014', 'microsoft-2024', 'microsoft-2026'].map((profile): CheckReport['results'][number] => ({
      profile,
      verdict: 'diverges',
      divergence: {
        line: 12,
        event: { at: '2014-04-03T09:00:00Z', see: 'sp-people-picker', user: 'alice', viewer: 'bob', photo: 'p1' },
        allowed: ['p2', 'p3', 'p4', 'p5', 'p6', 'p7', 'p8', 'p9'],
        rules: ['SP-MYSITE-ONCE', 'SP-SYNC-WINDOW', 'PHOTO-POLICY', 'SP-UPLOAD-REDIRECT'],
        windows: [],
      },
      story: longStory,
    })),
  ],
  torn: { line: 13, message: `${TRACE}:13: torn last line` },
};

const longRun: RunReport = {
  tenant: { adapter: 'live', config: CONFIG },
  profile: 'microsoft-2014',
  verdict: 'diverges',
  runs: 24,
  actions: 7,
  undecided: 3,
  seed: 3,
  interrupted: true,
  shrinkingStopped: true,
  ms: 1,
  foundLength: 7,
  counterexample: longStory,
  trace: TRACE,
  replay: REPLAY,
};

const longMatrix: MatrixReport = {
  tenant: { adapter: 'sim', simProfile: 'threewill-2014', mutant: 'browser-clear-keeps-pushed-photo', history: 'as-is' },
  seed: 3,
  replay: REPEAT,
  interrupted: true,
  ms: 1,
  results: PROFILES.map((p, i) => ({
    profile: p.id,
    verdict: i === 0 ? ('conforms' as const) : ('diverges' as const),
    length: i === 0 ? null : 4,
    rules: i === 0 ? [] : i === 1 ? [] : ['SP-MYSITE-ONCE', 'SP-SYNC-WINDOW', 'SP-UPLOAD-REDIRECT', 'PHOTO-POLICY-OWA'],
    runs: 200,
    undecided: 0,
    seed: 3,
    ...(i === 0 ? {} : { trace: TRACE, counterexample: longStory }),
  })),
};

const longMutantRuns = toMutantRunsReport(
  300,
  MUTANTS.map((m, i) => ({
    id: m.id,
    profile: m.profiles[0]!,
    rule: m.breaks,
    killed: i % 7 !== 0,
    runsToFailure: i % 7 === 0 ? null : 120 + i,
    shrunkLength: i % 7 === 0 ? null : 12,
    minimalLength: m.minimalLength,
    ms: 123_456,
    seed: 1,
    rules: [m.breaks],
    ...(i === 1 ? { interrupted: true } : {}),
  })),
  true,
  9_876_543,
);

const longDoctor: DoctorReport = {
  config: CONFIG,
  checks: [
    { service: 'graph', check: 'sign-in with the certificate', status: 'ok', detail: 'signed in as the photosync application' },
    {
      service: 'exchange-online',
      check: 'Set-UserPhoto permission',
      status: 'unanswered',
      detail:
        'endpoints.authorityHost (https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token) could not be reached: ECONNRESET; run doctor again later',
    },
    {
      service: 'sharepoint',
      check: 'User Profile Service',
      status: 'missing',
      detail: 'the application has no Sites.FullControl.All: grant it in Entra ID',
    },
  ],
};

const longCampaign = CampaignReport.parse({
  dir: 'C:/Users/Administrator/Documents/photosync/campaigns/2026-06-01-contoso',
  journal: 'C:/Users/Administrator/Documents/photosync/campaigns/2026-06-01-contoso/journal.jsonl',
  started: '2026-06-01T08:00:00.000Z',
  until: '2026-06-08T08:00:00.000Z',
  state: 'running',
  events: 12345,
  requests: 67890,
  lanes: ['adele.vance', 'alex.wilber', 'megan.bowen'].map((user, i) => ({
    user: `${user}@contoso.onmicrosoft.com`,
    stories: 12,
    story: 'removePhoto dave via graph; setPhoto dave p6 via graph; wait 48 h; sp-people-picker of dave to alice',
    done: 2,
    of: 4,
    next: '2026-06-03T08:00:00.000Z',
    requests: 1234,
    ...(i === 0 ? { unrecorded: 12 } : {}),
  })),
  profiles: PROFILES.map((p) => ({
    profile: p.id,
    verdict: 'diverges',
    line: 1234,
    rules: ['SP-MYSITE-ONCE', 'SP-SYNC-WINDOW', 'SP-UPLOAD-REDIRECT', 'PHOTO-POLICY-OWA'],
    explanation: longStory,
  })),
  timings: [
    {
      profile: 'microsoft-2026',
      param: 'teamsServiceCache',
      value: 259_200_000,
      consistent: { lo: 90_061_000, hi: 7_776_000_000 },
      contiguous: false,
      openAbove: true,
    },
  ],
  observed: [
    {
      user: 'adele.vance@contoso.onmicrosoft.com',
      line: 1234,
      change: 'setPhoto adele.vance@contoso.onmicrosoft.com p6 via graph',
      photo: 'p6',
      surface: 'sp-people-picker',
      after: 90_061_000,
      by: null,
      looks: 11,
    },
  ],
  torn: { line: 12346 },
});

const longDiff = DiffReport.parse({
  base: { ...side(`reports/2026-01-05/${'matrix-'.repeat(6)}.json`), tenant: { adapter: 'live', config: CONFIG } },
  next: { ...side(`reports/2026-02-05/${'matrix-'.repeat(6)}.json`), tenant: { adapter: 'sim', simProfile: 'microsoft-2026' } },
  kind: 'run',
  regressed: true,
  warnings: [
    'BASE and NEW tried other runs: --seed 7 → 8, --runs 100 → 200, --max-actions 30 → 40; another seed may find another first divergence',
  ],
  changes: [
    {
      scope: 'profile',
      profile: 'microsoft-2026',
      change: 'regressed',
      base: 'conforms',
      next: 'diverges',
      newCounterexample: true,
      detail: 'length 4; line 12: saw p1, allowed p2, p3, p4, p5, p6, p7, p8, p9',
      counterexample: longStory,
    },
    {
      scope: 'rule',
      profile: 'microsoft-2026',
      rule: 'SP-UPLOAD-REDIRECT',
      change: 'regressed',
      base: 'holds',
      next: 'fails',
      detail: 'line 12: saw p1, allowed p2',
    },
    {
      scope: 'mutant',
      profile: 'threewill-2014',
      mutant: 'browser-clear-keeps-pushed-photo',
      rule: 'OWA-CACHE',
      change: 'changed',
      base: 'killed',
      next: 'killed',
      detail: 'length 3 → 5; rules OWA-CACHE → EXO-FAST, SP-UPLOAD-REDIRECT',
    },
    {
      scope: 'timing',
      profile: 'microsoft-2026',
      param: 'teamsServiceCache',
      change: 'same',
      base: '25 h 1 min to 90 d and more',
      next: '25 h 1 min to 90 d and more',
    },
  ],
});

/**
 * A line kept whole however long, to be copied: a command (a replay line, the matrix's repeat line,
 * a re-check), or a word alone on its line, which no space breaks (a path, a `--path`).
 */
const WHOLE = /^ *((replay: |seed \d+; repeat: |\(re-check offline: )?photosync (run|matrix|check) .*|\S+)$/;

describe('the text renderers, at 100 columns', () => {
  it.each([
    ['check', () => renderers.check.text(check, meta)],
    ['check (long)', () => renderers.check.text(longCheck, meta)],
    ['run', () => renderers.run.text(run, meta)],
    ['run (long)', () => renderers.run.text(longRun, meta)],
    [
      'run (conforms)',
      () => renderers.run.text({ ...longRun, verdict: 'conforms', notReproduced: '11:12:'.repeat(30), interrupted: false }, meta),
    ],
    ['matrix', () => renderers.matrix.text(matrix, meta)],
    ['matrix (long)', () => renderers.matrix.text(longMatrix, meta)],
    ['mutants', () => renderers.mutantRuns.text(mutantRuns, meta)],
    ['mutants (long)', () => renderers.mutantRuns.text(longMutantRuns, meta)],
    [
      'mutants --list',
      () =>
        renderers.mutants.text(
          toMutantsReport(
            MUTANTS.map((m) => ({ ...m, minimalLength: shortestKnownLength(m) })),
            PROFILES,
          ),
          meta,
        ),
    ],
    ['rules', () => renderers.rules.text(toRulesReport(PROFILES), meta)],
    ['profiles', () => renderers.profiles.text(toProfilesReport(PROFILES), meta)],
    ['doctor', () => renderers.doctor.text(doctor, meta)],
    ['doctor (long)', () => renderers.doctor.text(longDoctor, meta)],
    ['campaign status', () => renderers.campaign.text(campaign, meta)],
    ['campaign status (long)', () => renderers.campaign.text(longCampaign, meta)],
    ['campaign report (long)', () => renderers.campaign.text({ ...longCampaign, state: 'done' }, meta)],
    ['diff', () => diffRenderers.text(diff, meta)],
    ['diff (long)', () => diffRenderers.text(longDiff, meta)],
    ['diff --all (long)', () => diffRenderersWith({ all: true }).text(longDiff, meta)],
  ])('%s: no line but a command or a path is longer than 100 characters', (_kind, render) => {
    const overlong = render()
      .split('\n')
      .filter((l) => [...l].length > 100 && !WHOLE.test(l));
    expect(overlong).toEqual([]);
  });

  it('keep a command line whole, to be copied', () => {
    expect(renderers.run.text(longRun, meta)).toContain(`\nreplay: ${REPLAY}\n`);
    expect(renderers.run.text(longRun, meta)).toContain(`\n  (re-check offline: photosync check ${TRACE} --profile microsoft-2014)\n`);
    expect(renderers.matrix.text(longMatrix, meta)).toContain(`\nseed 3; repeat: ${REPEAT}\n`);
  });

  it('quote a trace path in the re-check command where a shell would split it', () => {
    const text = renderers.run.text({ ...longRun, trace: 'My Traces/run 1.jsonl' }, meta);
    expect(text).toContain(`(re-check offline: photosync check 'My Traces/run 1.jsonl' --profile microsoft-2014)`);
  });

  it('show a real story within 100 columns', async () => {
    const story = toStory(await testRun(), testMutant.minimalLength)!;
    const text = renderers.run.text({ ...longRun, counterexample: story }, meta);
    expect(text.split('\n').filter((l) => [...l].length > 100 && !WHOLE.test(l))).toEqual([]);
  });
});

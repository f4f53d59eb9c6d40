import fc from 'fast-check';
import { shortStory } from '../reports/story.testkit.js';
import { describe, expect, it } from 'vitest';
import { RULE_IDS, type RuleId } from '../model/RuleId.js';
import { CHANGES, DiffReport } from '../reports/DiffReport.js';
import { ReportJson } from '../reports/ReportJson.js';
import { Story } from '../reports/Story.js';
import { compareReports } from './compareReports.js';
import { DiffError } from './DiffError.js';
import { campaignReport, META } from './reports.testkit.js';

const SIM = { adapter: 'sim', simProfile: 'microsoft-2026' };

const story = (seen = 'p0', rules: RuleId[] = ['OWA-CACHE'], waits = 0): Story => shortStory({ seen, rules, waits });

const conforms = (profile: string) => ({ profile, verdict: 'conforms' });
const diverges = (profile: string, rules: RuleId[] = ['OWA-CACHE'], line = 4, photo = 'p0', withStory = false) => ({
  profile,
  verdict: 'diverges',
  divergence: {
    line,
    event: { at: '2014-04-06T09:00:00Z', see: 'owa-contact-card', user: 'alice', viewer: 'bob', photo },
    allowed: ['p1'],
    rules,
  },
  ...(withStory ? { story: story(photo, rules) } : {}),
});
const unknown = (profile: string) => ({ profile, verdict: 'unknown', line: 5, reason: 'too many open possibilities' });

const check = (...results: object[]) => ReportJson.parse({ report: 'check', ...META, trace: 't.jsonl', results });

const run = (verdict: 'conforms' | 'diverges', counterexample?: Story, tenant: Record<string, string> = SIM) =>
  ReportJson.parse({
    report: 'run',
    ...META,
    tenant,
    profile: 'microsoft-2026',
    verdict,
    runs: 100,
    actions: 1000,
    undecided: 0,
    seed: 1,
    interrupted: false,
    ms: 10,
    replay: 'photosync run --seed 1',
    ...(counterexample === undefined ? {} : { counterexample, foundLength: 9 }),
  });

const row = (profile: string, story?: Story) => ({
  profile,
  verdict: story === undefined ? 'conforms' : 'diverges',
  length: story?.length ?? null,
  rules: story?.divergence.rules.map((r) => r.id) ?? [],
  runs: 100,
  undecided: 0,
  seed: 1,
  ...(story === undefined ? {} : { counterexample: story }),
});
const matrix = (...results: object[]) => ReportJson.parse({ report: 'matrix', ...META, tenant: SIM, interrupted: false, ms: 10, results });

const mutant = (
  id: string,
  killed: boolean,
  shrunkLength: number | null = killed ? 2 : null,
  rules: RuleId[] = killed ? ['OWA-CACHE'] : [],
) => ({
  id,
  profile: 'threewill-2014',
  rule: 'OWA-CACHE',
  killed,
  runsToFailure: killed ? 10 : null,
  shrunkLength,
  minimalLength: 2,
  ms: 5,
  seed: 1,
  rules,
});
const mutants = (...runs: object[]) =>
  ReportJson.parse({
    report: 'mutants',
    ...META,
    budget: 200,
    interrupted: false,
    mutants: runs,
    summary: { runs: runs.length, killed: 0, atMinimal: 0, worstRatio: null, medianRunsToFailure: null, ms: 1 },
  });

const rows = (d: DiffReport) => d.changes.map((c) => [c.scope, c.profile, c.mutant ?? c.rule ?? '', c.change, c.base, c.next]);

describe('compareReports: check', () => {
  it('finds a profile that newly diverges and the rule it newly fails: a regression, with the divergence in a few words', () => {
    const d = compareReports(
      check(conforms('threewill-2014'), conforms('microsoft-2014')),
      check(conforms('threewill-2014'), diverges('microsoft-2014', ['SP-MYSITE-ONCE'], 4, 'p0', true)),
      { base: 'old.json', next: 'new.json' },
    );
    expect(DiffReport.parse(d)).toEqual(d);
    expect(d.regressed).toBe(true);
    expect(rows(d)).toEqual([
      ['profile', 'microsoft-2014', '', 'regressed', 'conforms', 'diverges'],
      ['rule', 'microsoft-2014', 'SP-MYSITE-ONCE', 'regressed', 'holds', 'fails'],
      ['profile', 'threewill-2014', '', 'same', 'conforms', 'conforms'],
    ]);
    expect(d.changes[0]).toMatchObject({ newCounterexample: true, detail: 'line 4: saw p0, allowed p1' });
    expect(d.changes[0]!.counterexample?.divergence.rules.map((r) => r.id)).toEqual(['SP-MYSITE-ONCE']);
    expect(d.base).toEqual({ path: 'old.json', kind: 'check', generated: META.generated, tool: META.tool });
    expect(d.next.path).toBe('new.json');
  });

  it('finds a profile that no longer diverges: improved, no regression', () => {
    const d = compareReports(check(diverges('microsoft-2014')), check(conforms('microsoft-2014')));
    expect(d.regressed).toBe(false);
    expect(rows(d)).toEqual([
      ['profile', 'microsoft-2014', '', 'improved', 'diverges', 'conforms'],
      ['rule', 'microsoft-2014', 'OWA-CACHE', 'improved', 'fails', 'holds'],
    ]);
    expect(d.changes[0]!.counterexample).toBeUndefined();
    expect(d.changes[0]!.detail).toBe('was line 4: saw p0, allowed p1');
  });

  it('finds nothing between equal reports, though they were made at other times', () => {
    const base = check(conforms('threewill-2014'), diverges('microsoft-2014'), unknown('exchange-2015'));
    const next = { ...base, generated: '2027-01-01T00:00:00.000Z' };
    const d = compareReports(base, next);
    expect(d.regressed).toBe(false);
    expect(d.changes.every((c) => c.change === 'same')).toBe(true);
    expect(d.changes).toHaveLength(4);
  });

  it('calls another divergence of the same rule a change with a new counterexample, not a regression', () => {
    const d = compareReports(
      check(diverges('microsoft-2014', ['OWA-CACHE'], 4)),
      check(diverges('microsoft-2014', ['OWA-CACHE'], 6, 'p2')),
    );
    expect(d.regressed).toBe(false);
    expect(d.changes[0]).toMatchObject({
      scope: 'profile',
      change: 'changed',
      newCounterexample: true,
      detail: 'now line 6: saw p2, allowed p1',
    });
    expect(d.changes[1]).toMatchObject({ scope: 'rule', rule: 'OWA-CACHE', change: 'same' });
  });

  it('takes a divergence at another time of the same line, event and allowed photos for the same: a trace recorded again', () => {
    const later = diverges('microsoft-2014');
    later.divergence.event.at = '2015-04-06T09:00:00Z';
    const d = compareReports(check(diverges('microsoft-2014')), check(later));
    expect(d.changes.map((c) => c.change)).toEqual(['same', 'same']);
  });

  it('calls a divergence that cites another rule a change, and that rule a regression', () => {
    const d = compareReports(check(diverges('microsoft-2014', ['OWA-CACHE'])), check(diverges('microsoft-2014', ['EXO-FAST'])));
    expect(d.regressed).toBe(true);
    expect(rows(d)).toEqual([
      ['rule', 'microsoft-2014', 'EXO-FAST', 'regressed', 'holds', 'fails'],
      ['profile', 'microsoft-2014', '', 'changed', 'diverges', 'diverges'],
      ['rule', 'microsoft-2014', 'OWA-CACHE', 'improved', 'fails', 'holds'],
    ]);
    expect(d.changes[1]!.detail).toBe('rules OWA-CACHE → EXO-FAST');
  });

  it.each([
    ['conforms', conforms('p'), 'unknown', unknown('p')],
    ['diverges', diverges('p'), 'unknown', unknown('p')],
    ['unknown', unknown('p'), 'diverges', diverges('p')],
    ['unknown', unknown('p'), 'conforms', conforms('p')],
  ])('never calls %s → %s a regression: it is changed', (was, b, now, n) => {
    const d = compareReports(check(b), check(n));
    expect(d.regressed).toBe(false);
    expect(d.changes[0]).toMatchObject({ scope: 'profile', change: 'changed', base: was, next: now });
    expect(d.changes[0]!.detail).toMatch(/unknown at line 5: too many open possibilities/);
    expect(d.changes.filter((c) => c.scope === 'rule').every((c) => c.change === 'changed')).toBe(true);
  });

  it('never calls a profile that only one report checked a regression', () => {
    const d = compareReports(check(conforms('a')), check(conforms('a'), diverges('b')));
    expect(d.regressed).toBe(false);
    expect(d.changes[0]).toMatchObject({ profile: 'b', change: 'changed', base: 'absent', next: 'diverges', newCounterexample: true });
    expect(d.changes[1]).toMatchObject({ profile: 'b', scope: 'rule', change: 'changed', base: 'absent', next: 'fails' });
  });
});

describe('compareReports: run', () => {
  it('regresses when the tenant now diverges, and carries both tenants', () => {
    const live = { adapter: 'live', config: 'tenant.jsonc' };
    const d = compareReports(run('conforms'), run('diverges', story('p0'), live));
    expect(d.regressed).toBe(true);
    expect(d.changes[0]).toMatchObject({ change: 'regressed', detail: 'length 2; line 3: saw p0, allowed p1', newCounterexample: true });
    expect(d.changes[0]!.counterexample).toEqual(story('p0'));
    expect(d.base.tenant).toEqual(SIM);
    expect(d.next.tenant).toEqual(live);
  });

  it('improves when it no longer diverges, and is the same when nothing moved', () => {
    expect(rows(compareReports(run('diverges', story()), run('conforms')))[0]).toEqual([
      'profile',
      'microsoft-2026',
      '',
      'improved',
      'diverges',
      'conforms',
    ]);
    expect(compareReports(run('diverges', story()), run('conforms')).changes[0]!.detail).toBe(
      'conforms in 100 runs; was length 2; line 3: saw p0, allowed p1',
    );
    const same = compareReports(run('diverges', story()), run('diverges', story()));
    expect(same.changes.map((c) => c.change)).toEqual(['same', 'same']);
    expect(same.changes[0]!.counterexample).toBeUndefined();
  });

  it('calls a counterexample with other steps a change: its events or its length', () => {
    const longer = Story.parse({ ...story('p0', ['OWA-CACHE'], 1), length: 3 });
    const d = compareReports(run('diverges', story()), run('diverges', longer));
    expect(d.regressed).toBe(false);
    expect(d.changes[0]).toMatchObject({
      change: 'changed',
      newCounterexample: true,
      detail: 'length 2 → 3; now line 4: saw p0, allowed p1',
    });
    const other = compareReports(run('diverges', story('p0')), run('diverges', story('p2')));
    expect(other.changes[0]).toMatchObject({ change: 'changed', newCounterexample: true });
  });
});

describe('compareReports: matrix', () => {
  it('orders regressions first (newly diverging first), then changed, improved and same', () => {
    const d = compareReports(
      matrix(row('a'), row('b', story()), row('c'), row('d', story('p0', ['EXO-FAST'])), row('e')),
      matrix(row('a'), row('b'), row('c', story()), row('d', story('p2', ['EXO-FAST'])), row('e', story())),
    );
    expect(d.regressed).toBe(true);
    expect(rows(d)).toEqual([
      ['profile', 'c', '', 'regressed', 'conforms', 'diverges'],
      ['profile', 'e', '', 'regressed', 'conforms', 'diverges'],
      ['rule', 'c', 'OWA-CACHE', 'regressed', 'holds', 'fails'],
      ['rule', 'e', 'OWA-CACHE', 'regressed', 'holds', 'fails'],
      ['profile', 'd', '', 'changed', 'diverges', 'diverges'],
      ['profile', 'b', '', 'improved', 'diverges', 'conforms'],
      ['rule', 'b', 'OWA-CACHE', 'improved', 'fails', 'holds'],
      ['profile', 'a', '', 'same', 'conforms', 'conforms'],
      ['rule', 'd', 'EXO-FAST', 'same', 'fails', 'fails'],
    ]);
    expect(d.base.tenant).toEqual(SIM);
  });
});

describe('compareReports: mutants', () => {
  it('reads a mutant that survives after being killed as a regression: the harness lost power', () => {
    const d = compareReports(mutants(mutant('a', true), mutant('b', false)), mutants(mutant('a', false), mutant('b', true)));
    expect(d.regressed).toBe(true);
    expect(rows(d)).toEqual([
      ['mutant', 'threewill-2014', 'a', 'regressed', 'killed', 'survived'],
      ['mutant', 'threewill-2014', 'b', 'improved', 'survived', 'killed'],
    ]);
    expect(d.changes[0]!.detail).toBe('not found within 200 runs');
  });

  it('calls a longer shrunk counterexample a change, a shorter one an improvement, an equal one the same', () => {
    const d = compareReports(
      mutants(mutant('grew', true, 3), mutant('shrank', true, 5), mutant('same', true, 2), mutant('other', true, 2)),
      mutants(mutant('grew', true, 5), mutant('shrank', true, 3), mutant('same', true, 2), mutant('other', true, 2, ['EXO-FAST'])),
    );
    expect(d.regressed).toBe(false);
    expect(d.changes.map((c) => [c.mutant, c.change, c.detail])).toEqual([
      ['grew', 'changed', 'length 3 → 5'],
      ['other', 'changed', 'rules OWA-CACHE → EXO-FAST'],
      ['shrank', 'improved', 'length 5 → 3'],
      ['same', 'same', undefined],
    ]);
  });

  it('keys mutants by id and profile, and never calls one that only one report ran a regression', () => {
    const elsewhere = { ...mutant('a', false), profile: 'microsoft-2026' };
    const d = compareReports(mutants(mutant('a', true)), mutants(elsewhere));
    expect(d.regressed).toBe(false);
    expect(rows(d)).toEqual([
      ['mutant', 'threewill-2014', 'a', 'changed', 'killed', 'absent'],
      ['mutant', 'microsoft-2026', 'a', 'changed', 'absent', 'survived'],
    ]);
  });
});

const campaign = (verdict: 'conforms' | 'diverges', exoLag: { lo: number; hi: number } | null) =>
  campaignReport({
    profiles: [
      {
        profile: 'microsoft-2026',
        verdict,
        rules: verdict === 'diverges' ? ['EXO-FAST'] : [],
        ...(verdict === 'diverges' ? { line: 3 } : {}),
      },
    ],
    timings: [{ profile: 'microsoft-2026', param: 'exoLag', value: 14_400_000, consistent: exoLag, contiguous: true, openAbove: false }],
  });

describe('compareReports: campaign', () => {
  it('regresses when a profile that held is refuted, or a measured timing left what the earlier campaign measured', () => {
    const base = campaign('conforms', { lo: 60_000, hi: 3_600_000 });
    expect(compareReports(base, base).regressed).toBe(false);
    const moved = compareReports(base, campaign('conforms', { lo: 21_600_000, hi: 86_400_000 }));
    expect(moved.regressed).toBe(true);
    expect(moved.changes[0]).toMatchObject({ scope: 'timing', profile: 'microsoft-2026', param: 'exoLag', change: 'regressed' });
    // narrower, and still within: a change, no alarm
    const narrower = compareReports(base, campaign('conforms', { lo: 600_000, hi: 3_600_000 }));
    expect(narrower.regressed).toBe(false);
    expect(narrower.changes).toContainEqual(expect.objectContaining({ scope: 'timing', change: 'changed' }));
    const refuted = compareReports(base, campaign('diverges', { lo: 60_000, hi: 3_600_000 }));
    expect(refuted.changes[0]).toMatchObject({ scope: 'profile', change: 'regressed' });
  });

  it('regresses when a surface showed a measured change wholly sooner or later than before; an overlap is a change', () => {
    const seen = (after: number, by: number | null) => ({
      ...campaign('conforms', { lo: 60_000, hi: 3_600_000 }),
      observed: [
        {
          user: 'alice',
          line: 4,
          change: 'setPhoto p6 via graph',
          photo: 'p6',
          surface: 'sp-people-picker' as const,
          after,
          by,
          looks: 11,
        },
      ],
    });
    const base = seen(9 * 3_600_000, 24 * 3_600_000);
    const row = (n: ReturnType<typeof seen>) => compareReports(base, n).changes.find((c) => c.profile === 'observed');
    expect(row(seen(9 * 3_600_000, 24 * 3_600_000))).toMatchObject({ change: 'same' });
    expect(row(seen(3 * 3_600_000, 24 * 3_600_000))).toMatchObject({ change: 'changed' });
    // a day later than the earlier campaign ever saw it, or never within the ladder: Microsoft changed something
    expect(row(seen(24 * 3_600_000, 48 * 3_600_000))).toMatchObject({
      change: 'regressed',
      param: 'sp-people-picker after setPhoto p6 via graph',
    });
    expect(row(seen(73 * 3_600_000, null))).toMatchObject({ change: 'regressed' });
    expect(compareReports(base, seen(60_000, 3_600_000)).regressed).toBe(true);
    // still unseen in both: nothing to say but that
    expect(compareReports(seen(73 * 3_600_000, null), seen(73 * 3_600_000, null)).regressed).toBe(false);
  });
});

describe('compareReports: samples', () => {
  const sample = (profile: string, seed: number, runs = 200) => ({ ...row(profile), seed, runs });
  const found = (profile: string, seed: number, maxActions = 30) => ({ ...row(profile, story()), seed, runs: 3, maxActions });
  const at = (tenant: Record<string, string>, interrupted: boolean, ...results: object[]) =>
    ReportJson.parse({ report: 'matrix', ...META, tenant, interrupted, ms: 10, results });
  const LIVE = { adapter: 'live', config: 'tenant.jsonc' };

  it('warns when the reports tried other runs: another --seed or --runs, with the profiles that show it', () => {
    const d = compareReports(
      matrix(sample('a', 7), sample('b', 7), sample('c', 7)),
      matrix(sample('a', 8), sample('b', 8, 100), sample('c', 7)),
    );
    expect(d.warnings).toEqual([
      'BASE and NEW tried other runs: --seed 7 → 8 (a, b); --runs 200 → 100 (b). What differs may be chance, not a change of the tenant: diff reports made with the same --seed, --runs and --max-actions',
    ]);
    expect(DiffReport.parse(d)).toEqual(d);
  });

  it('warns of another --max-actions or --seed from a divergence on a live tenant, where the search is not narrowed after it', () => {
    const d = compareReports(at(LIVE, false, found('a', 7)), at(LIVE, false, found('a', 7, 20), found('b', 5)));
    expect(d.warnings).toEqual([expect.stringMatching(/^BASE and NEW tried other runs: --max-actions 30 → 20 \(a\)\. /)]);
    const seeds = compareReports(at(LIVE, false, found('a', 7)), at(LIVE, false, sample('a', 8)));
    expect(seeds.warnings).toEqual([expect.stringMatching(/: --seed 7 → 8 \(a\)\. /)]);
  });

  it('reads no sample from a divergence on a simulated tenant: its seed and --max-actions may be those of a shorter search', () => {
    // as `matrix --seed 1` found it: exchange-2015's counterexample came from a shorter search, seed 82423792 and at most 1 action
    const d = compareReports(matrix(sample('a', 1), found('b', 1)), matrix(found('a', 82_423_792, 1), found('b', 1, 1)));
    expect(d.regressed).toBe(true);
    expect(d.warnings).toBeUndefined();
  });

  it('reads no --runs from an interrupted report: it made fewer runs than asked', () => {
    const d = compareReports(at(SIM, false, sample('a', 7)), at(SIM, true, sample('a', 7, 50)));
    expect(d.warnings).toBeUndefined();
  });

  it('warns of another --budget or --seed for mutants, the seed read from a mutant that survived', () => {
    const survived = (id: string, seed: number) => ({ ...mutant(id, false), seed });
    const killed = (id: string, seed: number) => ({ ...mutant(id, true), seed });
    const base = mutants(survived('a', 1), killed('b', 1));
    const next = { ...mutants(survived('a', 2), killed('b', 82_423_792)), budget: 100 };
    expect(compareReports(base, next).warnings).toEqual([
      'BASE and NEW tried other runs: --seed 1 → 2 (mutant a on threewill-2014); --budget 200 → 100. What differs may be chance, not a change of the harness: diff reports made with the same --seed, --budget and --max-actions',
    ]);
  });

  describe('from the options a report records at its top', () => {
    const options = (maxActions: number, seed = 1, runs = 200) => ({ runs, maxActions, seed });
    const asked = (o: object | undefined, ...results: object[]) =>
      ReportJson.parse({
        report: 'matrix',
        ...META,
        tenant: SIM,
        ...(o === undefined ? {} : { options: o }),
        interrupted: false,
        ms: 10,
        results,
      });

    it('warns of another --max-actions where every profile diverges, which holds no figure of its own', () => {
      const d = compareReports(asked(options(30), found('a', 1), found('b', 1)), asked(options(20), found('a', 1), found('b', 1)));
      expect(d.warnings).toEqual([
        'BASE and NEW tried other runs: --max-actions 30 → 20. What differs may be chance, not a change of the tenant: diff reports made with the same --seed, --runs and --max-actions',
      ]);
      const runs = (maxActions: number) => ({ ...run('diverges', story()), options: options(maxActions) });
      expect(compareReports(ReportJson.parse(runs(30)), ReportJson.parse(runs(20))).warnings).toEqual([
        expect.stringMatching(/^BASE and NEW tried other runs: --max-actions 30 → 20\. /),
      ]);
    });

    it('reads each option once for the whole report, not from its profiles, and warns of nothing when they are equal', () => {
      const d = compareReports(asked(options(30, 7), sample('a', 7), sample('b', 7)), asked(options(30, 8, 100), sample('a', 8, 100)));
      expect(d.warnings).toEqual([expect.stringMatching(/^BASE and NEW tried other runs: --seed 7 → 8; --runs 200 → 100\. /)]);
      // the same options, and results that stopped at other runs: what each search found, not what it was asked
      const same = compareReports(asked(options(30), sample('a', 1, 200)), asked(options(30), sample('a', 1, 40)));
      expect(same.warnings).toBeUndefined();
    });

    it('reads a report without them as before: from its results, or a matrix seed', () => {
      // one report made before they were kept: each option from the results, as both held it then
      const old = compareReports(asked(undefined, sample('a', 7)), asked(options(30, 8), sample('a', 8)));
      expect(old.warnings).toEqual([expect.stringMatching(/: --seed 7 → 8 \(a\)\. /)]);
      const diverged = compareReports(asked(undefined, found('a', 1)), asked(options(20), found('a', 1)));
      expect(diverged.warnings).toBeUndefined();
      // a matrix's seed, kept before the options were, is the same for every profile
      const seeded = (seed: number) => ({ ...asked(undefined, found('a', seed)), seed });
      expect(compareReports(seeded(7), seeded(8)).warnings).toEqual([expect.stringMatching(/: --seed 7 → 8\. /)]);
    });

    it('warns of another --max-actions for mutants, and of another --seed once both were given one', () => {
      const withOptions = (o: object, ...runs: object[]) => ({ ...mutants(...runs), options: { budget: 200, ...o } });
      const base = ReportJson.parse(withOptions({ maxActions: 30, seed: 1 }, { ...mutant('a', true), seed: 5 }));
      const next = ReportJson.parse(withOptions({ maxActions: 20, seed: 2 }, { ...mutant('a', true), seed: 6 }));
      expect(compareReports(base, next).warnings).toEqual([
        'BASE and NEW tried other runs: --seed 1 → 2; --max-actions 30 → 20. What differs may be chance, not a change of the harness: diff reports made with the same --seed, --budget and --max-actions',
      ]);
      // no --seed: each mutant drew its own, which a mutant that survived holds
      const drawn = (seed: number) => ReportJson.parse(withOptions({ maxActions: 30 }, { ...mutant('a', false), seed }));
      expect(compareReports(drawn(1), drawn(2)).warnings).toEqual([
        expect.stringMatching(/: --seed 1 → 2 \(mutant a on threewill-2014\)\. /),
      ]);
    });
  });

  it('warns of nothing for reports that hold no sample: a check, a campaign', () => {
    expect(compareReports(check(conforms('a')), check(diverges('a'))).warnings).toBeUndefined();
  });
});

describe('compareReports: reports it cannot compare', () => {
  it('refuses two kinds of report, naming both', () => {
    const error = (() => {
      try {
        compareReports(check(), matrix());
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(DiffError);
    expect(error).toMatchObject({ code: 'PHOTOSYNC_DIFF_KINDS', message: expect.stringMatching(/check.*matrix/) });
  });

  it('refuses kinds it does not compare', () => {
    const profiles = ReportJson.parse({ report: 'profiles', ...META, profiles: [] });
    expect(() => compareReports(profiles, profiles)).toThrow(expect.objectContaining({ code: 'PHOTOSYNC_DIFF_UNSUPPORTED' }));
  });
});

const PROFILES = ['threewill-2014', 'microsoft-2014', 'exchange-2015', 'microsoft-2026'];
const RULES = fc.subarray(RULE_IDS.slice(0, 4) as RuleId[], { minLength: 1 });
const PHOTO = fc.constantFrom('p0', 'p1', 'p2');
const anyStory = fc.tuple(PHOTO, RULES, fc.nat(2)).map(([seen, rules, waits]) => story(seen, rules, waits));

const checkResult = (profile: string) =>
  fc.oneof(
    fc.constant(conforms(profile)),
    fc.constant(unknown(profile)),
    fc
      .tuple(RULES, fc.integer({ min: 2, max: 6 }), PHOTO, fc.boolean())
      .map(([rules, line, photo, s]) => diverges(profile, rules, line, photo, s)),
  );
const someProfiles = fc.subarray(PROFILES, { minLength: 1 });
const checkReport = someProfiles.chain((ps) => fc.tuple(...ps.map(checkResult))).map((results) => check(...results));
const matrixReport = someProfiles
  .chain((ps) => fc.tuple(...ps.map((p) => fc.option(anyStory, { nil: undefined }).map((s) => row(p, s)))))
  .map((results) => matrix(...results));
const runReport = fc.option(anyStory, { nil: undefined }).map((s) => (s === undefined ? run('conforms') : run('diverges', s)));
const mutantsReport = fc
  .uniqueArray(fc.tuple(fc.constantFrom('a', 'b', 'c'), fc.constantFrom(...PROFILES), fc.boolean(), fc.integer({ min: 1, max: 4 })), {
    selector: ([id, profile]) => `${id} ${profile}`,
  })
  .map((ms) => mutants(...ms.map(([id, profile, killed, length]) => ({ ...mutant(id, killed, killed ? length : null), profile }))));
const anyReport = fc.oneof(checkReport, runReport, matrixReport, mutantsReport);

describe('compareReports: properties', () => {
  it('property: a report compared with itself is the same in every row, and no regression', () => {
    fc.assert(
      fc.property(anyReport, (r) => {
        const d = compareReports(r, structuredClone(r));
        expect(d.warnings).toBeUndefined();
        expect(d.regressed).toBe(false);
        expect(d.changes.filter((c) => c.change !== 'same')).toEqual([]);
      }),
    );
  });

  it('property: swapping BASE and NEW swaps regressed and improved, for verdicts and for rules', () => {
    const swapped = { regressed: 'improved', improved: 'regressed', changed: 'changed', same: 'same' } as const;
    const pairs = fc.oneof(fc.tuple(checkReport, checkReport), fc.tuple(runReport, runReport), fc.tuple(matrixReport, matrixReport));
    fc.assert(
      fc.property(pairs, ([a, b]) => {
        const key = (c: DiffReport['changes'][number]) => `${c.scope} ${c.profile} ${c.rule ?? ''}`;
        const forth = new Map(compareReports(a, b).changes.map((c) => [key(c), c]));
        const back = compareReports(b, a).changes;
        expect(back).toHaveLength(forth.size);
        for (const c of back) {
          const f = forth.get(key(c))!;
          expect(f.change).toBe(swapped[c.change]);
          expect([f.base, f.next]).toEqual([c.next, c.base]);
        }
      }),
    );
  });

  it('property: the diff is valid, in order, and regressed iff a row regressed', () => {
    const pairs = fc.oneof(
      fc.tuple(checkReport, checkReport),
      fc.tuple(runReport, runReport),
      fc.tuple(matrixReport, matrixReport),
      fc.tuple(mutantsReport, mutantsReport),
    );
    fc.assert(
      fc.property(pairs, ([a, b]) => {
        const d = DiffReport.parse(compareReports(a, b));
        const ranks = d.changes.map((c) => CHANGES.indexOf(c.change));
        expect(ranks).toEqual([...ranks].sort((x, y) => x - y));
        expect(d.regressed).toBe(d.changes.some((c) => c.change === 'regressed'));
        for (const c of d.changes) if (c.change === 'regressed' && c.scope !== 'mutant') expect(['conforms', 'holds']).toContain(c.base);
      }),
    );
  });
});

import { describe, expect, it } from 'vitest';
import { PROFILE_IDS } from '../model/profiles.js';
import { ReportJson } from '../reports/ReportJson.js';
import { formatPath } from '../trace/TraceError.js';
import { entryIssue } from './entryIssue.js';
import { campaignReport, META } from './reports.testkit.js';

// a catalog of two mutants: `a` breaks a rule of two profiles, `b` of one
const CATALOG = [
  { id: 'a', profiles: ['threewill-2014', 'microsoft-2014'] },
  { id: 'b', profiles: ['threewill-2014'] },
];
const KNOWN = { profiles: PROFILE_IDS, mutants: CATALOG, version: '0.1.0' };

const conforms = (profile: string) => ({ profile, verdict: 'conforms' });
const check = (...results: object[]) => ReportJson.parse({ report: 'check', ...META, trace: 't.jsonl', results });
const matrixRow = (profile: string) => ({ profile, verdict: 'conforms', length: null, rules: [], runs: 100, undecided: 0, seed: 1 });
const matrix = (...profiles: string[]) =>
  ReportJson.parse({ report: 'matrix', ...META, tenant: { adapter: 'sim' }, interrupted: false, ms: 1, results: profiles.map(matrixRow) });
const run = (profile: string) =>
  ReportJson.parse({
    report: 'run',
    ...META,
    tenant: { adapter: 'sim' },
    profile,
    verdict: 'conforms',
    runs: 100,
    actions: 1000,
    undecided: 0,
    seed: 1,
    interrupted: false,
    ms: 10,
    replay: 'photosync run --seed 1',
  });
const mutant = (id: string, profile: string) => ({
  id,
  profile,
  rule: 'OWA-CACHE',
  killed: false,
  runsToFailure: null,
  shrunkLength: null,
  minimalLength: 2,
  ms: 5,
  seed: 1,
  rules: [],
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
const timing = (profile: string, param: string) => ({ profile, param, value: 1, consistent: null, contiguous: true, openAbove: false });
const seen = (line: number) => ({
  user: 'alice',
  line,
  change: 'setPhoto via outlook-web',
  photo: 'p1',
  surface: 'owa-contact-card',
  after: 0,
  by: 60_000,
  looks: 2,
});
const campaign = (profiles: string[], timings: object[] = [], observed: object[] = []) =>
  campaignReport({ profiles: profiles.map((profile) => ({ profile, verdict: 'conforms', rules: [] })), timings, observed });

describe('entryIssue', () => {
  it('finds nothing in reports that name each known profile once', () => {
    expect(entryIssue(check(...PROFILE_IDS.map(conforms)), KNOWN)).toBeUndefined();
    expect(entryIssue(matrix(...PROFILE_IDS), KNOWN)).toBeUndefined();
    expect(entryIssue(run('microsoft-2026'), KNOWN)).toBeUndefined();
    expect(
      entryIssue(mutants(mutant('a', 'threewill-2014'), mutant('a', 'microsoft-2014'), mutant('b', 'threewill-2014')), KNOWN),
    ).toBeUndefined();
    // one change seen more than once is no doubled entry: diff leaves such changes out itself
    const observed = [seen(3), seen(9)];
    expect(
      entryIssue(campaign(['microsoft-2026'], [timing('microsoft-2026', 'exoLag'), timing('microsoft-2026', 'owaCache')], observed), KNOWN),
    ).toBeUndefined();
  });

  it.each([
    ['a check result', check(conforms('threewill-2014'), conforms('bogus-profile')), 'results[1].profile'],
    ['a matrix result', matrix('threewill-2014', 'microsoft-2014', 'bogus-profile'), 'results[2].profile'],
    ['a run', run('bogus-profile'), 'profile'],
    ['a mutant run', mutants(mutant('a', 'threewill-2014'), mutant('a', 'bogus-profile')), 'mutants[1].profile'],
    ['a campaign verdict', campaign(['microsoft-2026', 'bogus-profile']), 'profiles[1].profile'],
    ['a campaign timing', campaign(['microsoft-2026'], [timing('bogus-profile', 'exoLag')]), 'timings[0].profile'],
  ])('names the field of a profile it does not know, in %s', (_, report, field) => {
    const issue = entryIssue(report, KNOWN);
    expect(formatPath(issue?.path ?? [])).toBe(field);
    expect(issue?.message).toBe(`unknown profile "bogus-profile" (this photosync knows ${PROFILE_IDS.join(', ')})`);
  });

  it('names the photosync that made a report when it is another, which may know the profile', () => {
    const newer = { ...matrix('microsoft-2027'), tool: { name: 'photosync' as const, version: '0.2.0' } };
    expect(entryIssue(newer, KNOWN)?.message).toMatch(/\); photosync 0\.2\.0 made the report: diff with that version or a later one$/);
  });

  it('names the field of a mutant its catalog does not know, or does not run on that profile', () => {
    expect(entryIssue(mutants(mutant('a', 'threewill-2014'), mutant('bogus-mutant', 'threewill-2014')), KNOWN)).toEqual({
      path: ['mutants', 1, 'id'],
      message: `unknown mutant "bogus-mutant" (not in this photosync's catalog: photosync mutants --list shows it)`,
    });
    expect(entryIssue(mutants(mutant('b', 'threewill-2014'), mutant('b', 'microsoft-2014')), KNOWN)).toEqual({
      path: ['mutants', 1, 'profile'],
      message: `mutant "b" is not run on microsoft-2014 (in this photosync's catalog it breaks a rule of threewill-2014 only)`,
    });
    const newer = { ...mutants(mutant('c', 'threewill-2014')), tool: { name: 'photosync' as const, version: '0.2.0' } };
    expect(entryIssue(newer, KNOWN)?.message).toMatch(
      /^unknown mutant "c" .*\); photosync 0\.2\.0 made the report: diff with that version or a later one$/,
    );
  });

  it.each([
    [
      'a check result',
      check(conforms('threewill-2014'), conforms('microsoft-2014'), conforms('threewill-2014')),
      ['results', 2, 'profile'],
      '"threewill-2014" again (results[0] is that profile)',
    ],
    [
      'a matrix result',
      matrix('microsoft-2014', 'microsoft-2014'),
      ['results', 1, 'profile'],
      '"microsoft-2014" again (results[0] is that profile)',
    ],
    [
      'a mutant run',
      mutants(mutant('a', 'threewill-2014'), mutant('b', 'threewill-2014'), mutant('a', 'threewill-2014')),
      ['mutants', 2],
      'mutant "a" on threewill-2014 again (mutants[0] is that run)',
    ],
    [
      'a campaign verdict',
      campaign(['microsoft-2026', 'microsoft-2026']),
      ['profiles', 1, 'profile'],
      '"microsoft-2026" again (profiles[0] is that profile)',
    ],
    [
      'a campaign timing',
      campaign(['microsoft-2026'], [timing('microsoft-2026', 'exoLag'), timing('microsoft-2026', 'exoLag')]),
      ['timings', 1, 'param'],
      'exoLag of microsoft-2026 again (timings[0] is that parameter)',
    ],
  ])('names the field of %s held twice, and the first of the two', (_, report, path, message) => {
    expect(entryIssue(report, KNOWN)).toEqual({ path, message });
  });

  it('looks at no entry of a kind diff does not compare', () => {
    const profiles = ReportJson.parse({ report: 'profiles', ...META, profiles: [] });
    expect(entryIssue(profiles, KNOWN)).toBeUndefined();
  });
});

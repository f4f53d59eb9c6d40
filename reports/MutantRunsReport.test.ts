import { describe, expect, it } from 'vitest';
import { MutantRunsReport, toMutantRunsReport, type MutantRun } from './MutantRunsReport.js';

const row = (over: Partial<MutantRun>): MutantRun => ({
  id: 'm',
  profile: 'threewill-2014',
  rule: 'EXO-FAST',
  killed: true,
  runsToFailure: 10,
  shrunkLength: 2,
  minimalLength: 2,
  ms: 5,
  seed: 1,
  rules: ['EXO-FAST'],
  ...over,
});

describe('toMutantRunsReport', () => {
  it('counts the killed, those at their minimal length, the worst ratio and the median runs to failure', () => {
    const report = toMutantRunsReport(
      100,
      [
        row({ id: 'a', runsToFailure: 3, shrunkLength: 2, minimalLength: 2 }),
        row({ id: 'b', runsToFailure: 40, shrunkLength: 3, minimalLength: 2 }),
        row({ id: 'c', runsToFailure: 7, shrunkLength: 1, minimalLength: 2 }),
        row({ id: 'd', killed: false, runsToFailure: null, shrunkLength: null, rules: [] }),
      ],
      false,
      1234.4,
    );
    expect(MutantRunsReport.parse(report)).toEqual(report);
    // a shorter story than the catalog's counts as at minimal; the survivor counts in neither
    expect(report.summary).toEqual({ runs: 4, killed: 3, atMinimal: 2, shrunk: 3, worstRatio: 1.5, medianRunsToFailure: 7, ms: 1234 });
  });

  it('counts a mutant whose shrinking was stopped as killed, but neither at its minimal length nor in the worst ratio', () => {
    const report = toMutantRunsReport(
      100,
      [row({ id: 'a', shrunkLength: 2, minimalLength: 2 }), row({ id: 'b', shrunkLength: null, minimalLength: 1, interrupted: true })],
      true,
      0,
    );
    expect(report.summary).toMatchObject({ runs: 2, killed: 2, shrunk: 1, atMinimal: 1, worstRatio: 1 });
  });

  it('has no ratio and no median when nothing was killed, and the mean of the middle two for an even count', () => {
    expect(toMutantRunsReport(5, [row({ killed: false, runsToFailure: null, shrunkLength: null })], true, 0).summary).toMatchObject({
      killed: 0,
      worstRatio: null,
      medianRunsToFailure: null,
    });
    const even = toMutantRunsReport(5, [row({ runsToFailure: 2 }), row({ runsToFailure: 5 })], false, 0);
    expect(even.summary.medianRunsToFailure).toBe(3.5);
    expect(even.interrupted).toBe(false);
  });

  it('records the options it was run with, the budget among them, for photosync diff', () => {
    const report = toMutantRunsReport(100, [row({})], false, 0, { maxActions: 12, seed: 3, mutant: 'm' });
    expect(MutantRunsReport.parse(report).options).toEqual({ budget: 100, maxActions: 12, seed: 3, mutant: 'm' });
    expect(toMutantRunsReport(100, [row({})], false, 0)).not.toHaveProperty('options');
  });
});

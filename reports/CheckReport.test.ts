import { describe, expect, it } from 'vitest';
import { CheckReport, toCheckReport } from './CheckReport.js';

describe('toCheckReport', () => {
  it('gives every divergence its windows: an empty list where the model reasoned with none (a surface the profile lacks)', () => {
    const report = toCheckReport({
      trace: 't.jsonl',
      results: [
        {
          profile: 'microsoft-2024',
          verdict: 'diverges',
          divergence: { line: 3, event: { see: 'lync', user: 'alice', viewer: 'bob', photo: 'p1' }, allowed: [], rules: ['LYNC-PRESENCE'] },
        },
      ],
    });
    const [result] = CheckReport.parse(report).results;
    expect(result).toMatchObject({ verdict: 'diverges', divergence: { allowed: [], windows: [] } });
  });

  it('still reads a report written before every divergence had its windows', () => {
    const old = {
      trace: 't.jsonl',
      results: [{ profile: 'microsoft-2024', verdict: 'diverges', divergence: { line: 3, event: {}, allowed: [], rules: [] } }],
    };
    expect(CheckReport.safeParse(old).success).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { PROFILE_IDS } from '../model/profiles.js';
import type { CheckReport, CheckResult } from './CheckReport.js';
import { checkDoc, checkHeadline, recheckCommands } from './checkDoc.js';
import { htmlRenderer } from './htmlRenderer.js';
import { markdownRenderer } from './markdownRenderer.js';
import type { ReportMeta } from './ReportMeta.js';

const meta: ReportMeta = { tool: { name: 'photosync', version: '0.1.0' }, generated: '2026-02-05T09:00:00.000Z' };

const conforming = (profile: string): CheckResult => ({ profile, verdict: 'conforms' });
const every = PROFILE_IDS.map(conforming);
const TORN = {
  line: 5,
  message: 't.jsonl:5: torn last line: the file ends mid-line (was its writer stopped?); the lines before it were checked',
};

describe('checkHeadline', () => {
  it('claims conformance of the whole trace only when it was read to its end and every profile conforms', () => {
    expect(checkHeadline({ trace: 't.jsonl', results: every })).toEqual({
      text: 'The trace conforms to every profile checked.',
      tone: 'good',
    });
  });

  it('of a torn trace, claims no more than the lines before the torn one, and not as a success', () => {
    expect(checkHeadline({ trace: 't.jsonl', results: every, torn: TORN })).toEqual({
      text: 'The trace up to line 4 (line 5 is torn) conforms to every profile checked.',
      tone: 'unknown',
    });
    const diverging: CheckResult = {
      profile: 'microsoft-2014',
      verdict: 'diverges',
      divergence: { line: 3, event: {}, allowed: ['p1'], rules: [], windows: [] },
    };
    expect(checkHeadline({ trace: 't.jsonl', results: [diverging], torn: TORN })).toEqual({
      text: 'The trace up to line 4 (line 5 is torn) diverges from 1 of 1 profiles checked.',
      tone: 'bad',
    });
  });

  it('does not call a profile the checker could not decide conforming', () => {
    const undecided: CheckResult = { profile: 'microsoft-2026', verdict: 'unknown', line: 9, reason: 'too many open possibilities' };
    expect(checkHeadline({ trace: 't.jsonl', results: [conforming('threewill-2014'), undecided] })).toEqual({
      text: 'The trace conforms to 1 of 2 profiles checked; 1 could not be decided.',
      tone: 'unknown',
    });
  });
});

describe('recheckCommands', () => {
  it('re-checks every profile when every profile was checked, else just the one checked', () => {
    expect(recheckCommands({ trace: 't.jsonl', results: every })).toEqual(['photosync check t.jsonl --profile all']);
    expect(recheckCommands({ trace: 't.jsonl', results: [conforming('microsoft-2024')] })).toEqual([
      'photosync check t.jsonl --profile microsoft-2024',
    ]);
    expect(recheckCommands({ trace: 't.jsonl', results: [conforming('threewill-2014'), conforming('microsoft-2024')] })).toEqual([
      'photosync check t.jsonl --profile threewill-2014',
      'photosync check t.jsonl --profile microsoft-2024',
    ]);
  });

  it('quotes a trace path a shell would split', () => {
    expect(recheckCommands({ trace: 'my traces/t.jsonl', results: [conforming('microsoft-2024')] })).toEqual([
      "photosync check 'my traces/t.jsonl' --profile microsoft-2024",
    ]);
  });
});

describe('checkDoc', () => {
  const torn: CheckReport = { trace: 't.jsonl', results: every, torn: TORN };

  it('puts the warning of a torn trace up front, right after its verdict, in Markdown and in HTML', () => {
    const md = markdownRenderer(checkDoc(torn), meta);
    expect(md).not.toContain('✅ The trace conforms');
    const headline = md.indexOf('❔ The trace up to line 4 (line 5 is torn) conforms to every profile checked.');
    const warning = md.indexOf(`❔ warning: ${TORN.message}`);
    expect(headline).toBeGreaterThan(0);
    expect(warning).toBeGreaterThan(headline);
    expect(warning).toBeLessThan(md.indexOf('| profile |'));
    expect(md.split('torn last line')).toHaveLength(2);

    const html = htmlRenderer(checkDoc(torn), meta);
    expect(html).toMatch(/<p class="tone tone-unknown">.*The trace up to line 4 \(line 5 is torn\) conforms to every profile checked\./);
    expect(html).not.toContain('<p class="tone tone-good">');
    expect(html.indexOf('torn last line')).toBeLessThan(html.indexOf('<table'));
  });

  it('gives the command that re-checks the profile checked, not every profile', () => {
    const md = markdownRenderer(checkDoc({ trace: 't.jsonl', results: [conforming('exchange-2015')] }), meta);
    expect(md).toContain('```\nphotosync check t.jsonl --profile exchange-2015\n```');
    expect(md).not.toContain('--profile all');
  });
});

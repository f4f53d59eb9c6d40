import { describe, expect, it } from 'vitest';
import { fitLine } from './fitLine.js';
import { unwrapped } from './fitLine.testkit.js';

const RULE =
  "SP-MYSITE-ONCE (TW14, Microsoft's internal claim): Once the My Site exists, a change made outside SharePoint is pushed without a visit, spSync after the change or at the throttle end, whichever is later.";
const lengths = (text: string) => text.split('\n').map((l) => [...l].length);

describe('fitLine', () => {
  it('leaves a line that fits as it is', () => {
    expect(fitLine('none  <- DIVERGES')).toBe('none  <- DIVERGES');
    expect(fitLine('x'.repeat(100))).toBe('x'.repeat(100));
  });

  it('breaks a longer line at spaces, each line at most 100 characters, the continuations indented by two', () => {
    const text = fitLine(RULE);
    expect(text.split('\n')).toEqual([
      "SP-MYSITE-ONCE (TW14, Microsoft's internal claim): Once the My Site exists, a change made outside",
      '  SharePoint is pushed without a visit, spSync after the change or at the throttle end, whichever is',
      '  later.',
    ]);
    expect(unwrapped(text)).toBe(RULE);
    for (const width of [20, 40, 60]) {
      const lines = fitLine(RULE, [], width);
      expect(Math.max(...lengths(lines))).toBeLessThanOrEqual(width);
      expect(unwrapped(lines)).toBe(RULE);
    }
  });

  it('keeps a word longer than the width whole, on a line of its own', () => {
    const path = `traces/${'x'.repeat(40)}.jsonl`;
    expect(fitLine(`trace: ${path} of the run`, [], 30).split('\n')).toEqual(['trace:', `  ${path}`, '  of the run']);
  });

  it('never breaks a piece to keep, a command to copy: it goes to the next line whole, however long', () => {
    const command = `photosync check ${'t'.repeat(60)}.jsonl --profile microsoft-2014`;
    const text = fitLine(`trace: t.jsonl (re-check offline: ${command})`, [`${command})`]);
    expect(text.split('\n')).toEqual(['trace: t.jsonl (re-check offline:', `  ${command})`]);
    expect(fitLine(`seed 3; repeat: ${command} --runs 200 --max-actions 30`, [`repeat: ${command}`], 40).split('\n')).toEqual([
      'seed 3;',
      `  repeat: ${command}`,
      '  --runs 200 --max-actions 30',
    ]);
  });

  it('keeps the indent of an indented line, its continuations indented by two more', () => {
    const text = fitLine(`      NEW  ${'word '.repeat(10)}end`, [], 30);
    expect(text.split('\n')).toEqual(['      NEW  word word word word', '        word word word word', '        word word end']);
  });
});

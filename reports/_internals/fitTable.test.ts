import { table } from 'table';
import { describe, expect, it } from 'vitest';
import { columnWidths, fitTable } from './fitTable.js';

const STATEMENT = 'Once the My Site exists, a change made outside SharePoint is pushed without a visit, spSync after the change.';
const lengths = (text: string) => text.split('\n').map((l) => [...l].length);

describe('columnWidths', () => {
  it('gives each column its widest line when the table fits, a cell of several lines by its longest', () => {
    const rows = [
      ['id', 'profiles'],
      ['EXO-FAST', 'threewill-2014\nexchange-2015'],
    ];
    expect(columnWidths(rows)).toEqual([8, 14]);
  });

  it('narrows the widest column alone until the table fits, the short ones keeping their width', () => {
    const rows = [
      ['id', 'statement', 'source'],
      ['SP-MYSITE-ONCE', STATEMENT, 'TW14'],
    ];
    // a border before each column and after the last, a space either side of each cell: 10 characters
    expect(columnWidths(rows, 60)).toEqual([14, 60 - 10 - 14 - 6, 6]);
  });

  it('narrows the widest columns to one width, what is left going to the column nearest its own', () => {
    const rows = [['a'.repeat(10), `${'b '.repeat(30)}b`, `${'c '.repeat(10)}c`]];
    // 10 + 2 × 34 = 78 characters of room: b and c share 68, c wants 21
    expect(columnWidths(rows, 88)).toEqual([10, 47, 21]);
    expect(columnWidths(rows, 60)).toEqual([10, 20, 20]);
  });

  it('keeps the width of a short column, a time or a count, though a space would let it wrap', () => {
    const rows = [['browser-clear-keeps-pushed-photo', 'threewill-2014', '123.46 s', `${'word '.repeat(20)}end`]];
    expect(columnWidths(rows, 80)).toEqual([32, 14, 8, 80 - 13 - 32 - 14 - 8]);
    // too narrow for every column's longest word: the longest, the id, is narrowed, never the short columns
    expect(columnWidths(rows, 60)).toEqual([21, 14, 8, 4]);
  });

  it('keeps the longest word of each column whole while the longest words fit, else narrows the longest first', () => {
    const id = 'browser-clear-keeps-pushed-photo';
    const rows = [[id, `${'word '.repeat(20)}end`]];
    // the id keeps its 32 characters, the text is narrowed to what is left
    expect(columnWidths(rows, 50)).toEqual([32, 50 - 7 - 32]);
    // even its longest word cannot fit beside the id: both narrowed to one width
    expect(columnWidths([[id, 'a'.repeat(30)]], 50)).toEqual([21, 22]);
  });
});

describe('fitTable', () => {
  it('draws a table that fits as `table` does', () => {
    const rows = [
      ['profile', 'verdict'],
      ['threewill-2014', 'conforms'],
    ];
    expect(fitTable(rows)).toBe(table(rows));
  });

  it('draws a wide table within the width, its long text wrapped at word boundaries', () => {
    const rows = [
      ['id', 'statement'],
      ['SP-MYSITE-ONCE', STATEMENT],
    ];
    const text = fitTable(rows, {}, 60);
    expect(Math.max(...lengths(text))).toBe(60);
    const cells = text
      .split('\n')
      .filter((l) => l.startsWith('║'))
      .slice(1)
      .map((l) => l.split('│')[1]!.replace(/║/, '').trim());
    expect(cells.join(' ')).toBe(STATEMENT);
    expect(text).toMatch(/║ SP-MYSITE-ONCE │ Once the My Site/);
  });

  it('passes on which lines to draw', () => {
    const rows = [['a'], ['b'], ['c']];
    expect(fitTable(rows, { drawHorizontalLine: (i, size) => i === 0 || i === size }).split('\n')).toHaveLength(6);
  });
});

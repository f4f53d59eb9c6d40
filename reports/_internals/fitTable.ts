import { table, type TableUserConfig } from 'table';

/** How wide a line of the text reports may be: a terminal of 100 columns shows it unwrapped. */
export const COLUMNS = 100;

/** `rows` as a table at most `width` characters wide: see `columnWidths`. */
export function fitTable(
  rows: readonly (readonly string[])[],
  config: Pick<TableUserConfig, 'drawHorizontalLine'> = {},
  width = COLUMNS,
): string {
  const columns = columnWidths(rows, width).map((w) => ({ width: w, wrapWord: true }));
  return table(
    rows.map((r) => [...r]),
    { ...config, columns },
  );
}

/** A column this narrow (an id, a verdict, a time, a count) is never wrapped while the others can be. */
const SHORT = 16;

/**
 * The width of each column of a table at most `width` characters wide: each as wide as its widest
 * line, then the widest narrowed, their words wrapped, until the table fits. So a narrow table stays
 * as it is, and the long texts wrap while the short columns keep their width. A long column is
 * narrowed below its longest word (an id, a path) only when the longest words of all cannot fit side
 * by side, and then the longest first.
 */
export function columnWidths(rows: readonly (readonly string[])[], width = COLUMNS): number[] {
  const count = Math.max(0, ...rows.map((r) => r.length));
  // a border before each column and after the last, a space either side of each cell
  const room = width - 3 * count - 1;
  const widest = (measure: (cell: string) => number) =>
    Array.from({ length: count }, (_, i) => Math.max(1, ...rows.map((r) => measure(r[i] ?? ''))));
  const natural = widest((cell) => longest(cell.split('\n')));
  const words = widest((cell) => longest(cell.split(/\s+/)));
  const unbroken = natural.map((n, i) => (n <= SHORT ? n : words[i]!));
  const floors = narrowWidest(unbroken, new Array<number>(count).fill(1), room);
  return narrowWidest(natural, floors, room);
}

/**
 * `wants` with the widest brought down to one cap, never below their `floors`, so that they add up
 * to at most `room`; what the cap leaves of `room` widens the narrowed columns nearest their want.
 */
function narrowWidest(wants: readonly number[], floors: readonly number[], room: number): number[] {
  for (let cap = Math.max(...wants); cap > 0; cap--) {
    const widths = wants.map((w, i) => Math.min(w, Math.max(cap, floors[i]!)));
    let left = room - sum(widths);
    if (left < 0) continue;
    const narrowed = widths.map((_, i) => i).filter((i) => widths[i]! < wants[i]!);
    narrowed.sort((a, b) => wants[a]! - widths[a]! - (wants[b]! - widths[b]!));
    for (const i of narrowed) {
      const more = Math.min(left, wants[i]! - widths[i]!);
      widths[i]! += more;
      left -= more;
    }
    return widths;
  }
  return [...floors];
}

function longest(texts: readonly string[]): number {
  return Math.max(0, ...texts.map((t) => [...t].length));
}

function sum(xs: readonly number[]): number {
  return xs.reduce((a, b) => a + b, 0);
}

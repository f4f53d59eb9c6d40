/** What both benchmarks print and parse with: a median, a positive flag, a line, a share. */

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** A flag that must be a positive integer; a bad one stops the benchmark before it measures anything. */
export function positive(name: string, text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} takes a positive integer, not ${JSON.stringify(text)}`);
  return n;
}

export const say = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

export const pct = (n: number, of: number): string => `${((100 * n) / of).toFixed(1)}%`;

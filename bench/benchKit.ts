import os from 'node:os';
import { describeMachine, type Machine } from './machine.js';
import { revision } from './revision.js';

/** What the benchmarks print and parse with: a median, a positive flag, a line, a share, the setting. */

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

/** Where and on what a benchmark ran: read once, at the start, since others may commit during a run. */
export type Setting = { readonly machine: Machine; readonly revision: string; readonly loadAverageAtStart: number[] };

/** Prints a benchmark's title, the machine, the code measured and the load at the start; returns them for its figures. */
export function announce(title: string, root: string): Setting {
  const machine = describeMachine();
  const setting = { machine, revision: revision(root), loadAverageAtStart: os.loadavg() };
  say(`photosync benchmark: ${title}`);
  say(`machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, ${machine.os}, Node ${machine.node}`);
  say(`code: ${setting.revision}; load average at start ${setting.loadAverageAtStart.map((l) => l.toFixed(2)).join(' ')}`);
  return setting;
}

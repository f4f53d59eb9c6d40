import type { SharePointSide } from './SharePointSide.js';

// Lists of states told apart by key, as the checker merges them (`ProfileChecker.settle`): a
// state's number (`quick`) tells most apart before any key is built.

/** `xs` without repeats by `key`; a repeat's diagnostics go to the one kept (`absorb`). */
export function distinct<T>(
  xs: readonly T[],
  key: (x: T) => string,
  absorb?: (kept: T, dropped: T) => void,
  quick?: (x: T) => number,
): T[] {
  // a state whose number no other has is distinct: its key is never built
  let numbers: number[] | undefined;
  let shared: Set<number> | undefined;
  if (quick !== undefined && xs.length > 1) {
    numbers = xs.map(quick);
    shared = sharedNumbers(numbers);
    if (shared.size === 0) return [...xs];
  }
  const seen = new Map<string, T>();
  const out: T[] = [];
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i]!;
    if (numbers !== undefined && !shared!.has(numbers[i]!)) {
      out.push(x);
      continue;
    }
    const k = key(x);
    const kept = seen.get(k);
    if (kept === undefined) {
      seen.set(k, x);
      out.push(x);
    } else absorb?.(kept, x);
  }
  return out;
}

/** Whether two lists of distinct states hold the same states, by key (`quick` tells most lists apart without one). */
export function sameKeys<T>(a: readonly T[], b: readonly T[], key: (x: T) => string, quick?: (x: T) => number): boolean {
  if (a.length !== b.length) return false;
  if (quick !== undefined) {
    // lists of distinct states: equal keys need equal numbers
    const qa = new Set(a.map(quick));
    if (!b.every((x) => qa.has(quick(x)))) return false;
  }
  const ka = new Set(a.map(key));
  return b.every((x) => ka.has(key(x)));
}

/** For each of `xs`, the state of `within` with its key (which `sameKeys` found there): each key built once. */
export function twins<T>(within: readonly T[], xs: readonly T[], key: (x: T) => string): T[] {
  const byKey = new Map(within.map((t) => [key(t), t]));
  return xs.map((x) => byKey.get(key(x))!);
}

/** The numbers that occur more than once in `numbers`. */
export function sharedNumbers(numbers: readonly number[]): Set<number> {
  const once = new Set<number>();
  const shared = new Set<number>();
  for (const n of numbers)
    if (once.has(n)) shared.add(n);
    else once.add(n);
  return shared;
}

/**
 * `sps` with the states equal by `key` (when SharePoint was last updated left out, and maybe more)
 * joined by `join` where their spans of the last update meet or touch: a push known only to a span
 * is split wherever the checker stops, and its parts, landing or landed alike, are one state
 * again. Without this a subject looked at often while such a push may come (a tenant taken as it
 * is, after a visit) would reach the cap. `join` may refuse (false): the two stay apart.
 */
export function joinUpdates(
  sps: SharePointSide[],
  key: (sp: SharePointSide) => string,
  join: (into: SharePointSide, other: SharePointSide) => boolean,
): SharePointSide[] {
  const groups = groupBy(sps, key);
  if (groups.size === sps.length) return sps;
  const out: SharePointSide[] = [];
  for (const group of groups.values()) {
    group.sort(byUpdate);
    let into = group[0]!;
    out.push(into);
    for (let i = 1; i < group.length; i++) {
      const sp = group[i]!;
      if (sp.spUpdated.lo > into.spUpdated.hi + 1 || !join(into, sp)) out.push((into = sp));
    }
  }
  return out;
}

/** `xs` by `key`, each group in the order of `xs` (Map.groupBy, which Node 20 lacks). */
export function groupBy<T>(xs: readonly T[], key: (x: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const x of xs) {
    const k = key(x);
    const group = groups.get(k);
    if (group === undefined) groups.set(k, [x]);
    else group.push(x);
  }
  return groups;
}

function byUpdate(a: SharePointSide, b: SharePointSide): number {
  return a.spUpdated.lo - b.spUpdated.lo || a.spUpdated.hi - b.spUpdated.hi;
}

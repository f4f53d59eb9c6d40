/**
 * Zeller's delta debugging (ddmin, "Simplifying and Isolating Failure-Inducing Input", 2002): a
 * subset of `items` that `interesting` accepts, found by trying chunks of `items` and their
 * complements, each time finer. `items` is taken to be interesting; the order of items is kept.
 * Invariant: every subset it returns was accepted by `interesting` (or is `items` itself).
 */
export function ddmin<T>(items: readonly T[], interesting: (subset: readonly T[]) => boolean): T[] {
  let c = [...items];
  let n = 2;
  while (c.length >= 2) {
    const chunks = split(c, n);
    const chunk = chunks.find((x) => interesting(x));
    if (chunk !== undefined) {
      c = chunk;
      n = 2;
      continue;
    }
    // with two chunks, each one's complement is the other, tried just above
    const complement = n === 2 ? undefined : chunks.map((_, i) => chunks.filter((_, j) => j !== i).flat()).find((x) => interesting(x));
    if (complement !== undefined) {
      c = complement;
      n = Math.max(n - 1, 2);
      continue;
    }
    if (n >= c.length) break;
    n = Math.min(2 * n, c.length);
  }
  return c;
}

/**
 * `items` made 1-minimal: no single item can be removed and leave a subset `interesting` accepts.
 * Passes until one removes nothing, since `interesting` need not be monotone. `items` is taken to be interesting.
 */
export function oneMinimal<T>(items: readonly T[], interesting: (subset: readonly T[]) => boolean): T[] {
  let c = [...items];
  for (let changed = true; changed;) {
    changed = false;
    for (let i = c.length - 1; i >= 0; i--) {
      const without = [...c.slice(0, i), ...c.slice(i + 1)];
      if (interesting(without)) {
        c = without;
        changed = true;
      }
    }
  }
  return c;
}

/** `xs` in `n` contiguous chunks of near-equal size (n at most xs.length). */
function split<T>(xs: readonly T[], n: number): T[][] {
  const out: T[][] = [];
  let from = 0;
  for (let i = 0; i < n; i++) {
    const to = from + Math.floor((xs.length - from) / (n - i));
    out.push(xs.slice(from, to));
    from = to;
  }
  return out;
}

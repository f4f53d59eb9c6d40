/**
 * A small seeded PRNG (sfc32, seeded through splitmix32): the simulator's only source of chance.
 * Invariant: the same seed and the same sequence of calls give the same numbers, on every platform.
 */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    let s = seed >>> 0;
    const next = () => {
      s = (s + 0x9e3779b9) >>> 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
    // the first outputs of sfc32 still show the seed: discard them
    for (let i = 0; i < 12; i++) this.uint32();
  }

  /** An integer of [0, 2^32). */
  uint32(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) >>> 0;
    return t;
  }

  /** A number of [0, 1). */
  next(): number {
    return this.uint32() / 0x1_0000_0000;
  }

  /** An integer of [0, n); 0 when n <= 1. */
  int(n: number): number {
    if (n <= 1) return 0;
    return Math.floor(this.next() * n);
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(xs: readonly T[]): T {
    if (xs.length === 0) throw new RangeError('pick from an empty list');
    return xs[this.int(xs.length)]!;
  }

  /**
   * A delay of [0, window) in whole milliseconds: often in the first second, often in the last one
   * before the boundary, otherwise anywhere, so that both ends of every window get exercised.
   * Never `window` itself: a window is open at its end.
   */
  delayWithin(window: number): number {
    const w = Math.floor(window);
    if (w <= 1) return 0;
    const edge = Math.min(w, 1000);
    const r = this.next();
    if (r < 0.15) return this.int(edge);
    if (r < 0.3) return w - 1 - this.int(edge);
    return this.int(w);
  }
}

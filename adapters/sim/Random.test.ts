import { describe, expect, it } from 'vitest';
import { Random } from './Random.js';

const draw = (r: Random, n: number) => Array.from({ length: n }, () => r.uint32());

describe('Random', () => {
  it('gives the same numbers for the same seed, and others for another seed', () => {
    expect(draw(new Random(7), 20)).toEqual(draw(new Random(7), 20));
    expect(draw(new Random(7), 20)).not.toEqual(draw(new Random(8), 20));
  });

  it('keeps next() in [0, 1) and int(n) in [0, n)', () => {
    const r = new Random(1);
    for (let i = 0; i < 10_000; i++) {
      const x = r.next();
      expect(x >= 0 && x < 1).toBe(true);
      const k = r.int(6);
      expect(Number.isInteger(k) && k >= 0 && k < 6).toBe(true);
    }
    expect(r.int(0)).toBe(0);
  });

  it('spreads int(n) over every value', () => {
    const r = new Random(2);
    const counts = new Array<number>(6).fill(0);
    for (let i = 0; i < 6000; i++) counts[r.int(6)]!++;
    for (const c of counts) expect(c).toBeGreaterThan(800);
  });

  it('never delays to the end of a window, and often lands in its first and its last second', () => {
    const r = new Random(3);
    const window = 60_000;
    let early = 0;
    let late = 0;
    for (let i = 0; i < 5000; i++) {
      const d = r.delayWithin(window);
      expect(Number.isInteger(d) && d >= 0 && d < window).toBe(true);
      if (d < 1000) early++;
      if (d >= window - 1000) late++;
    }
    expect(early).toBeGreaterThan(500);
    expect(late).toBeGreaterThan(500);
    expect(r.delayWithin(1)).toBe(0);
    expect(r.delayWithin(0)).toBe(0);
  });

  it('refuses to pick from nothing', () => {
    expect(() => new Random(4).pick([])).toThrow(RangeError);
    expect(new Random(4).pick(['only'])).toBe('only');
  });
});

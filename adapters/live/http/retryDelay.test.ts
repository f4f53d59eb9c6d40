import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BACKOFF_BASE_MS, backoffDelay, parseRetryAfter } from './retryDelay.js';

// dates HTTP can carry, whole seconds
const httpDate = fc.integer({ min: Date.UTC(1970, 0, 1), max: Date.UTC(9999, 11, 31) }).map((ms) => new Date(ms - (ms % 1000)));

describe('backoffDelay', () => {
  it('is always within [0, min(cap, base·2^attempt)], whatever random returns', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -5, max: 2000 }),
        fc.double(),
        fc.double({ min: 0, max: 1e7, noNaN: true }),
        fc.double({ min: 0, max: 1e9, noNaN: true }),
        (attempt, r, base, cap) => {
          const d = backoffDelay(attempt, () => r, base, cap);
          expect(d).toBeGreaterThanOrEqual(0);
          expect(d).toBeLessThanOrEqual(cap);
          // base·2^attempt overflows to Infinity, and 0·Infinity is NaN: a zero base is checked apart
          if (base === 0) expect(d).toBe(0);
          else expect(d).toBeLessThanOrEqual(base * 2 ** Math.max(0, attempt));
        },
      ),
    );
  });

  it('spreads over the whole window: full jitter', () => {
    expect(backoffDelay(0, () => 0, BACKOFF_BASE_MS, 60_000)).toBe(0);
    expect(backoffDelay(0, () => 0.999, 500, 60_000)).toBe(499);
    expect(backoffDelay(3, () => 0.5, 500, 60_000)).toBe(2000);
    expect(backoffDelay(10, () => 0.5, 500, 1000)).toBe(500);
  });
});

describe('parseRetryAfter', () => {
  it('reads delta-seconds exactly', () => {
    fc.assert(fc.property(fc.nat(), fc.integer(), (s, now) => parseRetryAfter(String(s), now) === s * 1000));
    expect(parseRetryAfter(' 120 ', 0)).toBe(120_000);
  });

  it('reads an HTTP-date as the wait from now, and a date in the past as 0', () => {
    fc.assert(
      fc.property(httpDate, fc.nat({ max: 1e9 }), (at, back) => {
        expect(parseRetryAfter(at.toUTCString(), at.getTime() + back)).toBe(0);
        expect(parseRetryAfter(at.toUTCString(), at.getTime() - back)).toBe(back);
      }),
    );
  });

  it('reads the obsolete RFC 850 and asctime forms', () => {
    const at = Date.UTC(1994, 10, 6, 8, 49, 37);
    expect(parseRetryAfter('Sunday, 06-Nov-94 08:49:37 GMT', at - 1000)).toBe(1000);
    expect(parseRetryAfter('Sun Nov  6 08:49:37 1994', at - 1000)).toBe(1000);
  });

  it('gives undefined for anything else', () => {
    fc.assert(
      fc.property(
        fc.string().filter((s) => !/\d/.test(s)),
        (s) => parseRetryAfter(s, 0) === undefined,
      ),
    );
    for (const garbage of [
      undefined,
      '',
      '-1',
      '1.5',
      '1e3',
      '0x10',
      'soon',
      'Sun, 06 Nov 1994 08:49:37 PST',
      'Wed, 31 Feb 2024 00:00:00 GMT',
      'Sun, 06 Nov 1994 24:00:00 GMT',
      '2024-01-01T00:00:00Z',
    ]) {
      expect(parseRetryAfter(garbage, 0), String(garbage)).toBeUndefined();
    }
  });
});

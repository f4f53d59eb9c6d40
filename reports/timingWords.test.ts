import { describe, expect, it } from 'vitest';
import { DAY, HOUR, MINUTE, SECOND } from '../model/Params.js';
import { delayWords, timingWords } from './timingWords.js';

const delay = (after: number, by: number | null, looks = 3) => ({
  user: 'alice',
  line: 4,
  change: 'setPhoto p6 via graph',
  photo: 'p6',
  surface: 'graph' as const,
  after,
  by,
  looks,
});
const timing = (lo: number, hi: number, openAbove = false) => ({
  profile: 'p',
  param: 'exoLag' as const,
  value: HOUR,
  consistent: { lo, hi },
  contiguous: true,
  openAbove,
});

describe('delayWords', () => {
  it('rounds each bound outward, so that what it says stays true', () => {
    expect(delayWords(delay(9 * HOUR + 29, DAY + 33))).toBe('between 9 h and 1 d 1 min');
    expect(delayWords(delay(0, 10 * SECOND + 1))).toBe('within 11 s');
    expect(delayWords(delay(3 * DAY + HOUR + 47, null, 11))).toBe('not within 3 d 1 h (11 looks)');
  });
});

describe('timingWords', () => {
  it('rounds the edges of a wide range inward (each edge is a value that fits), and a narrow one to the nearest', () => {
    expect(timingWords(timing(9 * HOUR + 331, 90 * DAY, true))).toBe('9 h 1 min to 90 d and more');
    expect(timingWords(timing(30 * MINUTE + 1_200, 30 * MINUTE + 50 * SECOND))).toBe('30 min to 31 min');
    expect(timingWords(timing(MINUTE, MINUTE))).toBe('60 s');
  });
});

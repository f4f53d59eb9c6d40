import { describe, expect, it } from 'vitest';
import { DAY, HOUR, MINUTE, SECOND } from '../model/Params.js';
import { formatOffset, formatSpan } from './formatTime.js';

describe('formatOffset', () => {
  it('writes hours, minutes, seconds and milliseconds, and days once there are some', () => {
    expect(formatOffset(0)).toBe('+0:00:00.000');
    expect(formatOffset(2 * MINUTE + 1)).toBe('+0:02:00.001');
    expect(formatOffset(3 * DAY + HOUR + 2)).toBe('+3d 01:00:00.002');
  });
});

describe('formatSpan', () => {
  it('uses hours under three days and days from there, and drops the parts that are zero', () => {
    expect(formatSpan(25 * HOUR)).toBe('25 h');
    expect(formatSpan(72 * HOUR + MINUTE)).toBe('3 d 1 min');
    expect(formatSpan(90 * SECOND)).toBe('1 min 30 s');
    expect(formatSpan(HOUR + 1)).toBe('1 h 0.001 s');
    expect(formatSpan(61 * DAY)).toBe('61 d');
    expect(formatSpan(0)).toBe('0 s');
  });
});

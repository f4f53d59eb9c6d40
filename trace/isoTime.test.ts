import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IsoTime, parseIsoTime } from './isoTime.js';

describe('parseIsoTime', () => {
  it('reads a time as Date.parse does, in UTC with or without milliseconds, and with offsets', () => {
    for (const t of ['2014-04-01T09:00:00Z', '2014-04-01T09:00:00.5Z', '2014-04-01T09:00:00.123Z', '2014-04-01T11:00:00+02:00']) {
      expect(parseIsoTime(t)).toBe(Date.parse(t));
    }
  });

  it('property: agrees with Date.parse on every ISO string of a date', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1970-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }), (d) => {
        const iso = d.toISOString();
        expect(parseIsoTime(iso)).toBe(d.getTime());
        expect(parseIsoTime(iso.replace(/\.\d+Z$/, 'Z'))).toBe(Date.parse(iso.replace(/\.\d+Z$/, 'Z')));
      }),
    );
  });

  it('refuses what is not an ISO date-time with a zone', () => {
    expect(IsoTime.safeParse('2014-04-01 09:00').success).toBe(false);
    expect(IsoTime.safeParse('2014-04-01T09:00:00').success).toBe(false);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IsoTime, parseUtcTime } from './isoTime.js';

describe('IsoTime', () => {
  it('reads a time as Date.parse does, in UTC with or without milliseconds, and with offsets', () => {
    for (const t of [
      '2014-04-01T09:00:00Z',
      '2014-04-01T09:00:00.5Z',
      '2014-04-01T09:00:00.123Z',
      '2014-04-01T11:00:00+02:00',
      '2016-02-29T00:00:00Z',
    ]) {
      expect(IsoTime.parse(t)).toBe(Date.parse(t));
    }
  });

  it('property: agrees with Date.parse on every ISO string of a date, with and without milliseconds', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1970-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }), (d) => {
        const iso = d.toISOString();
        const seconds = iso.replace(/\.\d+Z$/, 'Z');
        expect(parseUtcTime(iso)).toBe(d.getTime());
        expect(parseUtcTime(seconds)).toBe(Date.parse(seconds));
      }),
    );
  });

  it('property: agrees with Date.parse over the years 0000 to 9999, leap days and the first century included', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('0000-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59.999Z'), noInvalidDate: true }),
        (d) => {
          const iso = d.toISOString();
          expect(parseUtcTime(iso)).toBe(d.getTime());
          expect(parseUtcTime(iso.replace(/\.\d+Z$/, 'Z'))).toBe(Date.parse(iso.replace(/\.\d+Z$/, 'Z')));
        },
      ),
      { numRuns: 2000 },
    );
    for (const t of [
      '0000-01-01T00:00:00Z',
      '0014-04-01T09:00:00Z',
      '0099-12-31T23:59:59.999Z',
      '2000-02-29T12:00:00Z',
      '1969-12-31T23:59:59.999Z',
    ]) {
      expect(parseUtcTime(t)).toBe(Date.parse(t));
    }
  });

  it.each([
    '2014-04-01 09:00',
    '2014-04-01T09:00:00',
    '2014-13-01T09:00:00Z',
    '2014-02-29T09:00:00Z',
    '2014-04-31T09:00:00Z',
    '2014-04-01T24:00:00Z',
    'yesterday',
  ])('refuses %s', (t) => {
    expect(IsoTime.safeParse(t).success).toBe(false);
  });
});

describe('parseUtcTime over a part of a text', () => {
  it('property: reads a time inside a line as it reads the time alone, and nothing around it', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1970-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }),
        fc.string(),
        fc.string(),
        fc.boolean(),
        (d, before, after, ms) => {
          const time = ms ? d.toISOString() : d.toISOString().replace(/\.\d+Z$/, 'Z');
          const line = `${before}${time}${after}`;
          expect(parseUtcTime(line, before.length, before.length + time.length)).toBe(parseUtcTime(time));
          // one character short at either end is no time
          expect(parseUtcTime(line, before.length + 1, before.length + time.length)).toBeNaN();
          expect(parseUtcTime(line, before.length, before.length + time.length - 1)).toBeNaN();
        },
      ),
    );
  });
});

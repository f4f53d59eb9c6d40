import { z } from 'zod';

const ZONED = z.iso.datetime({ offset: true });

/**
 * An ISO 8601 date-time with a zone (`Z` or an offset), read as milliseconds since the epoch.
 * The common `2014-04-01T09:00:00Z` form takes a fast path: reading times is a large share of
 * checking a trace; every other form goes through zod's own check and `Date.parse`.
 */
export const IsoTime = z.string().transform((text, ctx) => {
  const fast = parseUtcTime(text);
  if (!Number.isNaN(fast)) return fast;
  if (ZONED.safeParse(text).success) return Date.parse(text);
  ctx.issues.push({ code: 'custom', input: text, message: 'expected an ISO 8601 date-time with a zone, like 2014-04-01T09:00:00Z' });
  return z.NEVER;
});

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** `YYYY-MM-DDTHH:MM:SS[.sss]Z` (all of `text`, or its part from `from` to `to`) as milliseconds since the epoch, or NaN for any other text. */
export function parseUtcTime(text: string, from = 0, to = text.length): number {
  const n = to - from;
  if ((n !== 20 && n !== 24) || text.charCodeAt(to - 1) !== 90 /* Z */) return NaN;
  const o = from;
  if (
    text.charCodeAt(o + 4) !== 45 /* - */ ||
    text.charCodeAt(o + 7) !== 45 ||
    text.charCodeAt(o + 10) !== 84 /* T */ ||
    text.charCodeAt(o + 13) !== 58 /* : */ ||
    text.charCodeAt(o + 16) !== 58
  ) {
    return NaN;
  }
  if (n === 24 && text.charCodeAt(o + 19) !== 46 /* . */) return NaN;
  const year = digits(text, o, 4);
  const month = digits(text, o + 5, 2);
  const day = digits(text, o + 8, 2);
  const hour = digits(text, o + 11, 2);
  const minute = digits(text, o + 14, 2);
  const second = digits(text, o + 17, 2);
  const ms = n === 24 ? digits(text, o + 20, 3) : 0;
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return NaN;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (day > DAYS_IN_MONTH[month - 1]! + (month === 2 && leap ? 1 : 0)) return NaN;
  return daysFromCivil(year, month, day) * 86_400_000 + hour * 3_600_000 + minute * 60_000 + second * 1000 + ms;
}

// days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil): what
// Date.UTC does, without its cost, and without its reading of years 0 to 99 as 1900 to 1999
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

// NaN unless every character is a digit
function digits(text: string, from: number, count: number): number {
  let v = 0;
  for (let i = from; i < from + count; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return NaN;
    v = v * 10 + d;
  }
  return v;
}

import { z } from 'zod';

/** An ISO 8601 date-time with a zone (`Z` or an offset), read as milliseconds since the epoch. */
export const IsoTime = z.iso.datetime({ offset: true }).transform(parseIsoTime);

const UTC_SECONDS = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?Z$/;

/** Milliseconds since the epoch of a valid ISO date-time; the common `...T09:00:00Z` form skips Date.parse, the slowest step of reading a trace. */
export function parseIsoTime(text: string): number {
  const m = UTC_SECONDS.exec(text);
  if (m === null) return Date.parse(text);
  const ms = m[7] === undefined ? 0 : Number(m[7].padEnd(3, '0'));
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]), ms);
}

/** First backoff window in ms; it doubles with each retry up to the client's `maxBackoffMs`. */
export const BACKOFF_BASE_MS = 500;

/**
 * Longest Retry-After honoured, in ms (5 minutes): past it the client gives up as unknown rather than
 * hold a run still; Graph and SharePoint throttling asks for seconds to a couple of minutes.
 */
export const RETRY_AFTER_CEILING_MS = 300_000;

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
const LONG_DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;
const day = DAYS.join('|');
const longDay = LONG_DAYS.join('|');
const month = MONTHS.join('|');
// the three HTTP-date forms a recipient must accept (RFC 9110 §5.6.7); Date.parse takes far more than these
const IMF_FIXDATE = new RegExp(`^(?:${day}), (\\d{2}) (${month}) (\\d{4}) (\\d{2}):(\\d{2}):(\\d{2}) GMT$`);
const RFC_850 = new RegExp(`^(?:${longDay}), (\\d{2})-(${month})-(\\d{2}) (\\d{2}):(\\d{2}):(\\d{2}) GMT$`);
const ASCTIME = new RegExp(`^(?:${day}) (${month}) ([ \\d]\\d) (\\d{2}):(\\d{2}):(\\d{2}) (\\d{4})$`);

/** The wait a Retry-After value asks for, in ms from `now` (0 for a date already past); undefined when it is neither delta-seconds nor an HTTP-date. */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = parseHttpDate(text);
  return at === undefined ? undefined : Math.max(0, at - now);
}

/** A full-jitter exponential backoff: uniform in [0, min(capMs, baseMs·2^attempt)], so never negative and never above capMs. */
export function backoffDelay(attempt: number, random: () => number, baseMs: number, capMs: number): number {
  const cap = Number.isFinite(capMs) && capMs > 0 ? capMs : 0;
  const base = Number.isFinite(baseMs) && baseMs > 0 ? baseMs : 0;
  // past 2^60 the window is the cap anyway; the bound keeps the power finite
  const exponent = Number.isInteger(attempt) && attempt > 0 ? Math.min(attempt, 60) : 0;
  const window = Math.min(cap, base * 2 ** exponent);
  const r = random();
  const u = Number.isFinite(r) ? Math.min(Math.max(r, 0), 1) : 0;
  return Math.min(window, Math.floor(u * window));
}

function parseHttpDate(text: string): number | undefined {
  let m = IMF_FIXDATE.exec(text);
  if (m) return utc(Number(m[3]), m[2], Number(m[1]), m[4], m[5], m[6]);
  m = RFC_850.exec(text);
  if (m) {
    // a two-digit year: RFC 9110 reads one more than 50 years ahead as the past century
    const yy = Number(m[3]);
    return utc(yy >= 70 ? 1900 + yy : 2000 + yy, m[2], Number(m[1]), m[4], m[5], m[6]);
  }
  m = ASCTIME.exec(text);
  if (m) return utc(Number(m[6]), m[1], Number(m[2]), m[3], m[4], m[5]);
  return undefined;
}

function utc(
  year: number,
  monthName: string | undefined,
  date: number,
  hh: string | undefined,
  mm: string | undefined,
  ss: string | undefined,
): number | undefined {
  const monthIndex = MONTHS.findIndex((name) => name === monthName);
  const [h, min, s] = [Number(hh), Number(mm), Number(ss)];
  if (monthIndex < 0 || h > 23 || min > 59 || s > 60) return undefined;
  // a leap second is read as the last second of its minute
  const ms = Date.UTC(year, monthIndex, date, h, min, Math.min(s, 59));
  const d = new Date(ms);
  // Date.UTC rolls 31 Feb over into March; such a date is not a date
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== monthIndex || d.getUTCDate() !== date) return undefined;
  return ms;
}

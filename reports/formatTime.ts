import { DAY, HOUR, MINUTE, SECOND } from '../model/Params.js';

/** A time since the trace's start: `+0:02:00.000`, `+3d 01:00:00.001`. */
export function formatOffset(ms: number): string {
  const d = Math.floor(ms / DAY);
  const h = Math.floor((ms % DAY) / HOUR);
  const m = Math.floor((ms % HOUR) / MINUTE);
  const s = Math.floor((ms % MINUTE) / SECOND);
  const milli = ms % SECOND;
  const clock = `${d > 0 ? String(h).padStart(2, '0') : h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}.${String(milli).padStart(3, '0')}`;
  return d > 0 ? `+${d}d ${clock}` : `+${clock}`;
}

/** A duration in words people use: `25 h`, `1 d 1 h 0.001 s`, `90 s`. */
export function formatSpan(ms: number): string {
  if (ms === 0) return '0 s';
  const parts: string[] = [];
  const d = Math.floor(ms / DAY);
  const h = Math.floor((ms % DAY) / HOUR);
  const m = Math.floor((ms % HOUR) / MINUTE);
  const s = (ms % MINUTE) / SECOND;
  // under three days, hours read better than days: the SPEC's windows are 24 and 72 hours
  if (ms < 3 * DAY) {
    if (d * 24 + h > 0) parts.push(`${d * 24 + h} h`);
  } else {
    parts.push(`${d} d`);
    if (h > 0) parts.push(`${h} h`);
  }
  if (m > 0) parts.push(`${m} min`);
  if (s > 0) parts.push(`${s} s`);
  return parts.join(' ');
}

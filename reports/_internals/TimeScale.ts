import { DAY, HOUR, MINUTE, SECOND } from '../../model/Params.js';
import { formatSpan } from '../formatTime.js';

/** The time since the start as a tick reads, in the unit of the ticks' step: `+0`, `+30 s`, `+6 h`, `+3 d`. */
export function tickLabel(ms: number, step: number): string {
  if (ms === 0) return '+0';
  const sign = ms < 0 ? '−' : '+';
  const abs = Math.abs(ms);
  if (step >= DAY) return `${sign}${abs / DAY} d`;
  if (step >= HOUR) return `${sign}${abs / HOUR} h`;
  return `${sign}${formatSpan(abs)}`;
}

export const TICK_STEPS = [
  SECOND,
  2 * SECOND,
  5 * SECOND,
  10 * SECOND,
  15 * SECOND,
  30 * SECOND,
  MINUTE,
  2 * MINUTE,
  5 * MINUTE,
  10 * MINUTE,
  15 * MINUTE,
  30 * MINUTE,
  HOUR,
  2 * HOUR,
  3 * HOUR,
  6 * HOUR,
  12 * HOUR,
  DAY,
  2 * DAY,
  7 * DAY,
  14 * DAY,
  30 * DAY,
  90 * DAY,
  365 * DAY,
];

/**
 * A time scale to the stories' needs: linear, except that each step stands at least `gap` after
 * the one before, the time after a step being stretched to make room (steps a millisecond apart
 * would otherwise overlap). Invariant: `x` is nondecreasing in time.
 */
export class TimeScale {
  private readonly shifts: number[];
  readonly stepX: number[];

  constructor(
    private readonly times: readonly number[],
    private readonly t0: number,
    private readonly k: number,
    gap: number,
  ) {
    this.stepX = [];
    this.shifts = [];
    let shift = 0;
    let previous = -Infinity;
    for (const t of times) {
      const x = Math.max(k * (t - t0) + shift, previous + gap);
      shift = x - k * (t - t0);
      this.stepX.push(x);
      this.shifts.push(shift);
      previous = x;
    }
  }

  /** how much the steps made moments apart were spread out, in all */
  get stretched(): number {
    return this.shifts.at(-1) ?? 0;
  }

  /** where an instant stands: the stretch after a step begins just after it */
  x(t: number): number {
    let i = 0;
    while (i < this.times.length && this.times[i]! < t) i++;
    const shift = this.shifts.length === 0 ? 0 : (this.shifts[Math.min(i, this.shifts.length - 1)] ?? 0);
    return this.k * (t - this.t0) + shift;
  }

  /** the widest scale whose end stands within `width` */
  static fit(times: readonly number[], t0: number, t1: number, width: number, gap: number): TimeScale {
    let lo = 0;
    let hi = width / Math.max(t1 - t0, 1);
    for (let i = 0; i < 50; i++) {
      const mid = (lo + hi) / 2;
      if (new TimeScale(times, t0, mid, gap).x(t1) <= width) lo = mid;
      else hi = mid;
    }
    return new TimeScale(times, t0, lo, gap);
  }
}

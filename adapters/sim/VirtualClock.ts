import type { Clock } from '../Adapter.js';

/** A timer on the virtual clock; cancelling one that already fired does nothing. */
export type Timer = { cancel(): void };

type Entry = { at: number; seq: number; fire: () => void; cancelled: boolean };

/**
 * The simulated tenant's time: it only moves when told to, and fires every timer due on the way.
 * Invariant: timers fire in order of their time, then of their scheduling; `now()` never decreases,
 * and while a timer fires `now()` is its time.
 */
export class VirtualClock implements Clock {
  private t: number;
  private seq = 0;
  /** sorted by (at, seq); small, so a sorted array beats a heap */
  private queue: Entry[] = [];

  constructor(start: number) {
    this.t = start;
  }

  now(): number {
    return this.t;
  }

  async advance(ms: number): Promise<void> {
    if (!(ms >= 0)) throw new RangeError(`cannot advance the clock by ${ms} ms`);
    this.runUntil(this.t + ms);
  }

  /** Calls `fire` at `at` (at once, on the next `runDue`, when `at` is not in the future). */
  schedule(at: number, fire: () => void): Timer {
    const entry: Entry = { at: Math.max(at, this.t), seq: this.seq++, fire, cancelled: false };
    let lo = 0;
    let hi = this.queue.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const e = this.queue[mid]!;
      if (e.at < entry.at || (e.at === entry.at && e.seq < entry.seq)) lo = mid + 1;
      else hi = mid;
    }
    this.queue.splice(lo, 0, entry);
    return {
      cancel: () => {
        entry.cancelled = true;
      },
    };
  }

  /** Fires the timers due by now: those an action scheduled for its own instant. */
  runDue(): void {
    this.runUntil(this.t);
  }

  /** How many timers are still to fire (for tests). */
  get pending(): number {
    return this.queue.filter((e) => !e.cancelled).length;
  }

  private runUntil(target: number): void {
    for (;;) {
      const head = this.queue[0];
      if (head === undefined || head.at > target) break;
      this.queue.shift();
      if (head.cancelled) continue;
      this.t = head.at;
      head.fire();
    }
    this.t = target;
  }
}

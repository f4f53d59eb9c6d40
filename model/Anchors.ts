import { lowerBound } from './lowerBound.js';

/**
 * The instants reads may reach back to (SPEC section 4: a cache reaches back to the viewer's last
 * reset, or to the start): a sorted multiset, kept as viewers reset their caches.
 * Invariant: `times` is sorted ascending and holds the start and each viewer's latest reset of each kind.
 */
export class Anchors {
  readonly times: number[];

  constructor(start: number) {
    this.times = [start];
  }

  /** A viewer's reset moved from `before` (undefined: never reset, which reads from the start) to `now`. */
  move(before: number | undefined, now: number): void {
    const times = this.times;
    if (before !== undefined) {
      const i = lowerBound(times, before);
      if (times[i] === before) times.splice(i, 1);
    }
    times.splice(lowerBound(times, now), 0, now);
  }
}

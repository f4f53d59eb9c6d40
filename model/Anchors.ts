import { lowerBound } from './lowerBound.js';

/**
 * The instant a browser cache emptied at `reset` (or the trace's start) reaches back to: just
 * before it, so that a SharePoint photo replaced at that very instant (an upload that sticks, an
 * Edit-Cancel: both land at once) still counts as seen since. Events of one instant come in the
 * trace's order, which the model does not keep: the viewer may have seen it after the reset and
 * before its replacement (the header's photo at the start, a read on the next line), and a false
 * divergence costs more than a missed one (SPEC section 4). Exchange's writes never land at once
 * (exoLag), so a client's restart reaches back to its own instant, where a window ending then is
 * closed.
 */
export function browserReach(reset: number): number {
  return reset - 1;
}

/**
 * The instants reads may reach back to (SPEC section 4: a cache reaches back to the viewer's last
 * reset, or to the start): a sorted multiset, kept as viewers reset their caches.
 * Invariant: `times` is sorted ascending and holds `reach` of the start and of each viewer's latest reset of each kind.
 */
export class Anchors {
  readonly times: number[];

  /** `reach`: the instant a read reaches back to from a reset at an instant (`browserReach`; by default that instant itself) */
  constructor(
    start: number,
    private readonly reach: (reset: number) => number = (t) => t,
  ) {
    this.times = [reach(start)];
  }

  /** A viewer's reset moved from `before` (undefined: never reset, which reads from the start) to `now`. */
  move(before: number | undefined, now: number): void {
    const times = this.times;
    if (before !== undefined) {
      const back = this.reach(before);
      const i = lowerBound(times, back);
      if (times[i] === back) times.splice(i, 1);
    }
    const back = this.reach(now);
    times.splice(lowerBound(times, back), 0, back);
  }
}

/**
 * When a photo change was made, and in which order among changes of the same instant: every store
 * of the simulated tenant keeps the newest version it has received, whatever order they arrive in.
 */
export type Version = { readonly at: number; readonly seq: number };

/** Older than every change: the photo of the trace header, settled long before the start. */
export const SETTLED: Version = { at: -Infinity, seq: -1 };

/**
 * Exchange's photo of the trace header, settled long before the start: older than every change,
 * but newer than what the stores that copy Exchange (SharePoint, Viva Engage) hold at the start,
 * so that a copy of it replaces theirs where the header gives them photos of their own.
 */
export const SETTLED_IN_EXCHANGE: Version = { at: -Infinity, seq: 0 };

/** True when `a` was made after `b`. */
export function isNewer(a: Version, b: Version): boolean {
  return a.at > b.at || (a.at === b.at && a.seq > b.seq);
}

/** Hands out versions in the order changes are made. */
export class VersionClock {
  private seq = 0;
  mint(at: number): Version {
    return { at, seq: this.seq++ };
  }
}

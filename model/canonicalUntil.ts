import { lowerBound } from './lowerBound.js';

/**
 * The last instant a photo may have shown, as reads can still tell it: exact after `cutoff`;
 * before it, the first anchor at or after it (reads from an anchor see it only when it is later);
 * undefined when no read can reach it any more.
 */
export function canonicalUntil(until: number, cutoff: number, first: number, anchors: readonly number[]): number | undefined {
  if (until > cutoff) return until;
  if (until <= first) return undefined;
  // the smallest anchor >= until, or the cutoff
  const i = lowerBound(anchors, until);
  return Math.min(i < anchors.length ? anchors[i]! : Infinity, cutoff);
}

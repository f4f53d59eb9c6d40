import { lowerBound } from './lowerBound.js';
import type { KeyView } from './WindowStore.js';

/**
 * The last instant a photo may have shown, as reads at `view` and later can still tell it: exact
 * after the instant reads reach back to from now (`now - maxBack`); before it, the first anchor at
 * or after it (reads from an anchor see it only when it is later); undefined when no read can reach
 * it any more.
 */
export function canonicalUntil(until: number, view: KeyView): number | undefined {
  const { now, anchors, maxBack } = view;
  const cutoff = now - maxBack;
  if (until > cutoff) return until;
  if (until <= (anchors.length === 0 ? cutoff : Math.min(anchors[0]!, cutoff))) return undefined;
  // the smallest anchor >= until, or the cutoff
  const i = lowerBound(anchors, until);
  return Math.min(i < anchors.length ? anchors[i]! : Infinity, cutoff);
}

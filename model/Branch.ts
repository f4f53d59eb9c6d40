import type { ExchangeSide } from './ExchangeSide.js';
import type { SharePointSide } from './SharePointSide.js';
import type { Photo } from './vocabulary.js';
import type { WindowStore } from './WindowStore.js';

/**
 * One possible Exchange side of a subject, with every SharePoint and Yammer state still open
 * beside it. Invariant: each of those evolves from this Exchange side and the events alone, so
 * their combinations are all possible and none depends on another.
 */
export type Branch = { core: ExchangeSide; sps: SharePointSide[]; yams: WindowStore[] };

/** A copy of `b` whose states each evolve apart from `b`'s. */
export function cloneBranch(b: Branch): Branch {
  return { core: b.core.clone(), sps: b.sps.map((sp) => sp.clone()), yams: b.yams.map((y) => y.clone()) };
}

/**
 * Exchange kept `photo` of its racing write made at `at` (`racer`, the write's own photo), from
 * `keep` on: what SharePoint and Viva Engage copied or carry from that write follows (`chooseTied`).
 */
export function followKept(b: Branch, at: number, photo: Photo, keep: number, racer: Photo): void {
  for (const sp of b.sps) sp.sharepoint.chooseTied(at, photo, keep, racer);
  for (const y of b.yams) y.chooseTied(at, photo, keep, racer);
}

/**
 * DIRSYNC's collapse (`ProfileChecker.splitCollapse`): the AD write made at `at` was exported
 * alone, not collapsed into a later one (Exchange showed or kept its photo), so the SharePoint
 * states of `b` that take it as collapsed go, while a read can still tell them apart (`collapsed.until`).
 * Only where others are left in the branch.
 */
export function exportedAlone(b: Branch, at: number, now: number): void {
  if (b.sps.length < 2) return;
  const kept = b.sps.filter((sp) => {
    const c = sp.collapsed;
    return c === null || c.until <= now || at < c.lo || at > c.hi;
  });
  if (kept.length > 0) b.sps = kept;
}

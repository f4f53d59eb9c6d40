import type { SharePointSide } from './SharePointSide.js';
import type { Span } from './Span.js';
import type { Change, Landing } from './WindowStore.js';

/**
 * SP-SYNC-WINDOW's arrival reading (`ProfileChecker.splitWindowEnded`, `movedByArrival`): the states
 * of `sp` where an outside change, made after `madeAfter` or travelling past it, landed in SharePoint
 * at an instant of [from, to] and that arrival was an update. One for the changes sure to land (the
 * store does not follow which), one for each that may never land (DirSync may have collapsed its
 * write, a copy may have settled it): there it landed, and carries its own photo alone from then on
 * (`WindowStore.landedAt`) where it has one, even where its window has closed since (it was still
 * landing when it arrived), or the racing write it is tied to had the outcome that lands it
 * (`WindowStore.chooseTied`). With `anyOf`, where several changes sure to land may have arrived
 * then, each of them made after the first instant of that arrival may arrive again later (another
 * was that one: `SharePointSide.arrivalMadeBy`); without it (an arrival followed from another,
 * `movedByArrival`), only those made after its last instant may, so that each arrival followed is of
 * a change made later and the search ends: such an arrival is cut where a change was made, so that
 * one made after the part it arrived in is followed.
 */
export function arrivals(sp: SharePointSide, from: number, to: number, madeAfter: number, anyOf: boolean): SharePointSide[] {
  const out: SharePointSide[] = [];
  const sure = sp.sharepoint.landingSpan(from, to, 'SP-SYNC-WINDOW', madeAfter);
  if (sure !== undefined) {
    // where several may have been the arrival that held an upload back, another made since the
    // first instant may arrive again later (the one that landed then was another)
    if (anyOf) out.push(...arrivedEach(sp, sure, madeAfter, sure.several ? sure.span.lo : sure.span.hi));
    else for (const part of cutWhereMade(sp, sure, madeAfter)) out.push(...arrivedEach(sp, part, madeAfter, part.span.hi));
  }
  for (const late of sp.sharepoint.lateLandings(from, to, 'SP-SYNC-WINDOW', madeAfter)) {
    // followed from another, cut as the changes sure to land are (`cutWhereMade`)
    for (const span of anyOf ? [late.span] : cutSpan(late.span, madeCuts(sp, late.span, madeAfter))) {
      const arrived = arrivedAt(sp, span, span.hi);
      // it arrived while still landing, so it landed, even where its window has closed since
      if (late.own !== undefined) arrived.sharepoint.landedAt(late.at, late.own, span.lo);
      else if (late.kept !== undefined) arrived.sharepoint.chooseTied(late.kept.tie, late.kept.photo, late.kept.keep, late.kept.racer);
      out.push(arrived);
    }
  }
  return out;
}

/** The instants of `span` after `madeAfter` at which a change that may still show was made: where a followed arrival is cut. */
function madeCuts(sp: SharePointSide, span: Span, madeAfter: number): number[] {
  return sp.sharepoint.madeWithin(Math.max(span.lo, madeAfter + 1), span.hi, 'SP-SYNC-WINDOW');
}

/** `span` cut just before each of `cuts` (ascending, each within it). */
function cutSpan(span: Span, cuts: readonly number[]): Span[] {
  if (cuts.length === 0) return [span];
  const parts: Span[] = [];
  let lo = span.lo;
  for (const hi of [...cuts.map((at) => at - 1), span.hi]) {
    if (lo <= hi) parts.push({ lo, hi });
    lo = hi + 1;
  }
  return parts;
}

/**
 * An arrival followed from another (`movedByArrival`), `sure`, cut where a change was made, so that
 * one made after the part it arrived in may be followed in turn (an arrival then moves the push
 * later again). Each part ends after the cut-off `madeAfter` it was followed from, so that the
 * cut-offs grow and the search ends.
 */
function cutWhereMade(sp: SharePointSide, sure: Landing, madeAfter: number): Landing[] {
  const cuts = madeCuts(sp, sure.span, madeAfter);
  if (cuts.length === 0) return [sure];
  const parts: Landing[] = [];
  for (const { lo, hi } of cutSpan(sure.span, cuts)) {
    const part = sp.sharepoint.landingSpan(lo, hi, 'SP-SYNC-WINDOW', madeAfter);
    if (part !== undefined) parts.push(part);
  }
  return parts;
}

/**
 * The states of `sp` where changes arrived at an instant of `landing`: one for each change that may
 * have been that arrival where several may have, which landed then (`WindowStore.landingsEach`),
 * else one; `madeBy` as `arrivedAt` takes it.
 */
function arrivedEach(sp: SharePointSide, landing: Landing, madeAfter: number, madeBy: number): SharePointSide[] {
  const { span, several, only } = landing;
  const each = several ? sp.sharepoint.landingsEach(span.lo, span.hi, 'SP-SYNC-WINDOW', madeAfter) : undefined;
  if (each === undefined) return [arrivedAt(sp, span, madeBy, only)];
  return each.map((e) => arrivedAt(sp, e.span, madeBy, e.change));
}

/**
 * A clone of `sp` whose last update is an arrival at an instant of `span`, of a change made by
 * `madeBy` at the latest (`SharePointSide.arrivalMadeBy`); with `only`, that change of `sp`, which
 * had landed by then (it does not arrive, nor show as landing, again).
 */
function arrivedAt(sp: SharePointSide, span: Span, madeBy: number, only?: Change): SharePointSide {
  const arrived = sp.clone();
  arrived.spUpdated = span;
  arrived.arrivalMadeBy = madeBy;
  arrived.byPush = false;
  if (only !== undefined) arrived.sharepoint.landedBy(sp.sharepoint, only, span.hi);
  return arrived;
}

import type { Anchors } from './Anchors.js';
import type { Branch } from './Branch.js';
import type { CompiledProfile } from './compileProfile.js';
import { distinct, groupBy, joinUpdates, sameKeys, sharedNumbers, twins } from './keyedStates.js';
import { BUT_GONE, BUT_LANDING, BUT_UPDATED, type SharePointSide } from './SharePointSide.js';
import type { Part, Subject } from './Subject.js';
import type { KeyView, WindowStore } from './WindowStore.js';

/**
 * Merges the states a subject's forks leave equal, and keeps at most `cap` of each part.
 * Invariant: below the cap the states kept allow what the states before allowed, and more only where
 * parts were joined or widened (a superset); past it, the part that dropped some says from which
 * line (`Subject.lost`), and `capped` counts each drop.
 */
export class StateMerger {
  /** How often the cap on possibilities was reached, by part: a measure, not a verdict. */
  readonly capped = { exchange: 0, sharepoint: 0, yammer: 0 };

  constructor(
    private readonly c: CompiledProfile,
    /** the most states kept open for one part of one user */
    private readonly cap: number,
    /** the instants reads of Exchange (a client restarted) and of SharePoint (a browser cleared) reach back to */
    private readonly anchors: { readonly exchange: Anchors; readonly sharepoint: Anchors },
  ) {}

  /**
   * Keeps the possibilities of `subject` canonical after a fork: equal states of a part merge, a
   * SharePoint state another covers goes (`withoutCovered`, exact), and Exchange sides that became
   * equal merge with the SharePoint and Yammer states of both, or go where another covers them
   * (`withoutCoveredBranches`). Past the
   * cap (MAX_POSSIBILITIES), a part is first joined, then widened, and only then are states dropped,
   * the part saying from which line. SharePoint states equal but for when SharePoint was last
   * updated, over spans that meet, are joined (exact, but for how long a photo set in the throttle
   * window may show); then those equal but for that and when their changes still landing land (a
   * superset: the push over the joined span); then those equal but for
   * what a cache reaching back may still show are widened (a superset). Exchange sides equal but
   * for the latter are widened; then the side where the action of unknown outcome made last did not
   * happen joins the one where it did (a superset: its write may not have landed). A superset keeps
   * a divergence certain.
   */
  settle(subject: Subject, line: number, now: number): void {
    const views = this.keyViews(now);
    const spKey = (sp: SharePointSide) => sp.key(views.sharepoint, this.c.spKey);
    const spQuick = (sp: SharePointSide) => sp.quick(views.sharepoint, this.c.spKey);
    const yamKey = (y: WindowStore) => y.key(views.yammer);
    const keepSps = (list: SharePointSide[]): SharePointSide[] => {
      let out = distinct(list, spKey, absorbSharePoint, spQuick);
      if (out.length > 1) out = this.withoutCovered(out, views.sharepoint);
      // joined only where the list is too long: a joined state keeps the rules of one part to cite
      if (out.length > this.cap) out = joinUpdates(out, (sp) => sp.key(views.sharepoint, this.c.spKey, BUT_UPDATED), joinUpdated);
      if (out.length > this.cap)
        out = joinUpdates(
          out,
          (sp) => sp.key(views.sharepoint, this.c.spKey, BUT_LANDING),
          (into, sp) => into.joinLanding(sp, now),
        );
      if (out.length > this.cap) out = distinct(out, (sp) => sp.key(views.sharepoint, this.c.spKey, BUT_GONE), widenSharePoint);
      return this.bounded(out, subject, 'sharepoint', line);
    };
    const keepYams = (list: WindowStore[]) => this.bounded(distinct(list, yamKey), subject, 'yammer', line);
    for (const b of subject.branches) {
      if (b.sps.length > 1) b.sps = keepSps(b.sps);
      if (b.yams.length > 1) b.yams = keepYams(b.yams);
    }
    let branches = subject.branches;
    if (branches.length > 1) {
      // Two branches with equal Exchange sides are one when their SharePoint states, or their
      // Yammer states, are the same: then the union of the others is exact. Otherwise a union
      // would pair a SharePoint state of one with a Yammer state of the other: kept apart.
      const byCore = new Map<string, Branch[]>();
      const merged: Branch[] = [];
      // a branch whose Exchange side's number no other has merges with none: its key is never built
      const numbers = branches.map((b) => b.core.quick(views.exchange));
      const shared = sharedNumbers(numbers);
      for (let i = 0; i < branches.length; i++) {
        const b = branches[i]!;
        if (!shared.has(numbers[i]!)) {
          merged.push(b);
          continue;
        }
        const k = b.core.key(views.exchange, this.c.raceWindow);
        const same = byCore.get(k);
        const into = same?.find((o) => sameKeys(o.sps, b.sps, spKey, spQuick) || sameKeys(o.yams, b.yams, yamKey));
        if (into === undefined) {
          byCore.set(k, [...(same ?? []), b]);
          merged.push(b);
          continue;
        }
        into.core.absorb(b.core);
        if (sameKeys(into.sps, b.sps, spKey, spQuick)) into.yams = keepYams([...into.yams, ...b.yams]);
        else into.sps = keepSps([...into.sps, ...b.sps]);
      }
      branches = merged;
      if (branches.length > 1) branches = this.withoutCoveredBranches(branches, views.exchange, spKey, spQuick, yamKey);
    }
    if (branches.length > this.cap) {
      // widened: the SharePoint and Yammer states of the merged branches may now pair across them
      const byCore = new Map<string, Branch>();
      for (const b of branches) {
        const k = b.core.key(views.exchange, this.c.raceWindow, false);
        const into = byCore.get(k);
        if (into === undefined) {
          byCore.set(k, b);
          continue;
        }
        into.core.widen(b.core);
        into.sps = keepSps([...into.sps, ...b.sps]);
        into.yams = keepYams([...into.yams, ...b.yams]);
      }
      branches = [...byCore.values()];
    }
    if (branches.length > this.cap) {
      // the branch where the action of unknown outcome made last did not happen joins the one where
      // it did: its write may not have landed (a superset), with the SharePoint and Yammer states of both
      const byRest = groupBy(branches, (b) => b.core.keyBesideStore(views.exchange, this.c.raceWindow, false));
      const gone = new Set<Branch>();
      for (const group of byRest.values()) {
        // the sides whose newest change is the latest first: each then takes its twin without that
        // change, rather than a twin taking its own and leaving it without one
        const order = group.length > 2 ? group.sort((x, y) => y.core.exchange.newest().at - x.core.exchange.newest().at) : group;
        for (const b of order) {
          if (gone.has(b)) continue;
          for (const o of order) {
            if (o === b || gone.has(o) || !b.core.joinMissed(o.core)) continue;
            b.sps = keepSps([...b.sps, ...o.sps]);
            b.yams = keepYams([...b.yams, ...o.yams]);
            gone.add(o);
            break;
          }
        }
      }
      if (gone.size > 0) branches = branches.filter((b) => !gone.has(b));
    }
    subject.branches = this.bounded(branches, subject, 'exchange', line);
  }

  /**
   * `sps` without the states another covers: equal but for what a cache reaching back may still
   * show, which it shows at least as long (`SharePointSide.covers`). A fork often leaves a state
   * that only showed a photo for less time than another; dropping it changes no verdict, as the
   * other allows all it allows, now and later.
   */
  private withoutCovered(sps: SharePointSide[], view: KeyView): SharePointSide[] {
    const numbers = sps.map((sp) => sp.quick(view, this.c.spKey, false));
    const shared = sharedNumbers(numbers);
    if (shared.size === 0) return sps;
    const keys = sps.map((sp, i) => (shared.has(numbers[i]!) ? sp.key(view, this.c.spKey, BUT_GONE) : undefined));
    const gone = new Set<number>();
    for (let i = 0; i < sps.length; i++) {
      if (keys[i] === undefined || gone.has(i)) continue;
      for (let j = 0; j < sps.length; j++) {
        if (j === i || gone.has(j) || keys[j] !== keys[i] || !sps[i]!.covers(sps[j]!, view)) continue;
        // the rules a divergence cites come from the states kept
        if (!sps[i]!.sharepoint.sameCitations(sps[j]!.sharepoint)) continue;
        sps[i]!.widen(sps[j]!);
        gone.add(j);
      }
    }
    return gone.size === 0 ? sps : sps.filter((_, i) => !gone.has(i));
  }

  /**
   * `branches` without those another covers: the same SharePoint and Yammer states, and an
   * Exchange side equal but for what a cache reaching back may still show, which the other shows at
   * least as long. Exact, as `withoutCovered`: a copy the other's SharePoint makes takes no fewer
   * photos, and a read teaches it less, never more.
   */
  private withoutCoveredBranches(
    branches: Branch[],
    view: KeyView,
    spKey: (sp: SharePointSide) => string,
    spQuick: (sp: SharePointSide) => number,
    yamKey: (y: WindowStore) => string,
  ): Branch[] {
    const numbers = branches.map((b) => b.core.quick(view, false));
    const shared = sharedNumbers(numbers);
    if (shared.size === 0) return branches;
    const keys = branches.map((b, i) => (shared.has(numbers[i]!) ? b.core.key(view, this.c.raceWindow, false) : undefined));
    const gone = new Set<number>();
    for (let i = 0; i < branches.length; i++) {
      const b = branches[i]!;
      if (keys[i] === undefined || gone.has(i)) continue;
      for (let j = 0; j < branches.length; j++) {
        const o = branches[j]!;
        if (j === i || gone.has(j) || keys[j] !== keys[i] || !b.core.exchange.coversGone(o.core.exchange, view)) continue;
        if (!sameKeys(b.sps, o.sps, spKey, spQuick) || !sameKeys(b.yams, o.yams, yamKey)) continue;
        // the rules a divergence cites come from the states kept: each of its states has a twin here citing the same
        if (!b.core.exchange.sameCitations(o.core.exchange)) continue;
        const spTwins = twins(b.sps, o.sps, spKey);
        const yamTwins = twins(b.yams, o.yams, yamKey);
        if (!spTwins.every((t, k) => t.sharepoint.sameCitations(o.sps[k]!.sharepoint))) continue;
        if (!yamTwins.every((t, k) => t.sameCitations(o.yams[k]!))) continue;
        spTwins.forEach((t, k) => t.absorb(o.sps[k]!));
        b.core.widen(o.core);
        gone.add(j);
      }
    }
    return gone.size === 0 ? branches : branches.filter((_, i) => !gone.has(i));
  }

  private bounded<T>(xs: T[], subject: Subject, part: Part, line: number): T[] {
    if (xs.length <= this.cap) return xs;
    this.dropped(subject, part, line);
    return xs.slice(0, this.cap);
  }

  /** Notes that `part` of `subject` dropped possibilities at `line`, as past the cap: a divergence of it is then certain only where no dropped one could have shown what was seen. */
  dropped(subject: Subject, part: Part, line: number): void {
    subject.lost[part] ??= line;
    this.capped[part]++;
  }

  /** What reads can still reach back to, per store, at `now`. */
  private keyViews(now: number): { exchange: KeyView; sharepoint: KeyView; yammer: KeyView } {
    return {
      exchange: { now, anchors: this.anchors.exchange.times, maxBack: this.c.exchangeReach, fixed: true, madeAt: this.c.copiesMadeAt },
      sharepoint: { now, anchors: this.anchors.sharepoint.times, maxBack: 0, fixed: this.c.fixedSharePoint },
      yammer: { now, anchors: [], maxBack: 0, fixed: true, growing: this.c.onExchangeWriteYammer },
    };
  }
}

function joinUpdated(into: SharePointSide, other: SharePointSide): boolean {
  into.joinUpdated(other);
  return true;
}

function absorbSharePoint(kept: SharePointSide, dropped: SharePointSide): void {
  kept.absorb(dropped);
}

function widenSharePoint(kept: SharePointSide, other: SharePointSide): void {
  kept.widen(other);
}

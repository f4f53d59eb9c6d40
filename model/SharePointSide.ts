import type { RuleId } from './RuleId.js';
import { canonicalUntil } from './canonicalUntil.js';
import { copyMap } from './copyMap.js';
import { photoHash } from './photoLists.js';
import { copyTaken, WindowStore, type Keep, type KeyView, type Outcome } from './WindowStore.js';
import type { Photo } from './vocabulary.js';
import { at, type Span } from './Span.js';

/** What a push of an upload that did not stick, left waiting by a copy that missed it, cites. */
const UNSTUCK: readonly RuleId[] = ['SP-NO-STICK'];

/**
 * Outside changes not yet carried to SharePoint (SP-NEEDS-VISIT, SP-MYSITE-ONCE): since when, their
 * photos, the rules that made them outside changes (SP-UPLOAD-REDIRECT, DIRSYNC), for a push to
 * cite, when all had surely reached Exchange, and when those a visit came after had (`visited`:
 * -Infinity before any visit), so that an update that may have missed only changes made after
 * every visit leaves them waiting for a visit of their own; `ad`: every one of them is an AD write
 * (DIRSYNC), which a later one DirSync carries within the interval may collapse.
 */
export type Pending = { since: Span; values: Photo[]; because: RuleId[]; reachedBy: number; visited: number; ad: boolean };

/** A `Pending`, its fields in one order whoever makes it. */
export function pending(since: Span, values: Photo[], because: RuleId[], reachedBy: number, visited = -Infinity, ad = false): Pending {
  return { since, values, because, reachedBy, visited, ad };
}

/** A `Pending` of its own, sharing no list with `p`. */
export function copyPending(p: Pending): Pending {
  return pending(p.since, [...p.values], [...p.because], p.reachedBy, p.visited, p.ad);
}

/** Both lists of changes waiting as one: since the older, every photo and citation, reached by the later. */
export function joinPending(a: Pending, b: Pending | null): Pending {
  if (b === null) return copyPending(a);
  const since = { lo: Math.min(a.since.lo, b.since.lo), hi: Math.min(a.since.hi, b.since.hi) };
  const values = [...a.values, ...b.values.filter((v) => !a.values.includes(v))];
  const because = [...a.because, ...b.because.filter((r) => !a.because.includes(r))];
  return pending(since, values, because, Math.max(a.reachedBy, b.reachedBy), Math.max(a.visited, b.visited), a.ad && b.ad);
}

/** Uploads to SharePoint that did not stick (SP-NO-STICK), as `SharePointSide.unstuck` says. */
export type Unstuck = { since: number; values: Photo[]; reachedBy: number; visited: boolean };

/**
 * Changes an update may have left waiting, and the visit that counts for them (null until one):
 * those a copy of Exchange (a push, Edit-Cancel) may have missed, not yet surely in Exchange when
 * it was made, or every one an upload that sticks (SP-ORIGIN) passed over; `updated`, when that
 * update was; `pushes`: they were left by a copy, which keeps the photo it took, so SharePoint
 * shows them only through a push of their own (the visit's that counts for them, or
 * SP-MYSITE-ONCE's), which the checker makes apart (`ProfileChecker.splitRewait`). `alone`: where
 * a visit counts for them but some were made after it, with no visit after them by the update
 * (`SharePointSide.fresh`), those may have been missed alone, those before settled: they then wait
 * for a visit of their own (the first after the update, `visitAt`), not for the one that counts.
 * `revisit`: the first visit after the update (null: none yet); where the one that counts for them
 * came before the update, they may instead wait for it (`ProfileChecker.splitRewait`).
 */
export type Rewait = {
  readonly pending: Pending;
  readonly visitAt: number | null;
  readonly updated: Span;
  readonly pushes: boolean;
  readonly alone: { readonly pending: Pending; readonly visitAt: number | null } | null;
  readonly revisit: number | null;
  /**
   * The photo of the newest change, where it alone may not have reached Exchange by the push and
   * Exchange held that photo then only through it (`WindowStore.onlyLanding`): a read that tells the push took it
   * says it missed nothing (`tookWaiting`), and where what it left still waits it took another
   * (`missedProof`). Null where no photo tells.
   */
  readonly proof: Photo | null;
};

/**
 * Whether the push of a change a copy may have missed is followed apart (`Rewait.pushes`), given the
 * profile's `spThrottle`: not with no throttle to wait for (0, which only a campaign's fit of the
 * parameter tries), where that push would come at once, and again, until the change reached
 * Exchange; the copy then keeps none of the photos it may have taken (`SharePointSide.copyKeep`).
 */
export function followsMissed(spThrottle: number | undefined): boolean {
  return (spThrottle ?? 0) > 0;
}

/**
 * Which of the changes waiting an update may leave waiting: none; those not surely in Exchange by
 * it (a copy of Exchange); all (an upload, which copies nothing).
 */
export type Waits = 'none' | 'unreached' | 'all';

/** What a SharePoint side's future depends on besides its store: the profile's throttle, and whether pushes wait on `since`. */
export type SharePointKeyParams = { readonly throttle: number; readonly sinceMatters: boolean };

/**
 * What a key tells apart besides what the future can ask: what only a cache reaching back may show
 * (`gone`, for `widen`), when SharePoint was last updated (`updated`, for `joinUpdated`), and when
 * the changes still landing were made and land (`landing`, for `joinLanding`).
 */
export type KeyDetail = { readonly gone: boolean; readonly updated: boolean; readonly landing: boolean };

/** Every detail: equal keys mean equal futures. */
export const EXACT_KEY: KeyDetail = { gone: true, updated: true, landing: true };

/** What SharePoint keys leave out to join or widen states past the cap (`ProfileChecker.settle`). */
export const BUT_UPDATED: KeyDetail = { gone: true, updated: false, landing: true };
export const BUT_LANDING: KeyDetail = { gone: true, updated: false, landing: false };
export const BUT_GONE: KeyDetail = { gone: false, updated: true, landing: true };

/**
 * One possible state of a subject's SharePoint side: the profile photo and its update bookkeeping.
 * Invariant: it evolves from the actions and from the Exchange side it reads at a push, an
 * Edit-Cancel or an outside change, never from Yammer.
 */
export class SharePointSide {
  sharepoint: WindowStore;
  /** since when the My Site exists: -Infinity when the header says it does, Infinity while it does not */
  mySiteSince: number;
  /** the last SharePoint update, known to a span (SPEC section 6 `spUpdated`); never: -Infinity */
  spUpdated: Span;
  /**
   * Where the last update is an outside change's arrival (SP-SYNC-WINDOW's reading), the instant up to
   * which a change made may have been that arrival, and is not followed to another (none is taken
   * twice: `ProfileChecker.movedByArrival`): the update's last instant where one change alone may have
   * arrived then; its first where several may have, any of which may arrive again later, another having
   * been that one (`arrivals`' `anyOf`). -Infinity where the last update is no arrival (a push, an
   * Edit-Cancel, an upload that sticks).
   */
  arrivalMadeBy = -Infinity;
  pending: Pending | null = null;
  /** the visit that counts: the first one after the oldest pending change */
  visitAt: number | null = null;
  /** of the pending changes, those made after the visit that counts and before any later visit (null: none) */
  fresh: Pending | null = null;
  /** the push due now is known not to have happened by this instant (a span of its time was split there) */
  pushAfter = -Infinity;
  /** the earliest instant a push may be due: worked out by the checker after every change, so that reads skip the question */
  dueAt = Infinity;
  /**
   * The instant of the push this state was last updated by, where in this state that push came after
   * the outside change now made in its very instant, on a later line, and settled it: it does not wait
   * (`ProfileChecker.splitSettledByPush`); NaN otherwise. Read by that change alone.
   */
  settlesAt = NaN;
  /** whether the last update is a push, no line of the trace (not an Edit-Cancel's copy, an upload that sticks or an arrival) */
  byPush = false;
  /**
   * The instant of a read, made after the last update (a push ending then) in that update's last
   * instant, that showed a photo only the update shows: the push came before that line, and so before
   * a change made on a later line of that instant, which it cannot take or settle; NaN otherwise.
   */
  seenAt = NaN;
  /**
   * SP-NO-STICK: photos set in SharePoint that may or may not show, since when; when the latest had
   * surely reached Exchange (`reachedBy`: a copy before then may miss it, -Infinity where none
   * waits for a visit then), and whether a visit came after them
   */
  unstuck: Unstuck | null = null;
  /** SP-NO-STICK: photos that may have shown that way, and until when */
  unstuckUntil = new Map<Photo, number>();
  /** photos pushed over before they reached SharePoint (SP-FIRST-LAST): only to cite */
  skipped = new Set<Photo>();
  /**
   * The changes the last update may have left waiting. The sources do not say whether a change a
   * copy missed, or one an upload passed over, is settled or still waits: where it still waits, a
   * visit after it counts, and the push it makes takes whatever Exchange holds then (SP-NEEDS-VISIT's
   * reading). Split into both once that push may be due, where a copy left them (`Rewait.pushes`)
   * or a later change waits, or, left by an upload, once a change is made before the throttle window
   * that push opens has closed (`ProfileChecker.resolve`); null when none.
   */
  rewait: Rewait | null = null;
  /**
   * DIRSYNC's collapse: this is the state where the AD writes that alone waited at a visit, or at
   * an AD write, are collapsed into a later AD write (the visit then had nothing to push;
   * `ProfileChecker.splitCollapse`): that write must come before this instant, or the state goes.
   * Infinity: no such write is awaited.
   */
  collapseBy = Infinity;
  /**
   * DIRSYNC's collapse: where this is such a state, the AD writes it takes as collapsed were made
   * from `lo` to `hi`. Until `until`, a read of Exchange that shows a photo only one of them can
   * have shown says DirSync exported it alone, and rules this state out
   * (`ProfileChecker.refuteCollapse`); after that it is no longer followed (null: none).
   */
  collapsed: { readonly lo: number; readonly hi: number; readonly until: number } | null = null;

  /** `store`: the SharePoint store itself, where a clone brings its own copy */
  constructor(init: { sharepoint: Photo; mySite: boolean; spUpdated: Span }, store?: WindowStore) {
    this.sharepoint = store ?? new WindowStore(init.sharepoint);
    this.mySiteSince = init.mySite ? -Infinity : Infinity;
    this.spUpdated = init.spUpdated;
  }

  /**
   * SharePoint's photo was updated at some instant of `when` (a push, Edit-Cancel, an upload that
   * sticks), landing by `landsBy`: the changes waiting are settled, or may still wait (`rewait`)
   * as `waits` says, and a photo set in the throttle window (SP-NO-STICK) may show until the
   * update has landed. `follows`: where a copy left them, the push that brings them is followed
   * apart (`Rewait.pushes`).
   */
  updated(when: Span, landsBy: number = when.hi, waits: Waits = 'none', follows = true): void {
    const leaves = (q: Pending): boolean => waits === 'all' || (waits === 'unreached' && q.reachedBy > when.lo);
    // a visit counts for those left only where it came after one of them: one the update may have
    // missed (or passed over), not only changes made since
    const counts = (q: Pending, visit: number | null): number | null =>
      visit !== null && (waits === 'all' || q.visited > when.lo) ? visit : null;
    const r = this.rewait;
    // those an update before may have left waiting may still wait after this one too
    const before = r !== null && leaves(r.pending) ? r : null;
    // a copy that may have missed an upload that did not stick (not yet surely in Exchange) leaves it
    // waiting as it leaves an outside change: nothing else would bring it to SharePoint
    const u = this.unstuck;
    const upload =
      u !== null && waits === 'unreached' && u.reachedBy > when.lo ? pending(at(u.since), [...u.values], [...UNSTUCK], u.reachedBy) : null;
    if (upload !== null && u!.visited) upload.visited = u!.reachedBy;
    const p = this.pending;
    const outside = p !== null && leaves(p) ? p : null;
    const now = upload === null ? outside : joinPending(upload, outside);
    // the visit after the upload counts for it as a visit after an outside change does
    const visitAt = upload !== null && u!.visited && this.visitAt === null ? when.lo : this.visitAt;
    const left = now === null ? (before?.pending ?? null) : joinPending(now, before?.pending ?? null);
    // the visit that counts is the first one after the oldest of them; any visit up to the update
    // makes the same push, at the throttle's end: one value for all of them, so that the parts of an
    // update known only to a span still join
    const v = firstVisit(now === null ? null : counts(now, visitAt), before === null ? null : counts(before.pending, before.visitAt));
    const pushes = follows && waits === 'unreached';
    // those made after the visit that counts, with none after them, may be the only ones missed (the
    // others reached Exchange, or were settled by the update before), and so may those an update
    // before left so, where no visit came after them yet; with no visit of their own, every change
    // waiting is after the one that counts for those the update before left
    const after = this.visitAt === null ? p : this.fresh;
    const f = after !== null && after.reachedBy > when.lo ? after : null;
    const a = before?.alone ?? null;
    const still = a !== null && a.visitAt === null && a.pending.reachedBy > when.lo ? a.pending : null;
    // a list of its own: joinPending copies, as copyPending does where only those left before remain
    const missed = f !== null ? joinPending(f, still) : still !== null ? copyPending(still) : null;
    const alone = pushes && v !== null && missed !== null ? { pending: missed, visitAt: null } : null;
    this.rewait =
      left === null
        ? null
        : {
            pending: left,
            visitAt: v === null ? null : v <= when.lo ? -Infinity : v,
            updated: when,
            pushes,
            alone,
            revisit: null,
            proof: null,
          };
    this.spUpdated = when;
    this.arrivalMadeBy = -Infinity;
    this.byPush = false;
    this.seenAt = NaN;
    this.pending = null;
    this.visitAt = null;
    this.fresh = null;
    this.pushAfter = -Infinity;
    // once landed, the update replaces SharePoint's photo: an upload that did not stick, that an
    // earlier update was to end, shows no longer than this one takes to land (an Edit-Cancel: at once)
    for (const [photo, until] of this.unstuckUntil) if (until > landsBy) this.unstuckUntil.set(photo, landsBy);
    if (this.unstuck !== null) {
      for (const photo of this.unstuck.values) this.unstuckUntil.set(photo, landsBy);
      this.unstuck = null;
    }
  }

  /**
   * Dates the last update again to `span`, within the span it was known to (a push known only to a
   * span, SPEC section 6), where it is the store's newest write, landing within `pickup`: false
   * where it is not, and nothing changes.
   */
  redate(span: Span, pickup: number): boolean {
    if (!this.lastIsNewest(pickup)) return false;
    const landsBy = this.spUpdated.hi + pickup;
    const lands = span.hi + pickup;
    this.sharepoint.retimeNewest(span.lo, lands);
    for (const [photo, until] of this.unstuckUntil) if (until === landsBy) this.unstuckUntil.set(photo, lands);
    if (rewaitOfLast(this)) this.rewait = { ...this.rewait!, updated: span };
    this.spUpdated = span;
    // the pushes that wait on it are due later: looked at again at the next event
    this.dueAt = -Infinity;
    return true;
  }

  /** Whether the last update (a push landing within `pickup`) is the store's newest write. */
  lastIsNewest(pickup: number): boolean {
    const u = this.spUpdated;
    const newest = this.sharepoint.newest();
    return newest.at === u.lo && newest.deadline === u.hi + pickup;
  }

  /**
   * Whether `photo` is a change still on its way to SharePoint: waiting, or left waiting by the last
   * update (`rewait`); `unvisited`: only where no visit counts for it yet. Only to cite rules.
   */
  waits(photo: Photo, unvisited = false): boolean {
    const p = this.pending;
    if (p !== null && p.values.includes(photo) && (!unvisited || this.visitAt === null)) return true;
    const r = this.rewait;
    return r !== null && r.pending.values.includes(photo) && (!unvisited || r.visitAt === null);
  }

  /**
   * How SharePoint keeps the photo a copy of Exchange made at `at` (a push, Edit-Cancel) took: from
   * `from`, when it has landed. Where the push of a change it may miss is not followed apart
   * (`follows`, see `followsMissed`) and a change waiting may not have reached Exchange by `at`, it
   * keeps none of them (a superset). With `race`, which of them it took follows the outcome of a
   * write Exchange may never have carried (`WindowStore.copyOutcome`).
   */
  copyKeep(at: number, from: number, follows: boolean, race?: Outcome): Keep | undefined {
    if (!follows && this.pending !== null && this.pending.reachedBy > at) return undefined;
    return copyTaken(from, race);
  }

  /**
   * Folds the changes the last update left waiting for a visit of their own (`Rewait.pushes`) into
   * those waiting since, where no visit came after either: the next visit pushes both at the same
   * instants, taking whatever Exchange holds then whether that update settled them or not, as
   * `ProfileChecker.resolve` takes them there. So the two states stay one. Only where pushes wait
   * for visits alone: not under SP-MYSITE-ONCE, which pushes spSync after the oldest change.
   */
  foldRewait(): void {
    const r = this.rewait;
    const p = this.pending;
    if (r === null || p === null || !r.pushes || r.visitAt !== null || this.visitAt !== null || !rewaitOfLast(this)) return;
    const joined = joinPending(r.pending, p);
    // those of them a visit came after had surely reached Exchange by that update (`pushes`)
    joined.visited = p.visited;
    this.pending = joined;
    this.rewait = null;
  }

  /**
   * A read told which photo SharePoint took at its last update (`WindowStore.keepSeen`): where it is
   * the one that says the update missed nothing (`Rewait.proof`), nothing waits. Without this, a push
   * that a read showed took the change would still be followed as having missed it, and its push at
   * the throttle's end would bring a later change no visit came after (review of 2026-12-06).
   */
  tookWaiting(): void {
    const r = this.rewait;
    if (r === null || r.proof === null || !rewaitOfLast(this)) return;
    const newest = this.sharepoint.newest();
    if (newest.at === this.spUpdated.lo && newest.values.length === 1 && newest.values[0] === r.proof) this.rewait = null;
  }

  /**
   * The changes the last update may have left waiting still wait: it missed them, so it did not take
   * the photo that would have said it did not (`Rewait.proof`). Followed apart from the possibility
   * where they were settled, which keeps that photo.
   */
  missedProof(): void {
    const r = this.rewait;
    if (r !== null && r.proof !== null) this.sharepoint.withoutTaken(r.updated.lo, r.proof);
  }

  /** SPEC readings: a SharePoint upload, a visit and Edit-Cancel each create the My Site. */
  createMySite(at: number): void {
    if (this.mySiteSince > at) this.mySiteSince = at;
  }

  clone(): SharePointSide {
    // made by the constructor, as every state is, so that all have one shape
    const c = new SharePointSide({ sharepoint: '', mySite: false, spUpdated: this.spUpdated }, this.sharepoint.clone());
    c.mySiteSince = this.mySiteSince;
    const p = this.pending;
    c.pending = p && copyPending(p);
    c.visitAt = this.visitAt;
    c.fresh = this.fresh && copyPending(this.fresh);
    c.arrivalMadeBy = this.arrivalMadeBy;
    c.pushAfter = this.pushAfter;
    c.dueAt = this.dueAt;
    c.settlesAt = this.settlesAt;
    c.byPush = this.byPush;
    c.seenAt = this.seenAt;
    const u = this.unstuck;
    c.unstuck = u && { since: u.since, values: [...u.values], reachedBy: u.reachedBy, visited: u.visited };
    c.unstuckUntil = copyMap(this.unstuckUntil);
    c.skipped = new Set(this.skipped);
    const r = this.rewait;
    c.rewait = r && { ...r, pending: copyPending(r.pending), alone: r.alone && { ...r.alone, pending: copyPending(r.alone.pending) } };
    c.collapseBy = this.collapseBy;
    c.collapsed = this.collapsed;
    return c;
  }

  /**
   * Joins `other`, equal but for when the last update was (`key(…, BUT_UPDATED)`), whose span of it
   * meets or touches this one's: the update was at some instant of either span, which is their hull,
   * and so were the changes it may have left waiting. Exact, as every span of the model stands for
   * each of its instants, but for a photo set in its throttle window: it may show until the later
   * of the two landings (a superset).
   */
  joinUpdated(other: SharePointSide): void {
    const hull = { lo: Math.min(this.spUpdated.lo, other.spUpdated.lo), hi: Math.max(this.spUpdated.hi, other.spUpdated.hi) };
    // the changes that update may have left waiting wait since the update, wherever in the hull it was
    if (this.rewait !== null && rewaitOfLast(this)) this.rewait = { ...this.rewait, updated: hull };
    // a photo set in the throttle window may show until the update has landed: the latest of either
    this.showLonger(other);
    this.spUpdated = hull;
    // the earlier last update may bring the next push sooner: it is worked out again by then
    if (other.dueAt < this.dueAt) this.dueAt = other.dueAt;
    this.absorb(other);
  }

  /**
   * Joins `other`, equal but for when the last update was and when the changes still landing were
   * made and land (`key` without `updated` and `landing`), whose span of the last update meets or
   * touches this one's: parts of a push known only to a span that are still landing. The update was
   * at some instant of the hull, and each change lands within either's window (`WindowStore.joinLanding`).
   * WARNING: a superset (an update late in the hull with a landing early in it), as a push over the
   * whole span would be. False, changing nothing, where the stores do not pair change by change.
   */
  joinLanding(other: SharePointSide, now: number): boolean {
    if (!this.sharepoint.joinLanding(other.sharepoint, now)) return false;
    this.joinUpdated(other);
    return true;
  }

  /** Lets each photo that may have shown while unstuck in `other` show as long here (SP-NO-STICK). */
  private showLonger(other: SharePointSide): void {
    for (const [photo, until] of other.unstuckUntil)
      this.unstuckUntil.set(photo, Math.max(until, this.unstuckUntil.get(photo) ?? -Infinity));
  }

  /**
   * Where the last update is an outside change's arrival (`arrivalMadeBy`), that change landing: it
   * came by the last instant any change that may have been it may land, which a visit may have
   * brought earlier (SP-SYNC-WINDOW's arrival reading). A superset: every change still landing then
   * is asked, whenever it was made, and so is every photo gone from the list that may have.
   */
  arrivedByLanding(rule: RuleId): void {
    if (this.arrivalMadeBy === -Infinity) return;
    const { lo, hi } = this.spUpdated;
    let last = this.sharepoint.landingSpan(lo, hi, rule)?.span.hi ?? -Infinity;
    for (const late of this.sharepoint.lateLandings(lo, hi, rule)) last = Math.max(last, late.span.hi);
    if (last >= lo && last < hi) this.spUpdated = { lo, hi: last };
  }

  /**
   * Takes the citations of an equal state that is merged into this one, and what it keeps of the
   * changes gone from its list (`WindowStore.absorbGone`): no read tells those apart, but an
   * arrival may be one that went within the last throttle window (`landingSpan`), which a key does
   * not say. Merged without, an Edit-Cancel of unknown outcome lost the arrival of an upload it
   * may have left travelling (review of 2026-12-07).
   */
  absorb(other: SharePointSide): void {
    this.sharepoint.absorbGone(other.sharepoint);
    for (const photo of other.skipped) this.skipped.add(photo);
    // a change is not followed to another arrival only where neither follows it (a superset)
    this.arrivalMadeBy = Math.min(this.arrivalMadeBy, other.arrivalMadeBy);
    // a change made in the update's instant may have come before it where either was a push (a superset)
    this.byPush ||= other.byPush;
    if (other.seenAt !== this.seenAt) this.seenAt = NaN;
  }

  /**
   * Widens this state to also allow what `other`, equal but for what a cache reaching back may
   * still show (`key(view, params, false)`), allowed. WARNING: a superset, as `absorbGone` says.
   */
  widen(other: SharePointSide): void {
    this.showLonger(other);
    this.absorb(other);
  }

  /**
   * A number equal for states whose exact `key(view, params)` is equal (not the other way round),
   * built without a string: `distinct` builds keys only for states whose numbers meet.
   */
  quick(view: KeyView, params: SharePointKeyParams, withGone = true): number {
    const now = view.now;
    let h = this.sharepoint.quick(view, withGone);
    const u = this.spUpdated;
    if (u.hi + params.throttle > now) h = (Math.imul(h, 31) + ((u.lo % 1e9) | 0) + ((u.hi % 1e9) | 0)) | 0;
    h = (Math.imul(h, 31) + (this.pending === null ? 1 : 2) + (this.rewait === null ? 4 : 8) + (this.unstuck === null ? 16 : 32)) | 0;
    if (this.collapseBy !== Infinity) h = (Math.imul(h, 31) + ((this.collapseBy % 1e9) | 0)) | 0;
    const c = this.collapsed;
    if (c !== null && c.until > now) h = (Math.imul(h, 31) + ((c.lo % 1e9) | 0) + ((c.hi % 1e9) | 0)) | 0;
    if (!withGone) return h;
    for (const [photo, until] of this.unstuckUntil) {
      const seen = canonicalUntil(until, view);
      if (seen !== undefined) h = (h + Math.imul(photoHash(photo), 0x85ebca6b) + ((seen % 1e9) | 0)) | 0;
    }
    return h;
  }

  /**
   * Whether this state, equal to `other` but for what a cache reaching back may still show
   * (`key(…, BUT_GONE)`), shows every such photo at least as long, as reads at `view` and later can
   * tell: it then allows every read, now and later, that `other` allows, and `other` can go
   * (`widen` keeps its citations). Exact: what a read teaches a state (a photo only a change that
   * keeps one of several can have shown) it teaches this one less, never more.
   */
  covers(other: SharePointSide, view: KeyView): boolean {
    if (!this.sharepoint.coversGone(other.sharepoint, view)) return false;
    for (const [photo, until] of other.unstuckUntil) {
      const theirs = canonicalUntil(until, view);
      if (theirs === undefined) continue;
      const mine = this.unstuckUntil.get(photo);
      if (mine === undefined || (canonicalUntil(mine, view) ?? -Infinity) < theirs) return false;
    }
    return true;
  }

  /**
   * Equal keys mean equal futures: what no longer matters (an update older than every window, a
   * past My Site) is left out, and so is each detail `detail` leaves out (KeyDetail).
   */
  key(view: KeyView, params: SharePointKeyParams, detail: KeyDetail = EXACT_KEY): string {
    const withGone = detail.gone;
    const now = view.now;
    const waiting = this.pending !== null || this.unstuck !== null;
    const updated = !detail.updated || this.spUpdated.hi + params.throttle <= now ? '' : `${this.spUpdated.lo}..${this.spUpdated.hi}`;
    const mySite = this.mySiteSince <= now && !(waiting && params.sinceMatters) ? 'y' : `${this.mySiteSince}`;
    const p = this.pending;
    const f = this.fresh;
    const pending =
      p === null ? '' : f === null ? keyOfPending(p, params, now) : `${keyOfPending(p, params, now)}+${keyOfPending(f, params, now)}`;
    const u = this.unstuck;
    const unstuck =
      u === null ? '' : `${[...u.values].sort().join('/')}${u.reachedBy > now ? `>${u.reachedBy}${u.visited ? 'v' : ''}` : ''}`;
    // a photo that may have shown while unstuck is seen by reads reaching back, as a gone value is
    const shown: string[] = [];
    // until when follows from the last update, which `joinUpdated` joins: left out with it
    if (withGone) {
      // as a gone value's: reads reach back to an anchor or to now, so only the anchor it is before counts
      for (const [photo, until] of this.unstuckUntil) {
        const seen = canonicalUntil(until, view);
        if (seen !== undefined) shown.push(detail.updated ? `${photo}<${seen}` : photo);
      }
    }
    shown.sort();
    return [
      this.sharepoint.key(view, withGone, detail.landing),
      mySite,
      updated,
      pending,
      this.visitAt ?? '',
      this.rewait === null
        ? ''
        : `${this.rewait.pushes ? '!' : ''}${this.rewait.visitAt ?? ''}${this.rewait.revisit === null ? '' : 'r'}@${!detail.updated && rewaitOfLast(this) ? '=' : `${this.rewait.updated.lo}..${this.rewait.updated.hi}`}:${keyOfPending(this.rewait.pending, params, now)}${keyOfAlone(this.rewait.alone, params, now)}${this.rewait.proof === null ? '' : `?${this.rewait.proof}`}`,
      waiting ? this.pushAfter : '',
      unstuck,
      shown.join(','),
      this.collapseBy === Infinity ? '' : this.collapseBy,
      this.collapsed === null || this.collapsed.until <= now ? '' : `${this.collapsed.lo}..${this.collapsed.hi}`,
    ].join('#');
  }
}

/** What of `Rewait.alone` the future depends on. */
function keyOfAlone(alone: Rewait['alone'], params: SharePointKeyParams, now: number): string {
  return alone === null ? '' : `~${alone.visitAt ?? ''}:${keyOfPending(alone.pending, params, now)}`;
}

/** The earlier of two visits that may count, null for none. */
function firstVisit(a: number | null, b: number | null): number | null {
  return a === null ? b : b === null ? a : Math.min(a, b);
}

/** Whether the changes `sp`'s last update may have left waiting are those of the update it records (no later push of them widened it). */
function rewaitOfLast(sp: SharePointSide): boolean {
  const u = sp.rewait?.updated;
  return u !== undefined && u.lo === sp.spUpdated.lo && u.hi === sp.spUpdated.hi;
}

/** What of changes waiting the future depends on: since when (SP-MYSITE-ONCE), and when they surely reached Exchange. */
function keyOfPending(p: Pending, params: SharePointKeyParams, now: number): string {
  const visited = p.visited > now ? `v${p.visited}` : '';
  // an AD write DirSync may still collapse is reached later than now: only then can `ad` matter
  const reached = p.reachedBy > now ? `>${p.reachedBy}${p.ad ? `a${p.since.lo}` : ''}` : '';
  return `${params.sinceMatters ? `${p.since.lo}..${p.since.hi}` : 'p'}${reached}${visited}`;
}

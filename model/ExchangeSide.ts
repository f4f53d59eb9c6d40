import { copyMap } from './copyMap.js';
import type { SettingsFacts } from './SettingsTimeline.js';
import { sameSet, union } from './photoLists.js';
import type { RuleId } from './RuleId.js';
import { WindowStore, type KeyView } from './WindowStore.js';
import type { Photo } from './vocabulary.js';

/** Whether the subject is signed in to Lync: known, or either (SPEC section 2: an action of unknown outcome). */
export type Presence = 'online' | 'offline' | 'either';

/**
 * A change to Exchange that may race with another (AD-PERIODIC): when it was made, and its photo;
 * several where two sides were joined past the cap (`joinMissed`): it may have been any of them, and
 * at that instant or earlier.
 */
export type Made = { readonly at: number; readonly photos: readonly Photo[] };

/** Either of two latest changes, as one that races wherever either did: the later instant, both photos. */
function eitherMade(a: Made | null, b: Made | null): Made | null {
  if (a === null || b === null) return a ?? b;
  if (a.at === b.at && sameSet(a.photos, b.photos)) return a;
  return { at: Math.max(a.at, b.at), photos: union(a.photos, b.photos) };
}

/** The AD writes of either of two sides, each once, oldest first: a write races wherever it did on either. */
function eitherRecent(a: readonly Made[], b: readonly Made[]): readonly Made[] {
  if (a === b || b.length === 0) return a;
  if (a.length === 0) return b;
  const out = [...a];
  for (const m of b) if (!out.some((n) => n.at === m.at && sameSet(n.photos, m.photos))) out.push(m);
  return out.sort((x, y) => x.at - y.at);
}

/**
 * One possible state of what a subject's Exchange side holds: the mailbox photo and what decides
 * which changes reach it (presence, policy, the AD sync). Invariant: it evolves from the actions
 * alone, whatever SharePoint or Yammer did, so the checker never forks it for their sake.
 */
export class ExchangeSide {
  exchange: WindowStore;
  /** AD-ONE-TIME: whether an AD photo was ever synced; `either` where the one DirSync carried may have been collapsed into a write that never reached Exchange */
  adSynced: boolean | 'either';
  /** Lync presence; `either` after a sign-in or sign-out of unknown outcome, until an event tells */
  presence: Presence;
  setPhotoEnabled: boolean;
  /** photos a rule kept from Exchange (an AD photo DirSync did not carry, a write a rule refused), and that rule: only to cite */
  stoppedBy = new Map<Photo, RuleId>();
  /**
   * AD-PERIODIC: the AD writes DirSync carries made less than one interval before the latest, oldest
   * first (each races with the latest change made elsewhere less than one interval from it; never
   * changed in place), and the latest change made elsewhere
   */
  recentAd: readonly Made[] = [];
  lastCloud: Made | null = null;
  /**
   * AD-ONE-TIME: when the first AD write DirSync carries was made (DirSync exports the current
   * value, so a write within one interval of it may be exported in its place)
   */
  syncedFirst: number | null = null;
  /**
   * AD-ONE-TIME: whether an AD write other than the one made at `syncedFirst` may have been the
   * first synced: one made before it (`adSynced` was `either` when it raced), or one too large for
   * Exchange made since (AD-SIZE: it may have used the sync). Exchange keeping the photo from before
   * it then says nothing of whether the sync was used
   */
  usedBefore = false;
  /**
   * when the AD writes DirSync carries were made, those less than one interval before the latest:
   * no run need have come between them, so a write it does not carry, made within one interval of
   * one, may collapse it (with two sides joined past the cap, `joinMissed`, either side's)
   */
  carriedAd: readonly number[] = [];
  /**
   * AD-ONE-TIME: a read of Exchange showed the photo only the first AD write synced can have shown
   * (`exportedFirst`): DirSync exported it by then, so no later write was exported in its place
   */
  firstExported = false;
  /**
   * PHOTO-SOURCE: what this possibility took of settings changes of unknown outcome, where an
   * action of its subject had another effect under each (an AD write DirSync carries under some
   * settings and not under others): the change happened, or did not, for every later action of this
   * possibility too (`SettingsTimeline.learn`). Never changed in place: a new map.
   */
  settingsFacts: SettingsFacts | undefined = undefined;

  /** `store`: the Exchange store itself, where a clone brings its own copy */
  constructor(init: { exchange: Photo; adSynced: boolean | 'either'; presence: Presence; setPhotoEnabled: boolean }, store?: WindowStore) {
    this.exchange = store ?? new WindowStore(init.exchange);
    this.adSynced = init.adSynced;
    this.presence = init.presence;
    this.setPhotoEnabled = init.setPhotoEnabled;
  }

  clone(): ExchangeSide {
    // made by the constructor, as every state is, so that all have one shape
    const c = new ExchangeSide(
      { exchange: '', adSynced: this.adSynced, presence: this.presence, setPhotoEnabled: this.setPhotoEnabled },
      this.exchange.clone(),
    );
    c.stoppedBy = copyMap(this.stoppedBy);
    c.recentAd = this.recentAd;
    c.lastCloud = this.lastCloud;
    c.syncedFirst = this.syncedFirst;
    c.usedBefore = this.usedBefore;
    c.carriedAd = this.carriedAd;
    c.firstExported = this.firstExported;
    c.settingsFacts = this.settingsFacts;
    return c;
  }

  /**
   * Exchange kept `photo` of the write made at `at` that keeps one (`WindowStore.undecided`, `index` among the changes).
   * AD-ONE-TIME: where that write is the first AD photo synced and may have collapsed into one never
   * carried, keeping its photo says the one-time sync was used; keeping the photo before it, that it
   * was not, where no other AD write DirSync carried, nor an earlier one (`usedBefore`), may have
   * used it.
   */
  choose(at: number, photo: Photo, index?: number): void {
    const first = this.adSynced === 'either' && this.syncedFirst === at ? this.exchange.keptTellsLanded(at, at, 'DIRSYNC') : undefined;
    if (first !== undefined)
      this.adSynced = photo === first ? true : !this.usedBefore && this.carriedAd.every((x) => x === at) ? false : 'either';
    // AD-ONE-TIME: keeping what it would hold without the write, Exchange never carried it, nor showed its photo
    this.exchange.choose(at, photo, index, 'AD-ONE-TIME');
  }

  /**
   * A read showed that the write made at `at`, which may never have landed, did
   * (`WindowStore.keepSeen`). AD-ONE-TIME: where it is the first AD photo synced, the sync was used.
   */
  landed(at: number): void {
    if (this.adSynced === 'either' && this.syncedFirst === at) this.adSynced = true;
  }

  /**
   * AD-ONE-TIME: a read showed that the first AD write synced, made at `syncedFirst`, had landed in
   * Exchange: DirSync exported it alone, so it was not collapsed into a later write, and every
   * later one never reaches Exchange, however soon after it came.
   */
  exportedFirst(): void {
    const first = this.syncedFirst;
    this.firstExported = true;
    if (first !== null) this.carriedAd = this.carriedAd.filter((at) => at !== first);
  }

  /**
   * AD-ONE-TIME: a read showed that the AD write made at `at`, within one interval of the first one
   * synced, was exported in its place: it is the first synced, exported, and neither it nor the
   * first (never exported) may be collapsed into a later write.
   */
  exportedInPlace(at: number): void {
    const first = this.syncedFirst;
    this.syncedFirst = at;
    this.firstExported = true;
    this.carriedAd = this.carriedAd.filter((x) => x !== at && x !== first);
  }

  /** Takes the citations of an equal state that is merged into this one. */
  absorb(other: ExchangeSide): void {
    for (const [photo, rule] of other.stoppedBy) if (!this.stoppedBy.has(photo)) this.stoppedBy.set(photo, rule);
  }

  /** Widens this state to also allow what `other`, equal but for what a cache reaching back may show, allowed (a superset). */
  widen(other: ExchangeSide): void {
    this.exchange.absorbGone(other.exchange);
    this.absorb(other);
  }

  /**
   * Joins `other`, this side without its newest change (the write of an action of unknown outcome,
   * made last, that did not happen there): the change may not have landed (`WindowStore.mayNotLand`),
   * so it carries too what the store held before it, and keeps one of them once landed; an AD write
   * to come races with the latest change made elsewhere in either (AD-PERIODIC), or with the latest
   * AD write of either, may collapse the one DirSync carried last in either (DIRSYNC), and, where
   * the change was the first AD photo synced, may be the first or not (AD-ONE-TIME: `either`). For
   * two sides equal beside the store but for what that change decides (`keyBesideStore(…, false)`).
   * WARNING: a superset (reads while it lands no longer tell the two apart). False, changing
   * nothing, where the stores differ otherwise, or where both synced a first AD photo at other instants.
   */
  joinMissed(other: ExchangeSide): boolean {
    // AD-ONE-TIME: where the newest change is the first AD photo synced, the one-time sync may have
    // happened or not (`either`, which lets the next AD write be first or race); two sides that
    // both synced one, first at different instants, are not this side and its twin
    const firstSynced = this.adSynced === other.adSynced && this.syncedFirst === other.syncedFirst;
    if (!firstSynced && this.adSynced === true && other.adSynced === true) return false;
    const newest = this.exchange.newestBeyond(other.exchange);
    if (newest === undefined) return false;
    if (!firstSynced) this.adSynced = 'either';
    this.usedBefore ||= other.usedBefore;
    this.firstExported &&= other.firstExported;
    this.exchange.mayNotLand(newest.at, newest.sourceBy, []);
    this.lastCloud = eitherMade(this.lastCloud, other.lastCloud);
    // an AD write: the one DirSync carried last may be either side's, and so may the latest AD writes
    this.recentAd = eitherRecent(this.recentAd, other.recentAd);
    this.carriedAd = [...new Set([...this.carriedAd, ...other.carriedAd])].sort((a, b) => a - b);
    this.absorb(other);
    return true;
  }

  /** The AD writes DirSync carried that were made less than `interval` before `now`: a write it does not carry may collapse them. */
  carriedWithin(now: number, interval: number): number[] {
    return this.carriedAd.filter((at) => now - at < interval);
  }

  /**
   * Equal keys mean equal futures: `race` is how long a change may still race with another (0:
   * never); without `withGone`, what only a cache reaching back may show is left out.
   */
  key(view: KeyView, race: number, withGone = true): string {
    return `${this.exchange.key(view, withGone)}#${this.keyBesideStore(view, race)}`;
  }

  /** A number equal for sides whose `key(view, race, withGone)` is equal (not the other way round), built without a string. */
  quick(view: KeyView, withGone = true): number {
    const presence = this.presence === 'online' ? 1 : this.presence === 'offline' ? 2 : 3;
    const ad = this.adSynced === 'either' ? 4 : this.adSynced ? 8 : 12;
    return (Math.imul(this.exchange.quick(view, withGone), 31) + presence + ad + (this.setPhotoEnabled ? 16 : 32)) | 0;
  }

  /**
   * The part of `key` that is not the store's: equal for two sides whose only difference is in the
   * store; without `withLatest`, what the latest changes decide (the change made elsewhere, the AD
   * write, the one DirSync carried, the one-time AD sync), which `joinMissed` joins, is left out.
   */
  keyBesideStore(view: KeyView, race: number, withLatest = true): string {
    const facts = this.settingsFacts;
    const head = `${this.presence}${+this.setPhotoEnabled}${facts === undefined ? '' : factsKey(facts)}`;
    if (!withLatest) return head;
    const first = this.syncedFirst;
    const synced = first !== null && first + race > view.now ? `${first}${this.usedBefore ? 'u' : ''}${this.firstExported ? 'x' : ''}` : '';
    const ad = this.adSynced === 'either' ? 'e' : +this.adSynced;
    const recent = (m: Made | null) => (m !== null && m.at + race > view.now ? `${m.at}:${m.photos.join('/')}` : '');
    const carried = this.carriedAd.filter((at) => at + race > view.now).join('/');
    return `${head}#${ad}#${synced}#${this.recentAd.map(recent).join('/')}#${recent(this.lastCloud)}#${carried}`;
  }
}

// two possibilities that took other outcomes of a settings change are two worlds: never one state
function factsKey(facts: SettingsFacts): string {
  const out: string[] = [];
  for (const [change, happened] of facts)
    out.push(`${change.at}${change.settings.source}${change.settings.allowedRoles.join('/')}${happened ? '+' : '-'}`);
  return `$${out.sort().join(',')}`;
}

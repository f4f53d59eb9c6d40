import { WindowStore } from './WindowStore.js';
import type { RuleId } from './RuleId.js';
import type { Photo, UserInit } from './vocabulary.js';

/** Outside changes not yet carried to SharePoint (SP-NEEDS-VISIT, SP-MYSITE-ONCE). */
export type Pending = { since: number; values: Photo[] };

/**
 * One possible state of one subject's photo, in every store, as the model knows it.
 * Where the contract leaves a choice the model cannot resolve (an action of unknown outcome),
 * the checker keeps several of these side by side.
 */
export class SubjectWorld {
  exchange: WindowStore;
  sharepoint: WindowStore;
  yammer: WindowStore;
  ad: Photo;
  adSynced: boolean;
  lyncOnline: boolean;
  setPhotoEnabled: boolean;
  /** since when the My Site exists: -Infinity when the header says it does, Infinity while it does not */
  mySiteSince: number;
  /** time of the last SharePoint update; the header's photo was settled long before */
  spUpdated = -Infinity;
  pending: Pending | null = null;
  /** the visit that counts: the first one after the oldest pending change */
  visitAt: number | null = null;
  /** SP-NO-STICK: photos set in SharePoint that may or may not show, since when */
  unstuck: { since: number; values: Photo[] } | null = null;
  /** SP-NO-STICK: photos that may have shown that way, and until when */
  unstuckUntil = new Map<Photo, number>();
  /** photos pushed over before they reached SharePoint (SP-FIRST-LAST) */
  skipped = new Set<Photo>();
  /** AD photos that DirSync did not carry, and the rule that stopped each */
  stoppedBy = new Map<Photo, RuleId>();

  constructor(init: UserInit) {
    this.exchange = new WindowStore(init.photo);
    this.sharepoint = new WindowStore(init.photo);
    this.yammer = new WindowStore(init.photo);
    this.ad = init.photo;
    this.adSynced = init.adSynced;
    this.lyncOnline = init.lync === 'online';
    this.setPhotoEnabled = init.setPhotoEnabled;
    this.mySiteSince = init.mySite ? -Infinity : Infinity;
  }

  /** SPEC readings: a SharePoint upload, a visit and Edit-Cancel each create the My Site. */
  createMySite(at: number): void {
    if (this.mySiteSince > at) this.mySiteSince = at;
  }

  clone(): SubjectWorld {
    const w: SubjectWorld = Object.create(SubjectWorld.prototype);
    Object.assign(w, this);
    w.exchange = this.exchange.clone();
    w.sharepoint = this.sharepoint.clone();
    w.yammer = this.yammer.clone();
    w.pending = this.pending && { since: this.pending.since, values: [...this.pending.values] };
    w.unstuck = this.unstuck && { since: this.unstuck.since, values: [...this.unstuck.values] };
    w.unstuckUntil = new Map(this.unstuckUntil);
    w.skipped = new Set(this.skipped);
    w.stoppedBy = new Map(this.stoppedBy);
    return w;
  }

  /** Equal keys mean equal futures: the checker merges such possibilities. */
  key(): string {
    return JSON.stringify([
      this.exchange.key(),
      this.sharepoint.key(),
      this.yammer.key(),
      this.ad,
      this.adSynced,
      this.lyncOnline,
      this.setPhotoEnabled,
      this.mySiteSince,
      this.spUpdated,
      this.pending,
      this.visitAt,
      this.unstuck,
      [...this.unstuckUntil],
      [...this.skipped],
      [...this.stoppedBy],
    ]);
  }
}

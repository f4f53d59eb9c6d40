import type { Random } from './Random.js';
import type { Photo } from '../../model/vocabulary.js';
import { ReplicatedStore, type Held } from './ReplicatedStore.js';
import type { SimContext } from './SimContext.js';
import { isNewer, SETTLED_IN_EXCHANGE, type Version } from './Version.js';

/** The largest thumbnailPhoto, in bytes, that Exchange takes from on-premises AD (MSDOC Exchange troubleshooting). */
export const AD_PHOTO_LIMIT = 10_240;

const COPIES = ['copy-a', 'copy-b'] as const;
type Copy = (typeof COPIES)[number];

/** How a mailbox starts: its photo, and the change it came from when that change still travels elsewhere. */
export type MailboxInit = { photo: Photo; adSynced: boolean; setPhotoEnabled: boolean; version?: Version };

/**
 * One user's mailbox photo: what Outlook, Lync, Teams and Graph read. Kept in two database copies
 * that each take a change at their own instant, so a reader may hit either while a change lands.
 * Where AD photos sync periodically (AD-PERIODIC), the photo DirSync brings and the last photo set
 * in the cloud within one DirSync interval of it race, and the mailbox keeps one of the two.
 * Invariant: a change written with a deadline has reached both copies before it.
 */
export class ExchangeMailbox {
  private readonly copies: ReplicatedStore<Copy>;
  /** AD-ONE-TIME: the mailbox already took its one photo from on-premises AD */
  private adSynced: boolean;
  /** AD-PERIODIC: the last AD photo DirSync brought here, when it was written on premises, and the photo sent here before it */
  private lastAd: { photo: Photo; madeAt: number; before: Photo } | undefined;
  /** AD-PERIODIC: the last photo set here from the cloud (any path but AD and Yammer), and the photo sent here before it */
  private lastCloud: { photo: Photo; madeAt: number; before: Photo } | undefined;
  /** the newest change sent here, landed or not: what a race that a mutant's mailbox leaves unsettled falls back from */
  private newest: Held;
  /** when every change sent here has surely landed */
  private landsBy = -Infinity;
  /** the OWA mailbox policy's SetPhotoEnabled for this mailbox */
  setPhotoEnabled: boolean;

  constructor(
    private readonly ctx: SimContext,
    init: MailboxInit,
  ) {
    this.copies = new ReplicatedStore(ctx.clock, COPIES, init.photo, init.version ?? SETTLED_IN_EXCHANGE);
    this.newest = { photo: init.photo, version: init.version ?? SETTLED_IN_EXCHANGE };
    this.adSynced = init.adSynced;
    this.setPhotoEnabled = init.setPhotoEnabled;
  }

  /** Sends a change that reaches each copy at a random instant of [now, deadline) (or exactly `exoDelayMs` late, for a mutant). */
  write(photo: Photo, version: Version, deadline: number): void {
    const now = this.ctx.clock.now();
    const late = this.ctx.deviations.exoDelayMs;
    if (isNewer(version, this.newest.version)) this.newest = { photo, version };
    this.landsBy = Math.max(this.landsBy, late !== undefined ? now + late : deadline);
    this.copies.send(photo, version, () => (late !== undefined ? now + late : now + this.ctx.random.delayWithin(deadline - now)));
  }

  /**
   * A photo set from the cloud (EXO-FAST). Under AD-PERIODIC, when the last AD photo DirSync brought
   * was written less than dirSyncInterval before it, and no newer AD write waits for DirSync (that
   * one will race instead), a coin decides whether the mailbox keeps the AD photo: it then writes
   * it again, after the cloud photo, which may show until the AD photo lands.
   */
  writeFromCloud(photo: Photo, version: Version, deadline: number, adWaiting: boolean): void {
    const before = this.newest.photo;
    this.write(photo, version, deadline);
    if (!this.ctx.behaviour.has('AD-PERIODIC')) return;
    this.lastCloud = { photo, madeAt: version.at, before };
    const ad = this.lastAd;
    if (adWaiting || ad === undefined || !(version.at - ad.madeAt < this.ctx.behaviour.param('dirSyncInterval'))) return;
    // a mutant's mailbox keeps neither: the photo sent here before the AD photo lands over both
    if (this.ctx.deviations.adRaceKeepsNeither) return this.write(ad.before, this.ctx.versions.mint(this.ctx.clock.now()), deadline);
    if (this.ctx.random.chance(0.5)) this.write(ad.photo, this.ctx.versions.mint(this.ctx.clock.now()), deadline);
  }

  /**
   * DirSync brings an AD photo written on premises at `version.at`. Under AD-PERIODIC, when the last
   * cloud photo was set less than dirSyncInterval before or after that write, a coin decides which
   * of the two the mailbox keeps: the winner is written last, after the loser, which may show
   * until the winner lands.
   */
  carryFromAd(photo: Photo, version: Version, deadline: number): void {
    const { behaviour, random, versions, clock, deviations: dev } = this.ctx;
    if (!behaviour.has('AD-PERIODIC')) return this.write(photo, version, deadline);
    this.lastAd = { photo, madeAt: version.at, before: this.newest.photo };
    const cloud = this.lastCloud;
    if (cloud === undefined || !(Math.abs(cloud.madeAt - version.at) < behaviour.param('dirSyncInterval'))) {
      return this.write(photo, version, deadline);
    }
    const now = clock.now();
    if (dev.adRaceKeepsNeither) {
      // a mutant's mailbox keeps neither: the photo sent here before the cloud photo lands over both
      this.write(photo, version, deadline);
      this.write(cloud.before, versions.mint(now), deadline);
    } else if (random.chance(0.5)) {
      // the AD photo wins: it lands over the cloud photo, whichever was made first
      this.write(photo, versions.mint(now), deadline);
    } else {
      // the cloud photo wins: the AD photo may show until the cloud photo is written again over it
      this.write(photo, version, deadline);
      this.write(cloud.photo, versions.mint(now), deadline);
    }
  }

  /** What a reader sees: one copy or the other, as `random` picks (a look's own dice: SimContext.readDice). */
  read(random: Random = this.ctx.random): Held {
    return this.copies.read(random.pick(COPIES));
  }

  /** Whether both copies hold this change or a newer one: the change has reached Exchange. */
  holds(version: Version): boolean {
    return this.copies.holds(version);
  }

  /** When every change sent here has surely landed (-Infinity: none was sent), even one of the photo both copies hold. */
  landedBy(): number {
    return this.landsBy;
  }

  /** The photo both copies hold when nothing that would change them is on its way; undefined otherwise. Draws no dice. */
  settledPhoto(): Photo | undefined {
    return this.copies.settled();
  }

  /** AD-PERIODIC: when the last photo was set here from the cloud (-Infinity: none), which an AD write less than dirSyncInterval later would race. */
  lastCloudAt(): number {
    return this.lastCloud?.madeAt ?? -Infinity;
  }

  /** AD-ONE-TIME: whether the mailbox already took a photo from on-premises AD. */
  hasAdPhoto(): boolean {
    return this.adSynced;
  }

  /**
   * Whether a photo written on premises now will ever reach this mailbox (AD-SIZE, AD-ONE-TIME);
   * a photo that will claims the one-time sync (`adSynced`). The SPEC counts a DirSync change as made at the time
   * of the AD write, so that is when this is decided.
   */
  takesAdPhoto(bytes: number | undefined): boolean {
    const { behaviour, deviations: dev } = this.ctx;
    // a write whose size is not given is taken to be within the limit, as the contract's readers do
    if (behaviour.has('AD-SIZE') && (bytes ?? 0) > AD_PHOTO_LIMIT) return false;
    if ((behaviour.has('AD-ONE-TIME') || dev.adOneTime === true) && this.adSynced) return false;
    this.adSynced = true;
    return true;
  }
}

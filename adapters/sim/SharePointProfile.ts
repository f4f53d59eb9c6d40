import type { Random } from './Random.js';
import type { Photo, Surface } from '../../model/vocabulary.js';
import type { ExchangeMailbox } from './ExchangeMailbox.js';
import { ReplicatedStore } from './ReplicatedStore.js';
import type { SimContext } from './SimContext.js';
import { isNewer, type Version } from './Version.js';
import type { Timer } from './VirtualClock.js';

const SIZES = ['S', 'M', 'L'] as const;
/** The three thumbnails SharePoint renders of a profile photo (TW14: "the 3 sizes of profile images"). */
export type ThumbnailSize = (typeof SIZES)[number];

/** Which thumbnail each SharePoint surface shows. */
export const THUMBNAIL_OF: Partial<Record<Surface, ThumbnailSize>> = {
  'sp-mysite': 'L',
  delve: 'L',
  'sp-search': 'M',
  'sp-newsfeed': 'S',
  'sp-people-picker': 'S',
};

/**
 * How a SharePoint profile starts (SPEC section 6, unknowns already drawn): its photo, whether the
 * My Site exists, its last update (absent: never), and an outside change made before the start
 * that still waits to reach it (the change Exchange's photo came from).
 */
export type SharePointInit = {
  readonly photo: Photo;
  readonly mySite: boolean;
  readonly spUpdated?: number | undefined;
  readonly pending?: { readonly photo: Photo; readonly version: Version } | undefined;
};

/**
 * One user's SharePoint profile photo, with its own update bookkeeping and timer job.
 * Every thumbnail carries the version of the Exchange change it was made from, and keeps the
 * newest it receives. Invariant: the job pushes at most once per instant, and a push, Edit-Cancel or
 * a photo that sticks each set `spUpdated`; nothing else does. A photo that sticks may leave the
 * outside changes waiting.
 */
export class SharePointProfile {
  private readonly thumbnails: ReplicatedStore<ThumbnailSize>;
  /** the last SharePoint update (SP-THROTTLE); the header's photo was settled long before */
  private spUpdated = -Infinity;
  private mySiteSince: number;
  /** PictureExchangeSyncState: since when an outside change waits for SharePoint to pick it up */
  private changedSince: number | null = null;
  /** the oldest of those changes, which a mutant's push carries instead of Exchange's photo */
  private oldest: { photo: Photo; version: Version } | null = null;
  /** the newest of those changes, which a copy of Exchange may not have taken yet */
  private newest: Version | null = null;
  /** the first visit since that change: the one the job remembers (SP-NEEDS-VISIT) */
  private visitAt: number | null = null;
  /** the newest of those changes when the subject last visited: a copy that missed it leaves the visit counting */
  private visitedNewest: Version | null = null;
  /** photos uploaded here inside the throttle window: some front ends show them, some do not (SP-NO-STICK) */
  private unstuck: Photo[] = [];
  private job: { at: number; timer: Timer } | undefined;

  constructor(
    private readonly ctx: SimContext,
    private readonly exchange: ExchangeMailbox,
    init: SharePointInit,
  ) {
    this.thumbnails = new ReplicatedStore(ctx.clock, SIZES, init.photo);
    this.mySiteSince = init.mySite ? -Infinity : Infinity;
    this.spUpdated = init.spUpdated ?? -Infinity;
    // a change made before the start that still waits: Exchange took it, SharePoint not yet
    if (init.pending !== undefined) this.outsideChange(init.pending.photo, init.pending.version);
  }

  /** `setPhoto via sharepoint` where SharePoint keeps the upload (SP-ORIGIN); Exchange got it already. */
  upload(photo: Photo, version: Version): void {
    const now = this.ctx.clock.now();
    this.createMySite(now);
    if (now >= this.spUpdated + this.throttle()) {
      this.thumbnails.put(photo, version);
      this.spUpdated = now;
      // whether it settles the outside changes waiting the sources do not say (SP-ORIGIN's reading):
      // this tenant does or leaves them waiting for the visit that counts, whose push at the end of
      // the throttle then takes Exchange's photo of that instant; dice that leave `random` alone
      if (this.changedSince === null || this.ctx.readDice('sp-upload-settles').chance(0.5)) {
        this.changedSince = null;
        this.oldest = null;
        this.newest = null;
        this.visitAt = null;
        this.visitedNewest = null;
      }
    } else if (this.ctx.behaviour.has('SP-NO-STICK')) {
      this.unstuck.push(photo);
    }
    this.reschedule();
  }

  /** Exchange got, or is about to get, a photo from outside SharePoint (made at `version.at`). */
  outsideChange(photo: Photo, version: Version): void {
    const { clock, random, behaviour, deviations: dev } = this.ctx;
    const now = clock.now();
    this.changedSince ??= version.at;
    this.oldest ??= { photo, version };
    this.newest = version;
    if (behaviour.has('SP-SYNC-WINDOW')) {
      // the people system sends the changed photo itself, within spSync of the change
      const deadline = version.at + behaviour.param('spSync');
      const late = dev.spSyncMs;
      this.thumbnails.send(photo, version, () => (late !== undefined ? version.at + late : now + random.delayWithin(deadline - now)));
    }
    this.reschedule();
  }

  /** The subject opens their My Site or a page with the large thumbnail. */
  visit(): void {
    this.noteVisit();
    this.reschedule();
  }

  /**
   * The subject opens the photo editor and presses Cancel: SharePoint copies Exchange at once
   * (EDIT-CANCEL). Where the editor is gone (no EDIT-CANCEL), the page is only a visit.
   */
  editCancel(): void {
    const { deviations: dev, versions, clock, behaviour } = this.ctx;
    if (dev.editCancel === 'noop') return;
    if (!behaviour.has('EDIT-CANCEL') && dev.editCancel === undefined) return this.visit();
    this.noteVisit();
    const held = dev.editCancel === 'clears' ? { photo: 'none', version: versions.mint(clock.now()) } : this.exchange.read();
    // a thumbnail made from a newer Exchange change than this copy's keeps it: that change is
    // itself still landing in Exchange
    this.thumbnails.put(held.photo, held.version);
    this.copied(this.ctx.clock.now(), held.version);
    this.reschedule();
  }

  /** What a SharePoint page shows for this thumbnail now. */
  read(size: ThumbnailSize, random: Random = this.ctx.random): Photo {
    if (this.unstuck.length > 0 && random.chance(0.5)) return random.pick(this.unstuck);
    return this.thumbnails.read(size).photo;
  }

  /** The photo every thumbnail holds when nothing is on its way and no upload flips; undefined otherwise. Draws no dice. */
  settledPhoto(): Photo | undefined {
    return this.unstuck.length > 0 ? undefined : this.thumbnails.settled();
  }

  /** Whether the My Site exists at `at`. */
  hasMySite(at: number): boolean {
    return this.mySiteSince <= at;
  }

  /** When the timer job pushes next (a visit remembered, a window that ends, an existing My Site): Infinity when nothing waits. */
  nextPushAt(): number {
    return this.due();
  }

  private noteVisit(): void {
    const { clock, random, behaviour } = this.ctx;
    const now = clock.now();
    this.createMySite(now);
    if (this.changedSince !== null) {
      if (this.visitAt === null) this.visitAt = now;
      this.visitedNewest = this.newest;
    }
    if (behaviour.has('SP-SYNC-WINDOW')) {
      // Exchange is SharePoint's source: the visit brings the changes made before it that have
      // landed on the mailbox; one still on its way there keeps its own spSync window
      const pickup = behaviour.param('spPickup');
      this.thumbnails.hasten(
        (v) => v.at < now && this.exchange.holds(v),
        () => now + random.delayWithin(pickup),
      );
    }
  }

  private createMySite(at: number): void {
    if (this.mySiteSince > at) this.mySiteSince = at;
  }

  private throttle(): number {
    return this.ctx.behaviour.param('spThrottle');
  }

  /** When the timer job has to push next: Infinity when nothing waits. */
  private due(): number {
    const { behaviour, deviations: dev } = this.ctx;
    let due = Infinity;
    if (this.changedSince !== null) {
      let trigger = behaviour.has('SP-NEEDS-VISIT') && this.visitAt !== null ? this.visitAt : Infinity;
      if (dev.spPushWithoutVisitMs !== undefined) trigger = Math.min(trigger, this.changedSince + dev.spPushWithoutVisitMs);
      if (behaviour.has('SP-MYSITE-ONCE') && this.mySiteSince !== Infinity) {
        trigger = Math.min(trigger, Math.max(this.changedSince + behaviour.param('spSync'), this.mySiteSince));
      }
      if (trigger !== Infinity && behaviour.has('SP-THROTTLE')) trigger = Math.max(trigger, this.spUpdated + this.throttle());
      due = trigger;
    }
    if (this.unstuck.length > 0) due = Math.min(due, this.spUpdated + this.throttle());
    return due;
  }

  private reschedule(): void {
    const { clock } = this.ctx;
    for (;;) {
      const due = this.due();
      if (due > clock.now()) {
        if (this.job?.at === due) return;
        this.job?.timer.cancel();
        this.job = due === Infinity ? undefined : { at: due, timer: clock.schedule(due, () => this.run()) };
        return;
      }
      this.push();
    }
  }

  private run(): void {
    this.job = undefined;
    this.reschedule();
  }

  /** The timer job: thumbnails of Exchange's photo of this instant, landing within spPickup. */
  private push(): void {
    const { clock, random, behaviour } = this.ctx;
    const now = clock.now();
    const held = this.ctx.deviations.spPushTakesOldest && this.oldest !== null ? this.oldest : this.exchange.read();
    const pickup = behaviour.param('spPickup');
    this.thumbnails.send(held.photo, held.version, () => now + random.delayWithin(pickup));
    this.copied(now, held.version);
  }

  /**
   * A copy of Exchange (a push, Edit-Cancel) that took `version`: where a change waiting had not
   * reached Exchange yet, whether it is settled or still waits the sources do not say (the model
   * allows both): this tenant does either, by dice that leave `random` alone. Where it still waits,
   * the visit that counted makes the next push, at the end of the window this copy opened, if it
   * came after a change the copy missed; else those wait for a visit of their own (SP-NEEDS-VISIT).
   */
  private copied(now: number, version: Version): void {
    const missed = this.newest !== null && isNewer(this.newest, version);
    if (!missed || this.ctx.readDice('sp-copy-settles').chance(0.5)) return this.settled(now);
    this.spUpdated = now;
    this.unstuck = [];
    if (this.visitedNewest === null || !isNewer(this.visitedNewest, version)) this.visitAt = null;
    // with no throttle to wait for (a mutant's), the push would be due again at once: settled
    if (this.due() <= now) this.settled(now);
  }

  private settled(now: number): void {
    this.spUpdated = now;
    this.changedSince = null;
    this.oldest = null;
    this.newest = null;
    this.visitAt = null;
    this.visitedNewest = null;
    this.unstuck = [];
  }
}

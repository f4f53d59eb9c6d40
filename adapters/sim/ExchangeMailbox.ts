import type { Photo } from '../../model/vocabulary.js';
import { ReplicatedStore, type Held } from './ReplicatedStore.js';
import type { SimContext } from './SimContext.js';
import type { Version } from './Version.js';

/** The largest thumbnailPhoto, in bytes, that Exchange takes from on-premises AD (MSDOC Exchange troubleshooting). */
export const AD_PHOTO_LIMIT = 10_240;

const COPIES = ['copy-a', 'copy-b'] as const;
type Copy = (typeof COPIES)[number];

/**
 * One user's mailbox photo: what Outlook, Lync, Teams and Graph read. Kept in two database copies
 * that each take a change at their own instant, so a reader may hit either while a change lands.
 * Invariant: a change written with a deadline has reached both copies before it.
 */
export class ExchangeMailbox {
  private readonly copies: ReplicatedStore<Copy>;
  /** AD-ONE-TIME: the mailbox already took its one photo from on-premises AD */
  private adSynced: boolean;
  /** the OWA mailbox policy's SetPhotoEnabled for this mailbox */
  setPhotoEnabled: boolean;

  constructor(
    private readonly ctx: SimContext,
    init: { photo: Photo; adSynced: boolean; setPhotoEnabled: boolean },
  ) {
    this.copies = new ReplicatedStore(ctx.clock, COPIES, init.photo);
    this.adSynced = init.adSynced;
    this.setPhotoEnabled = init.setPhotoEnabled;
  }

  /** Sends a change that reaches each copy at a random instant of [now, deadline) (or exactly `exoDelayMs` late, for a mutant). */
  write(photo: Photo, version: Version, deadline: number): void {
    const now = this.ctx.clock.now();
    const late = this.ctx.deviations.exoDelayMs;
    this.copies.send(photo, version, () => (late !== undefined ? now + late : now + this.ctx.random.delayWithin(deadline - now)));
  }

  /** What a reader sees: one copy or the other. */
  read(): Held {
    return this.copies.read(this.ctx.random.pick(COPIES));
  }

  /**
   * Whether a photo written on premises now will ever reach this mailbox (AD-SIZE, AD-ONE-TIME);
   * a photo that will claims the one-time sync. The SPEC counts a DirSync change as made at the time
   * of the AD write, so that is when this is decided.
   */
  takesAdPhoto(bytes: number | undefined): boolean {
    const { behaviour } = this.ctx;
    // a write whose size is not given is taken to be within the limit, as the contract's readers do
    if (behaviour.has('AD-SIZE') && (bytes ?? 0) > AD_PHOTO_LIMIT) return false;
    if (behaviour.has('AD-ONE-TIME')) {
      if (this.adSynced) return false;
      this.adSynced = true;
    }
    return true;
  }
}

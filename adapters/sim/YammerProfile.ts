import type { Photo } from '../../model/vocabulary.js';
import { ReplicatedStore, type Held } from './ReplicatedStore.js';
import type { SimContext } from './SimContext.js';
import type { Version } from './Version.js';

/**
 * One user's Yammer / Viva Engage photo: a store of its own. In 2014 only Yammer's own upload sets
 * it (YAMMER-ISOLATED); today it copies the Entra photo when the user opens it (YAMMER-FROM-ENTRA).
 * Invariant: it keeps the newest version it received.
 */
export class YammerProfile {
  private readonly store: ReplicatedStore<'yammer'>;

  constructor(
    private readonly ctx: SimContext,
    initial: Photo,
  ) {
    this.store = new ReplicatedStore(ctx.clock, ['yammer'], initial);
  }

  /** An upload in Yammer itself: at once. */
  upload(photo: Photo, version: Version): void {
    this.store.put(photo, version);
  }

  /** A copy of the mailbox photo `held`, landing at a random instant of [now, deadline). */
  copy(held: Held, deadline: number): void {
    const now = this.ctx.clock.now();
    this.store.send(held.photo, held.version, () => now + this.ctx.random.delayWithin(deadline - now));
  }

  read(): Photo {
    return this.store.read('yammer').photo;
  }

  /** The photo Yammer holds when no copy is on its way; undefined otherwise. */
  settledPhoto(): Photo | undefined {
    return this.store.settled();
  }
}

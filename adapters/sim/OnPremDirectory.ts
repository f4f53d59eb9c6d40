import type { Photo } from '../../model/vocabulary.js';
import type { SimContext } from './SimContext.js';
import type { Version } from './Version.js';
import type { Timer } from './VirtualClock.js';

/** One AD write waiting for the next DirSync run. */
export type AdDelta = { readonly user: string; readonly photo: Photo; readonly version: Version };

/**
 * On-premises Active Directory (`thumbnailPhoto`) and its DirSync cycle: a run every
 * `dirSyncInterval` from a random phase carries the writes made since the last run, in order.
 * Invariant: a write is carried by the first run after it, so within one interval; a run is on
 * the clock only while some write waits for it.
 */
export class OnPremDirectory {
  private readonly thumbnailPhoto = new Map<string, Photo>();
  private queue: AdDelta[] = [];
  private readonly phase: number;
  private run: Timer | undefined;

  /**
   * `coalesce`: a run may carry only the last of several writes of one user, as a sync of the
   * attribute's current value would; allowed only where an earlier write may simply not show.
   */
  constructor(
    private readonly ctx: SimContext,
    private readonly interval: number,
    private readonly coalesce: boolean,
    private readonly carry: (delta: AdDelta) => void,
  ) {
    this.phase = ctx.clock.now() + ctx.random.int(interval);
  }

  /** Sets a user's photo as the header declares it: already synced long before. */
  init(user: string, photo: Photo): void {
    this.thumbnailPhoto.set(user, photo);
  }

  /** Writes `thumbnailPhoto`; `synced` says whether DirSync will carry it (a filtered write stays on premises). */
  write(user: string, photo: Photo, version: Version, synced: boolean): void {
    this.thumbnailPhoto.set(user, photo);
    if (!synced) return;
    this.queue.push({ user, photo, version });
    if (this.run === undefined) this.run = this.ctx.clock.schedule(this.nextRunAfter(this.ctx.clock.now()), () => this.sync());
  }

  photoOf(user: string): Photo | undefined {
    return this.thumbnailPhoto.get(user);
  }

  /** The first run strictly after `t`: a run at `t` itself fired before anything else happened at `t`. */
  private nextRunAfter(t: number): number {
    const k = Math.floor((t - this.phase) / this.interval) + 1;
    return this.phase + k * this.interval;
  }

  private sync(): void {
    this.run = undefined;
    let carried = this.queue;
    this.queue = [];
    if (this.coalesce && this.ctx.random.chance(0.5)) {
      const last = new Map(carried.map((d) => [d.user, d]));
      carried = carried.filter((d) => last.get(d.user) === d);
    }
    for (const d of carried) this.carry(d);
  }
}

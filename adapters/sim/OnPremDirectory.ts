import type { Photo } from '../../model/vocabulary.js';
import type { SimContext } from './SimContext.js';
import type { Version } from './Version.js';
import type { Timer } from './VirtualClock.js';

/** One AD write waiting for the next DirSync run. */
export type AdDelta = { readonly user: string; readonly photo: Photo; readonly version: Version };

/**
 * How a run treats several writes of one user made since the last run: `never` carries each in
 * order; `sometimes` may carry only the last, as a sync of the attribute's current value would
 * (a coin per run); `always` carries only the last, the attribute's current value (AD-PERIODIC).
 */
export type Coalesce = 'never' | 'sometimes' | 'always';

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
  private lastWrite = -Infinity;

  /** `coalesce`: allowed only where an earlier write may simply not show (it is in flight until its window closes). */
  constructor(
    private readonly ctx: SimContext,
    private readonly interval: number,
    private readonly coalesce: Coalesce | boolean,
    private readonly carry: (delta: AdDelta) => void,
  ) {
    this.phase = ctx.clock.now() + ctx.random.int(interval);
  }

  /** Sets a user's photo as the header declares it: already synced long before. */
  init(user: string, photo: Photo): void {
    this.thumbnailPhoto.set(user, photo);
  }

  /**
   * Writes `thumbnailPhoto`; `synced` says whether DirSync will carry it (a filtered write stays on
   * premises): judged now, when the write is made, whatever the run that carries it finds.
   */
  write(user: string, photo: Photo, version: Version, synced: boolean): void {
    this.thumbnailPhoto.set(user, photo);
    this.lastWrite = this.ctx.clock.now();
    if (!synced) return;
    this.queue.push({ user, photo, version });
    if (this.run === undefined) this.run = this.ctx.clock.schedule(this.nextRunAfter(this.ctx.clock.now()), () => this.sync());
  }

  photoOf(user: string): Photo | undefined {
    return this.thumbnailPhoto.get(user);
  }

  /** Whether a write of this user waits for the next run. */
  isWaiting(user: string): boolean {
    return this.queue.some((d) => d.user === user);
  }

  /** When the last write on premises was made, carried or not (-Infinity: none since the start). */
  lastWriteAt(): number {
    return this.lastWrite;
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
    const mode = this.coalesce === true ? 'sometimes' : this.coalesce === false ? 'never' : this.coalesce;
    if (mode === 'always' || (mode === 'sometimes' && this.ctx.random.chance(0.5))) {
      const last = new Map(carried.map((d) => [d.user, d]));
      carried = carried.filter((d) => last.get(d.user) === d);
    }
    for (const d of carried) this.carry(d);
  }
}

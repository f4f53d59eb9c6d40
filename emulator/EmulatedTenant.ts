import { perform, type ActionOutcome, type Adapter } from '../adapters/Adapter.js';
import type { Action, Photo, PhotoSettings, Surface } from '../model/vocabulary.js';
import type { Directory } from './Directory.js';
import type { PhotoStore } from './photos/PhotoStore.js';

/**
 * The simulated tenant behind the emulator's endpoints, with its directory and the bytes of the
 * photos uploaded to it. Invariant: its virtual clock moves only through `advance`; every change
 * goes through the simulated tenant's own handlers, which decide whether it is accepted.
 */
export class EmulatedTenant {
  private photoSettings: PhotoSettings;

  constructor(
    private readonly adapter: Adapter,
    readonly directory: Directory,
    readonly photos: PhotoStore,
    photoSettings: PhotoSettings,
  ) {
    this.photoSettings = photoSettings;
  }

  /** The virtual time, ms since the epoch. */
  now(): number {
    return this.adapter.clock.now();
  }

  /** Time passes on the virtual clock (the simulated tenant's `wait`). */
  async advance(ms: number): Promise<void> {
    await perform(this.adapter, { do: 'wait', ms });
  }

  /** Performs an action as the simulated tenant does: ok, rejected with its reason, or unknown. */
  async act(action: Action): Promise<ActionOutcome> {
    const outcome = await perform(this.adapter, action);
    if (action.do === 'setPhotoSettings' && outcome.status === 'ok') {
      this.photoSettings = { source: action.source, allowedRoles: [...(action.allowedRoles ?? [])] };
    }
    return outcome;
  }

  /** What `viewer` sees of `user`'s photo on `surface`, or undefined when the tenant cannot tell (a surface it lacks). */
  async see(surface: Surface, user: string, viewer: string): Promise<Photo | undefined> {
    const seen = await this.adapter.observe(surface, user, viewer);
    return seen.status === 'seen' ? seen.photo : undefined;
  }

  /** Whether the tenant has `surface` at all (no Lync once retired, no Delve once retired). */
  has(surface: Surface): boolean {
    return this.adapter.capabilities.surfaces.includes(surface);
  }

  /** The photo update settings as last written (Graph's `photoUpdateSettings`). */
  get settings(): PhotoSettings {
    return this.photoSettings;
  }
}

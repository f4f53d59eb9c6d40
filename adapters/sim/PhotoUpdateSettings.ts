import type { PhotoSettings } from '../../model/vocabulary.js';
import type { SimContext } from './SimContext.js';

const FRONT_ENDS = 3;

type Held = { readonly settings: PhotoSettings; readonly n: number };

/**
 * The tenant's photo update settings (Graph `admin/people/photoUpdateSettings`) as the front ends
 * that judge photo changes hold them: a new setting reaches each front end at an instant of its
 * own within settingsLag, and each request is judged by the one front end it reaches. So an action
 * made within settingsLag of a change is judged by the old or the new settings, each independently.
 * Invariant: a change has reached every front end settingsLag after it was made, and a front end
 * never goes back to older settings.
 */
export class PhotoUpdateSettings {
  private readonly frontEnds: Held[];
  private written: Held;
  /** when the settings were last changed: -Infinity for the settings the tenant started with */
  private changedAt = -Infinity;

  constructor(
    private readonly ctx: SimContext,
    initial: PhotoSettings,
  ) {
    this.written = { settings: initial, n: 0 };
    this.frontEnds = Array.from({ length: FRONT_ENDS }, () => this.written);
  }

  /** The admin sets new settings (`setPhotoSettings`); they reach each front end within settingsLag. */
  change(settings: PhotoSettings): void {
    const { clock, random, behaviour, deviations: dev } = this.ctx;
    const now = clock.now();
    this.written = { settings, n: this.written.n + 1 };
    this.changedAt = now;
    const held = this.written;
    // a profile without PHOTO-SOURCE has no such parameter: its settings change nothing anyway
    const lag = dev.settingsLagMs ?? behaviour.paramOr('settingsLag', 0);
    this.frontEnds.forEach((_, i) => {
      const at = dev.settingsLagMs !== undefined ? now + lag : now + random.delayWithin(lag);
      clock.schedule(at, () => {
        if (held.n > this.frontEnds[i]!.n) this.frontEnds[i] = held;
      });
    });
  }

  /** The settings a request made now is judged by: those of the front end it reaches. */
  judge(): PhotoSettings {
    const first = this.frontEnds[0]!;
    // no dice while every front end agrees, so that a tenant that never changes them draws none
    if (this.frontEnds.every((f) => f === first)) return first.settings;
    return this.ctx.random.pick(this.frontEnds).settings;
  }

  /** The settings last set, as Graph reads them back once they have settled. */
  current(): PhotoSettings {
    return this.written.settings;
  }

  /** When the settings were last changed (-Infinity: never since the start of the tenant). */
  lastChangedAt(): number {
    return this.changedAt;
  }
}

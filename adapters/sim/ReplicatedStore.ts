import type { Photo } from '../../model/vocabulary.js';
import { isNewer, SETTLED, type Version } from './Version.js';
import type { Timer, VirtualClock } from './VirtualClock.js';

/** What one copy of a store holds. */
export type Held = { readonly photo: Photo; readonly version: Version };

type Delivery = { readonly photo: Photo; readonly version: Version; landAt: number; timer: Timer };

/**
 * A store kept in several copies (mailbox database copies, thumbnail sizes): a write reaches each
 * copy at an instant of its own, and a copy takes it only when it is newer than what it holds.
 * Invariant: each copy shows the newest version that has landed on it; so two reads may reach
 * different copies, but no copy ever goes back to an older change.
 */
export class ReplicatedStore<R extends string> {
  private readonly held: Map<R, Held>;
  private readonly inFlight = new Map<R, Set<Delivery>>();

  /** `version`: the change the initial photo came from (a change made before the start still travelling elsewhere); settled long before by default */
  constructor(
    private readonly clock: VirtualClock,
    readonly replicas: readonly R[],
    initial: Photo,
    version: Version = SETTLED,
  ) {
    this.held = new Map(replicas.map((r) => [r, { photo: initial, version }]));
    for (const r of replicas) this.inFlight.set(r, new Set());
  }

  /** Sends a change to every copy; `landAt` says when it reaches each one (not before now). */
  send(photo: Photo, version: Version, landAt: (replica: R) => number): void {
    for (const r of this.replicas) this.deliver(r, { photo, version, landAt: landAt(r), timer: NO_TIMER });
  }

  /** Writes at once on every copy that holds an older version. */
  put(photo: Photo, version: Version): void {
    for (const r of this.replicas) this.land(r, photo, version);
  }

  read(replica: R): Held {
    return this.held.get(replica)!;
  }

  /** Every change still on its way that `which` picks lands by `landBy()` at the latest. */
  hasten(which: (version: Version) => boolean, landBy: () => number): void {
    for (const r of this.replicas) {
      for (const d of [...this.inFlight.get(r)!]) {
        if (!which(d.version)) continue;
        const by = landBy();
        if (by >= d.landAt) continue;
        d.timer.cancel();
        this.inFlight.get(r)!.delete(d);
        this.deliver(r, { ...d, landAt: by });
      }
    }
  }

  /** Whether every copy holds `version` or a newer change. */
  holds(version: Version): boolean {
    return this.replicas.every((r) => !isNewer(version, this.held.get(r)!.version));
  }

  /**
   * The photo every copy shows, when nothing left to land would make one show another: undefined
   * while the copies differ or a newer change of another photo is on its way to one of them.
   */
  settled(): Photo | undefined {
    const photo = this.held.get(this.replicas[0]!)!.photo;
    for (const r of this.replicas) {
      const held = this.held.get(r)!;
      if (held.photo !== photo) return undefined;
      for (const d of this.inFlight.get(r)!) if (d.photo !== photo && isNewer(d.version, held.version)) return undefined;
    }
    return photo;
  }

  private deliver(replica: R, d: Delivery): void {
    const pending = this.inFlight.get(replica)!;
    pending.add(d);
    d.timer = this.clock.schedule(d.landAt, () => {
      pending.delete(d);
      this.land(replica, d.photo, d.version);
    });
  }

  private land(replica: R, photo: Photo, version: Version): void {
    if (isNewer(version, this.held.get(replica)!.version)) this.held.set(replica, { photo, version });
  }
}

const NO_TIMER: Timer = { cancel() {} };

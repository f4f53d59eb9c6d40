import type { Photo } from './vocabulary.js';
import type { RuleId } from './RuleId.js';

/** One write to a store: it lands at some instant of [at, deadline) and stays until a newer one lands. */
export type Change = {
  readonly at: number;
  /** the values it may carry: one, or several when it copied a store that was itself in flight */
  readonly values: readonly Photo[];
  deadline: number;
  /** derived: the earliest deadline of a newer change, after which this one never shows */
  supersededAt: number;
  readonly rules: readonly RuleId[];
};

/** What is left of the changes that can no longer show: each photo, and the last instant it may have shown. */
type Gone = { until: number; rules: RuleId[] };

/**
 * A store whose writes take time to land ("reaches X within L", SPEC section 4): a read at t may
 * show any value the store's source held at some instant of (t - L, t].
 * Invariant: a value may show at an instant when no newer change had surely landed by then, so a
 * value in flight may show or not, in any order, until its window closes; after that only newer ones.
 * Memory follows the number of photos and of changes in flight, not the number of writes.
 */
export class WindowStore {
  /** changes that may still show, oldest first; `supersededAt` never decreases along the list */
  private live: Change[];
  /** changes that can no longer show, folded by photo: a cache reaching back still needs them */
  private gone: Map<Photo, Gone>;

  constructor(initial: Photo, live?: Change[], gone?: Map<Photo, Gone>) {
    this.live = live ?? [{ at: -Infinity, values: [initial], deadline: -Infinity, supersededAt: Infinity, rules: [] }];
    this.gone = gone ?? new Map();
  }

  clone(): WindowStore {
    const gone = new Map<Photo, Gone>();
    for (const [photo, g] of this.gone) gone.set(photo, { until: g.until, rules: [...g.rules] });
    return new WindowStore(
      '',
      this.live.map((c) => ({ ...c })),
      gone,
    );
  }

  /** Records a write made at `at` that lands before `deadline` (`deadline` = `at`: at once). */
  write(at: number, values: readonly Photo[], deadline: number, rules: readonly RuleId[]): void {
    for (const c of this.live) if (c.supersededAt > deadline) c.supersededAt = deadline;
    this.live.push({ at, values, deadline, supersededAt: Infinity, rules });
    this.fold(at);
  }

  /**
   * Records a write that lands at once but counts as older than every change still in flight at
   * `at`: those still land after it, each within its own window. With `madeAt` (when the change
   * each value was copied from was made), a change in flight made no later than that is no newer
   * than the copy: when it lands, the copied value may still be the one that shows.
   */
  writeBeneathInFlight(at: number, values: readonly Photo[], rules: readonly RuleId[], madeAt?: ReadonlyMap<Photo, number>): void {
    // in flight: may still land and show at `at` or later; every change newer than one in flight
    // is in flight too, so they form the tail of the list
    const live = this.live;
    let first = live.length;
    while (first > 0 && live[first - 1]!.deadline > at && live[first - 1]!.supersededAt > at) first--;
    if (madeAt !== undefined) {
      for (let j = first; j < live.length; j++) {
        const c = live[j]!;
        const copied = values.filter((v) => !c.values.includes(v) && (madeAt.get(v) ?? -Infinity) >= c.at);
        if (copied.length === 0) continue;
        live[j] = { ...c, values: [...c.values, ...copied], rules: [...c.rules, ...rules.filter((r) => !c.rules.includes(r))] };
      }
    }
    let newer = Infinity;
    for (let j = first; j < live.length; j++) newer = Math.min(newer, live[j]!.deadline);
    for (let j = 0; j < first; j++) if (live[j]!.supersededAt > at) live[j]!.supersededAt = at;
    live.splice(first, 0, { at, values, deadline: at, supersededAt: newer, rules });
    this.fold(at);
  }

  /** True when `photo` may have been in the store at some instant of [from, now]. */
  allows(photo: Photo, from: number, now: number): boolean {
    for (const c of this.live) if (visible(c, from, now) && c.values.includes(photo)) return true;
    const g = this.gone.get(photo);
    return g !== undefined && g.until > from;
  }

  /** Every value the store may have held at some instant of [from, now], with the rules that put it there. */
  candidates(from: number, now: number, into: Map<Photo, Set<RuleId>> = new Map()): Map<Photo, Set<RuleId>> {
    const add = (photo: Photo, rules: readonly RuleId[]) => {
      const set = into.get(photo) ?? new Set<RuleId>();
      for (const r of rules) set.add(r);
      into.set(photo, set);
    };
    for (const [photo, g] of this.gone) if (g.until > from) add(photo, g.rules);
    for (const c of this.live) if (visible(c, from, now)) for (const v of c.values) add(v, c.rules);
    return into;
  }

  /** The values the store may hold at `now` (a push or a copy takes these). */
  valuesAt(now: number): Photo[] {
    const out: Photo[] = [];
    for (const [photo, g] of this.gone) if (g.until > now) out.push(photo);
    for (const c of this.live) {
      if (!visible(c, now, now)) continue;
      for (const v of c.values) if (!out.includes(v)) out.push(v);
    }
    return out;
  }

  /** For each value the store may hold at `now`, when the latest change carrying it was made. */
  valuesMadeAt(now: number): Map<Photo, number> {
    const out = new Map<Photo, number>();
    for (const c of this.live) {
      if (!visible(c, now, now)) continue;
      for (const v of c.values) out.set(v, Math.max(out.get(v) ?? -Infinity, c.at));
    }
    return out;
  }

  /** Every change made before `before` lands by `deadline` at the latest, citing `rule`. */
  hasten(before: number, deadline: number, rule: RuleId): void {
    let changed = false;
    for (let j = 0; j < this.live.length; j++) {
      const c = this.live[j]!;
      if (c.at < before && c.deadline > deadline) {
        this.live[j] = { ...c, deadline, rules: c.rules.includes(rule) ? c.rules : [...c.rules, rule] };
        changed = true;
      }
    }
    if (!changed) return;
    // deadlines only ever shrink, so supersededAt only ever falls
    let newer = Infinity;
    for (let j = this.live.length - 1; j >= 0; j--) {
      const c = this.live[j]!;
      if (newer < c.supersededAt) c.supersededAt = newer;
      newer = Math.min(newer, c.deadline);
    }
  }

  /** A canonical text of the state, to merge possibilities that became equal. */
  key(): string {
    const gone = [...this.gone].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([p, g]) => `${p}<${g.until}`);
    return `${gone.join(',')}|${this.live.map((c) => `${c.at},${c.values.join('/')},${c.deadline},${c.supersededAt}`).join(';')}`;
  }

  // Changes surely superseded by `now` form the head of the list (supersededAt never decreases
  // along it) and no later write can make them show again: fold them into `gone`.
  private fold(now: number): void {
    const live = this.live;
    let n = 0;
    while (n < live.length - 1 && live[n]!.supersededAt <= now) {
      const c = live[n++]!;
      if (c.supersededAt <= c.at) continue; // superseded at its own instant: it never showed
      for (const v of c.values) {
        const g = this.gone.get(v);
        if (g === undefined) this.gone.set(v, { until: c.supersededAt, rules: [...c.rules] });
        else {
          if (c.supersededAt > g.until) g.until = c.supersededAt;
          for (const r of c.rules) if (!g.rules.includes(r)) g.rules.push(r);
        }
      }
    }
    if (n > 0) live.splice(0, n);
  }
}

function visible(c: Change, from: number, now: number): boolean {
  return c.at <= now && c.supersededAt > from && c.supersededAt > c.at;
}

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
  readonly rules: RuleId[];
};

/**
 * A store whose writes take time to land ("reaches X within L", SPEC section 4): a read at t may
 * show any value the store's source held at some instant of (t - L, t].
 * Invariant: a value may show at an instant when no newer change had surely landed by then, so a
 * value in flight may show or not, in any order, until its window closes; after that only newer ones.
 */
export class WindowStore {
  private changes: Change[];
  /** compaction runs when the list reaches this length, so its cost is spread over many writes */
  private compactAt = MIN_COMPACT;

  constructor(initial: Photo, changes?: Change[]) {
    this.changes = changes ?? [{ at: -Infinity, values: [initial], deadline: -Infinity, supersededAt: Infinity, rules: [] }];
  }

  clone(): WindowStore {
    const copy = new WindowStore(
      '',
      this.changes.map((c) => ({ ...c, rules: [...c.rules] })),
    );
    copy.compactAt = this.compactAt;
    return copy;
  }

  /** Records a write made at `at` that lands before `deadline` (`deadline` = `at`: at once). */
  write(at: number, values: readonly Photo[], deadline: number, rules: readonly RuleId[]): void {
    for (const c of this.changes) if (c.supersededAt > deadline) c.supersededAt = deadline;
    this.changes.push({ at, values, deadline, supersededAt: Infinity, rules: [...rules] });
    this.compact(at);
  }

  /**
   * Records a write that lands at once but counts as older than every change still in flight at
   * `at`: those still land after it, each within its own window.
   */
  writeBeneathInFlight(at: number, values: readonly Photo[], rules: readonly RuleId[]): void {
    // in flight: may still land and show at `at` or later; every change newer than one in flight
    // is in flight too, so they form the tail of the list
    let first = this.changes.length;
    while (first > 0 && this.changes[first - 1]!.deadline > at && this.changes[first - 1]!.supersededAt > at) first--;
    let newer = Infinity;
    for (let j = first; j < this.changes.length; j++) newer = Math.min(newer, this.changes[j]!.deadline);
    for (let j = 0; j < first; j++) {
      const c = this.changes[j]!;
      if (c.supersededAt > at) c.supersededAt = at;
    }
    this.changes.splice(first, 0, { at, values, deadline: at, supersededAt: newer, rules: [...rules] });
    this.compact(at);
  }

  /** True when `photo` may have been in the store at some instant of [from, now]. */
  allows(photo: Photo, from: number, now: number): boolean {
    for (const c of this.changes) if (visible(c, from, now) && c.values.includes(photo)) return true;
    return false;
  }

  /** Every value the store may have held at some instant of [from, now], with the rules that put it there. */
  candidates(from: number, now: number, into: Map<Photo, Set<RuleId>> = new Map()): Map<Photo, Set<RuleId>> {
    for (const c of this.changes) {
      if (!visible(c, from, now)) continue;
      for (const v of c.values) {
        const rules = into.get(v) ?? new Set<RuleId>();
        for (const r of c.rules) rules.add(r);
        into.set(v, rules);
      }
    }
    return into;
  }

  /** The values the store may hold at `now` (a push or a copy takes these). */
  valuesAt(now: number): Photo[] {
    const out: Photo[] = [];
    for (const c of this.changes) {
      if (!visible(c, now, now)) continue;
      for (const v of c.values) if (!out.includes(v)) out.push(v);
    }
    return out;
  }

  /** Every change made before `before` lands by `deadline` at the latest, citing `rule`. */
  hasten(before: number, deadline: number, rule: RuleId): void {
    let changed = false;
    for (const c of this.changes) {
      if (c.at < before && c.deadline > deadline) {
        c.deadline = deadline;
        if (!c.rules.includes(rule)) c.rules.push(rule);
        changed = true;
      }
    }
    if (!changed) return;
    // deadlines only ever shrink, so supersededAt only ever falls: take the minimum with what a
    // change already knows, which also keeps the deadlines of changes compacted away
    let newer = Infinity;
    for (let j = this.changes.length - 1; j >= 0; j--) {
      const c = this.changes[j]!;
      if (newer < c.supersededAt) c.supersededAt = newer;
      newer = Math.min(newer, c.deadline);
    }
  }

  /** A canonical text of the state, to merge possibilities that became equal. */
  key(): string {
    return this.changes.map((c) => `${c.at},${c.values.join('|')},${c.deadline},${c.supersededAt}`).join(';');
  }

  // A change gone for good (no instant from now on shows it) whose values a newer change also
  // carries, one visible for good, adds nothing to any read however far back its cache reaches:
  // drop it, so memory follows the number of photos and not the length of the trace.
  private compact(now: number): void {
    const cs = this.changes;
    if (cs.length < this.compactAt) return;
    const kept: Change[] = [];
    for (let i = 0; i < cs.length; i++) {
      const c = cs[i]!;
      const gone = c.supersededAt <= now;
      if (gone && (c.supersededAt <= c.at || coveredLater(cs, i, now))) continue;
      kept.push(c);
    }
    this.changes = kept;
    this.compactAt = Math.max(MIN_COMPACT, 2 * kept.length);
  }
}

const MIN_COMPACT = 8;

function visible(c: Change, from: number, now: number): boolean {
  return c.at <= now && c.supersededAt > from && c.supersededAt > c.at;
}

// `later` made before `now` and not superseded at its own instant stays visible for good: writes
// to come are made at `now` or after, so none can supersede it at an instant before `now`
function coveredLater(cs: readonly Change[], i: number, now: number): boolean {
  const values = cs[i]!.values;
  for (let j = i + 1; j < cs.length; j++) {
    const later = cs[j]!;
    if (later.at < now && later.supersededAt > later.at && values.every((v) => later.values.includes(v))) return true;
  }
  return false;
}

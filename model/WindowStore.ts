import type { Photo } from './vocabulary.js';
import type { RuleId } from './RuleId.js';

/** One write to a store: it lands at some instant of [at, deadline) and stays until a newer one lands. */
export type Change = {
  readonly seq: number;
  readonly at: number;
  /** the values it may carry: one, or several when it copied a store that was itself in flight */
  readonly values: readonly Photo[];
  deadline: number;
  /** last instant bound learnt from observations: after it the store never shows this change */
  bound: number;
  /** derived: min(bound, deadlines of every newer change) */
  supersededAt: number;
  readonly rules: RuleId[];
};

/**
 * A store whose writes take time to land ("reaches X within L", SPEC section 4).
 * Invariant: the store shows the newest change that has landed, so once a newer change has
 * surely landed an older value never shows again; observations only ever narrow what it may show.
 */
export class WindowStore {
  private changes: Change[];
  private nextSeq = 1;

  constructor(initial: Photo, changes?: Change[]) {
    this.changes = changes ?? [
      { seq: 0, at: -Infinity, values: [initial], deadline: -Infinity, bound: Infinity, supersededAt: Infinity, rules: [] },
    ];
  }

  clone(): WindowStore {
    const copy = new WindowStore('', this.changes.map((c) => ({ ...c, rules: [...c.rules] })));
    copy.nextSeq = this.nextSeq;
    return copy;
  }

  /** Records a write made at `at` that lands before `deadline` (`deadline` = `at`: at once). */
  write(at: number, values: readonly Photo[], deadline: number, rules: readonly RuleId[]): void {
    for (const c of this.changes) if (c.supersededAt > deadline) c.supersededAt = deadline;
    this.changes.push({ seq: this.nextSeq++, at, values, deadline, bound: Infinity, supersededAt: Infinity, rules: [...rules] });
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

  /** The values the store may hold at `now`, as a list (a push or a copy takes these). */
  valuesAt(now: number): Photo[] {
    const out: Photo[] = [];
    for (const c of this.changes) {
      if (!visible(c, now, now)) continue;
      for (const v of c.values) if (!out.includes(v)) out.push(v);
    }
    return out;
  }

  /**
   * `photo` was seen at `now` on a surface reading this store from `from`: the change carrying it
   * has landed by `now`, so every older change is gone from `now` on.
   */
  refine(photo: Photo, from: number, now: number): void {
    const i = this.changes.findIndex((c) => visible(c, from, now) && c.values.includes(photo));
    if (i <= 0) return;
    let changed = false;
    for (let j = 0; j < i; j++) {
      const c = this.changes[j]!;
      if (c.bound > now) {
        c.bound = now;
        changed = true;
      }
      if (c.supersededAt > now) c.supersededAt = now;
    }
    if (changed) this.compact(now);
  }

  /** Every change made before `before` lands by `deadline` at the latest. */
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
    let newer = Infinity;
    for (let j = this.changes.length - 1; j >= 0; j--) {
      const c = this.changes[j]!;
      c.supersededAt = Math.min(c.bound, newer);
      newer = Math.min(newer, c.deadline);
    }
  }

  /** A canonical text of the state, to merge possibilities that became equal. */
  key(): string {
    return this.changes.map((c) => `${c.at},${c.values.join('|')},${c.deadline},${c.supersededAt}`).join(';');
  }

  // A change gone for good (no instant from now on shows it) whose values a newer change also
  // carries adds nothing to any read, however far back its cache reaches: drop it, so memory
  // follows the number of photos and not the length of the trace.
  private compact(now: number): void {
    const cs = this.changes;
    if (cs.length < 4) return;
    const kept: Change[] = [];
    for (let i = 0; i < cs.length; i++) {
      const c = cs[i]!;
      const gone = c.supersededAt <= now;
      if (gone && (c.supersededAt <= c.at || coveredLater(cs, i))) continue;
      kept.push(c);
    }
    this.changes = kept;
  }
}

function visible(c: Change, from: number, now: number): boolean {
  return c.at <= now && c.supersededAt > from && c.supersededAt > c.at;
}

function coveredLater(cs: readonly Change[], i: number): boolean {
  const values = cs[i]!.values;
  for (let j = i + 1; j < cs.length; j++) {
    const later = cs[j]!;
    if (later.supersededAt > later.at && values.every((v) => later.values.includes(v))) return true;
  }
  return false;
}

import { canonicalUntil } from './canonicalUntil.js';
import { copyMap } from './copyMap.js';
import { photoHash, sameSet, sharesAny, union } from './photoLists.js';
import type { RuleId } from './RuleId.js';
import type { Span } from './Span.js';
import { UNKNOWN, type Photo } from './vocabulary.js';

/** One write to a store: it lands at some instant of [at, deadline) and stays until a newer one lands. */
export type Change = {
  readonly at: number;
  /** the values it may carry: one, several when it copied a store that was itself in flight, or `unknown` (any photo) */
  readonly values: readonly Photo[];
  deadline: number;
  /** derived: the earliest deadline of a newer change, after which this one never shows once its own window has closed */
  supersededAt: number;
  /** when the change had surely reached the store's own source (Exchange, for SharePoint): a visit brings only those; only ever falls (`landedBy`) */
  sourceBy: number;
  /** never changed in place: a change that cites one more rule gets a new list */
  rules: readonly RuleId[];
  /** from this instant on, every read shows the same one of `values`, until a newer change shows (racing writes: Exchange keeps one) */
  readonly keep: number | undefined;
  /** the instant of the racing write to the source whose kept photo this change carries: it carries the same one (`chooseTied`) */
  readonly tie: number | undefined;
  /** tied by outcome, not by photo: what the change carries once the source kept a photo of its racing write (`Outcome`) */
  readonly outcome: Outcome | undefined;
  /** a copy, which took one of its values when it was made: a read tells which even while it lands (`Keep.taken`) */
  readonly taken: boolean | undefined;
  /**
   * of `values`, those it carries only where it never landed (`mayNotLand`: what the change before
   * it carries): they show through it only once its own window has closed, never while it lands
   */
  late: readonly Photo[] | undefined;
};

/**
 * A change, every field present in one order: the stores' loops read changes by the million, and
 * objects of one shape keep those reads monomorphic (a spread or a rest pattern makes a shape of its own).
 */
function change(at: number, values: readonly Photo[], deadline: number, sourceBy: number, rules: readonly RuleId[], keep?: Keep): Change {
  return {
    at,
    values,
    deadline,
    supersededAt: Infinity,
    sourceBy,
    rules,
    keep: keep?.from,
    tie: keep?.tie,
    outcome: keep?.outcome,
    taken: keep?.taken,
    late: undefined,
  };
}

/** Whether `c` is a write citing `rule` that keeps one of several values and does not yet say which (`WindowStore.undecided`, at any instant). */
function isRace(c: Change, rule: RuleId): boolean {
  return c.keep !== undefined && c.tie === undefined && c.values.length > 1 && c.rules.includes(rule);
}

/** A copy of `c` with `values` and `rules`, keeping one of them as `keep` says (none: it keeps none). */
function changed(c: Change, values: readonly Photo[], rules: readonly RuleId[], keep?: Keep): Change {
  const out = change(c.at, values, c.deadline, c.sourceBy, rules, keep);
  out.supersededAt = c.supersededAt;
  const late = c.late;
  if (late !== undefined) {
    const kept = late.filter((v) => values.includes(v));
    if (kept.length > 0) out.late = kept.length === late.length ? late : kept;
  }
  return out;
}

/** The fields of `c` that say how it keeps one of its values, as a `Keep` (undefined: it keeps none). */
function keepOf(c: Change): Keep | undefined {
  return c.keep === undefined ? undefined : { from: c.keep, tie: c.tie, outcome: c.outcome, taken: c.taken };
}

/**
 * How a change of several values keeps one (`Change.keep`): from `from` on; `tie`, the racing
 * write of the source it carries the kept photo of (with `outcome`: what it carries by that write's
 * outcome); `taken`, the change is a copy that took one value when it was made, so a read before
 * `from` that shows a photo nothing else may show tells which, and it never held the others (racing
 * writes are not: until `from` either may show, in any order).
 */
export type Keep = {
  readonly from: number;
  readonly tie?: number;
  readonly outcome?: Outcome;
  readonly taken?: boolean;
};

/** How a copy keeps the photo it took, from `from` on; with `race`, by the outcome of a write its source may never have carried (`WindowStore.copyOutcome`). */
export function copyTaken(from: number, race: Outcome | undefined): Keep {
  return race === undefined ? { from, taken: true } : { from, taken: true, tie: race.tie, outcome: race };
}

/**
 * A change tied to a write its source may never have carried (AD-ONE-TIME: DirSync exported it in
 * place of the first AD photo, or never carried it), made at `tie`: the source keeping `racer`
 * says the write was carried, any other photo that it was not. By outcome, the change then
 * carries what `Fate` says.
 */
export type Outcome = {
  readonly tie: number;
  readonly racer: Photo;
  readonly ifCarried: Fate;
  readonly ifNot: Fate;
};

/**
 * What a change carries: those photos (it landed); `never` (it never landed, and carries what the
 * change before it carries); `either` (nothing tells, and it keeps one of its values); or what an
 * earlier racing write's outcome says (a write it may have been collapsed into came later).
 */
export type Fate = readonly Photo[] | 'never' | 'either' | Outcome;

/** Whether `f` is still to be decided by an outcome. */
export function isOutcome(f: Fate): f is Outcome {
  return typeof f === 'object' && !Array.isArray(f);
}

/**
 * `o` with every outcome of the racing write made at `at` decided (the source kept `photo`): `o`
 * itself where none was. With `racer`, the write's own photo: only its outcomes, not those of
 * another write made in the same instant.
 */
function decide(o: Outcome, at: number, photo: Photo, racer: Photo | undefined): Fate {
  if (o.tie === at && (racer === undefined || o.racer === racer)) {
    const then = photo === o.racer ? o.ifCarried : o.ifNot;
    // a change tied twice to one write (a write collapsed into a later one too large to sync)
    return isOutcome(then) ? decide(then, at, photo, racer) : then;
  }
  const ifCarried = isOutcome(o.ifCarried) ? decide(o.ifCarried, at, photo, racer) : o.ifCarried;
  const ifNot = isOutcome(o.ifNot) ? decide(o.ifNot, at, photo, racer) : o.ifNot;
  return ifCarried === o.ifCarried && ifNot === o.ifNot ? o : { ...o, ifCarried, ifNot };
}

/**
 * Where changes may have landed (`WindowStore.landingSpan`): the instants, whether several changes
 * may have, and the one change that may have where it is alone among those still in the list.
 */
export type Landing = { readonly span: Span; readonly several: boolean; readonly only: Change | undefined };

/**
 * What is left of the changes that can no longer show: each photo, and the last instant it may have
 * shown. It names its photo, so that loops over a store's map read its values, not entry pairs (one
 * new array per entry). Immutable, so that a clone shares them: a change makes a new one.
 */
type Gone = { readonly photo: Photo; readonly until: number; readonly rules: readonly RuleId[] };

/**
 * What the future can still ask of a store, to tell which differences between two states matter:
 * reads reach back to one of `anchors` (the trace's start, a client's restart, a cache's clearing;
 * sorted ascending) or to no further than `maxBack` before the time of the read, which is `now` or
 * later. `fixed`: no change of this store is ever moved (`hasten`, `endTravel`), so a change of the
 * photos the one before it already carries only carries it on; `madeAt`: the future may ask when the
 * changes still showing were made (`valuesMadeAt`).
 */
export type KeyView = {
  readonly now: number;
  readonly anchors: readonly number[];
  readonly maxBack: number;
  readonly fixed?: boolean;
  readonly madeAt?: boolean;
  /** a change still in flight may yet take more photos (a Viva Engage sync under way): it never only carries the one before on */
  readonly growing?: boolean;
};

/**
 * A store whose writes take time to land ("reaches X within L", SPEC section 4): a read at t may
 * show any value the store's source held at some instant of (t - L, t].
 * Invariant: a value may show at an instant when no newer change had surely landed by then, or
 * while it is itself in flight (a slower path may land after a newer change of a faster one): a
 * value in flight may show or not, in any order, until its window closes; after that only newer ones.
 * The value `unknown` stands for any photo (a store the header does not know, SPEC section 6).
 * Memory follows the number of photos and of changes in flight, not the number of writes.
 */
export class WindowStore {
  /** changes that may still show, oldest first; `supersededAt` never decreases along the list */
  private live: Change[];
  /** changes that can no longer show, folded by photo: a cache reaching back still needs them */
  private gone: Map<Photo, Gone>;
  /** whether `unknown` (any photo) was ever written: reads need not look for it otherwise */
  private wild: boolean;
  /** false once no change that keeps one of several values is left (keepsOne): reads need not learn then */
  private keeping = false;

  constructor(initial: Photo, live?: Change[], gone?: Map<Photo, Gone>, wild?: boolean) {
    this.live = live ?? [change(-Infinity, [initial], -Infinity, -Infinity, [])];
    this.gone = gone ?? new Map();
    this.wild = wild ?? initial === UNKNOWN;
  }

  clone(): WindowStore {
    const gone = copyMap(this.gone);
    const live: Change[] = new Array(this.live.length);
    for (let i = 0; i < live.length; i++) {
      const c = this.live[i]!;
      live[i] = changed(c, c.values, c.rules, keepOf(c));
    }
    const out = new WindowStore('', live, gone, this.wild);
    out.keeping = this.keeping;
    return out;
  }

  /**
   * Records a write made at `at` that lands before `deadline` (`deadline` = `at`: at once);
   * `sourceBy` is when it had surely reached the store's source (default: when it was made).
   */
  write(at: number, values: readonly Photo[], deadline: number, rules: readonly RuleId[], sourceBy: number = at, keep?: Keep): void {
    if (!this.wild && values.includes(UNKNOWN)) this.wild = true;
    for (const c of this.live) if (c.supersededAt > deadline) c.supersededAt = deadline;
    if (keep !== undefined && values.length > 1) {
      this.keeping = true;
      this.live.push(change(at, values, deadline, sourceBy, rules, keep));
    } else this.live.push(change(at, values, deadline, sourceBy, rules));
    this.fold(at);
  }

  /**
   * Every change `rule` wrote that may still land after `at`, a copy (a Viva Engage sync under way),
   * may also take one of `photos`: it carries them too, keeping the one it took from its deadline
   * on, as one copy, so that a read showing one only it may show tells which it took. Two syncs
   * under way may each take a change made before their windows end, and either may be the last.
   * Not a copy a read has told which it took (narrowed to one value): it was made by then, and a
   * later change needs another copy.
   */
  widenLanding(at: number, rule: RuleId, photos: readonly Photo[]): void {
    const live = this.live;
    for (let i = 0; i < live.length; i++) {
      const c = live[i]!;
      if (c.deadline > at && c.rules.includes(rule)) this.widenAt(i, photos, copyTaken(c.deadline, undefined));
    }
  }

  private widenAt(i: number, photos: readonly Photo[], keep: Keep): void {
    const c = this.live[i]!;
    if (c.taken === true && c.values.length === 1) return;
    const values = union(c.values, photos);
    // one tied to a write that may never land (`copyOutcome`) may now take a later change's photo,
    // that write's own among them: no longer tied, even with no photo new
    if (values.length === c.values.length && c.outcome === undefined) return;
    if (!this.wild && values.includes(UNKNOWN)) this.wild = true;
    this.keeping = true;
    this.live[i] = changed(c, values, c.rules, keep);
  }

  /** The newest change: its values are what the store holds once every change made so far has landed. */
  newest(): Readonly<Pick<Change, 'at' | 'deadline' | 'values' | 'rules'>> {
    return this.live[this.live.length - 1]!;
  }

  /**
   * The newest change, a copy of the source made at `at` landing by `deadline` (a push), may also
   * have taken `photos`: written to the source in that very instant, on a later line, they may have
   * come before it (a push is no line of the trace). It keeps the photo it took as it did, or, where
   * it had one, as `keep` says. A copy tied to a write of its source (`Keep.tie`) is tied no longer:
   * that write's outcome no longer tells alone which of its values it keeps. Any other change is left
   * as it is.
   */
  copyMayTake(at: number, deadline: number, photos: readonly Photo[], keep: Keep | undefined): void {
    const i = this.live.length - 1;
    const c = this.live[i]!;
    if (c.at !== at || c.deadline !== deadline) return;
    const values = union(c.values, photos);
    if (values.length === c.values.length) return;
    if (!this.wild && values.includes(UNKNOWN)) this.wild = true;
    this.keeping = true;
    this.live[i] = c.tie !== undefined ? untied(c, values, c.rules) : changed(c, values, c.rules, c.values.length > 1 ? keepOf(c) : keep);
  }

  /**
   * Dates the newest change again, to have been made at `at` and landed by `deadline` (a copy known
   * only to a span, which a read dated more closely); where it kept one of its values from its
   * landing, it keeps it from the new one.
   */
  retimeNewest(at: number, deadline: number): void {
    const i = this.live.length - 1;
    const c = this.live[i]!;
    const keep = keepOf(c);
    const out = change(at, c.values, deadline, at, c.rules, keep && { ...keep, from: keep.from === c.deadline ? deadline : keep.from });
    this.live[i] = out;
    this.resupersede();
  }

  /** The latest deadline of the changes still showing that carry one of `photos` (-Infinity: none). */
  deadlineOf(photos: readonly Photo[]): number {
    let out = -Infinity;
    for (const c of this.live) if (c.deadline > out && sharesAny(c.values, photos)) out = c.deadline;
    return out;
  }

  /** Whether a change that keeps one of several photos may still show: only then can a read teach it anything. */
  get keepsOne(): boolean {
    if (!this.keeping) return false;
    for (const c of this.live) if (c.keep !== undefined && c.values.length > 1) return true;
    // each was told or folded away: reads need not learn until another is written
    this.keeping = false;
    return false;
  }

  /**
   * A read over [from, now] showed `photo`. Where all that may show then is one change that keeps
   * one of its values from before `from`, it keeps that one: later reads must agree. So does a copy
   * (`Keep.taken`) that alone may show `photo`, even while it lands; with `listsAll` (each copy
   * lists every photo it may have taken: no Viva Engage sync widens the newest), also while another
   * change lands. Its other values may still show to a read reaching back before its `keep`.
   * And where the one change that may show `photo` may never land (`mayNotLand`) and `photo` is
   * its own one value, it landed (`keptLanded`): returned, for what is tied to it to follow. Where
   * the copy told so took `photo` from a write its source may never have carried, tied to that
   * write (`copyOutcome`), that write landed in the source: returned (`SourceLanded`).
   */
  keepSeen(photo: Photo, from: number, now: number, listsAll = false): Landed | SourceLanded | undefined {
    let only = -1;
    let carrier = -1;
    let carriers = 0;
    for (let i = 0; i < this.live.length; i++) {
      const c = this.live[i]!;
      if (!visible(c, from, now)) continue;
      if (c.values.includes(photo) || (this.wild && c.values.includes(UNKNOWN))) {
        carrier = i;
        carriers++;
      }
      only = only === -1 ? i : -2;
    }
    if (only >= 0) {
      const source = sourceLanded(this.live[only]!, photo);
      if (this.keptAlone(only, photo, from)) return source;
    }
    if (carriers !== 1) return undefined;
    const landed = this.keptLanded(carrier, photo, from, now);
    if (landed !== undefined) return landed;
    const source = sourceLanded(this.live[carrier]!, photo);
    return this.keptTaken(carrier, photo, from, now, listsAll) ? source : undefined;
  }

  // the change at `i`, the one that may show `photo` over [from, now] (nor was it gone by `from`),
  // may never have landed, and `photo` is the one value it carries where it did: a value that never
  // landed never showed (a write DirSync collapsed was never exported), so it landed (`landsWith`;
  // a copy `keptTaken` tells)
  private keptLanded(i: number, photo: Photo, from: number, now: number): Landed | undefined {
    const c = this.live[i]!;
    if (!landsWith(c, photo, now) || this.goneSince(photo, from) || (this.wild && c.values.includes(UNKNOWN))) return undefined;
    return this.land(i, photo);
  }

  /**
   * A copy of this store showed that the change made at `at`, which may never land, landed: it
   * carries `photo`, its own one value, alone from now on (as a read of the store itself would
   * tell, `keepSeen`). Returned for what is tied to it to follow; undefined where no such change is
   * still landing.
   */
  landedAt(at: number, photo: Photo, now: number): Landed | undefined {
    for (let i = 0; i < this.live.length; i++)
      if (this.live[i]!.at === at && landsWith(this.live[i]!, photo, now)) return this.land(i, photo);
    return undefined;
  }

  private land(i: number, photo: Photo): Landed {
    const c = this.live[i]!;
    this.live[i] = changed(c, [photo], c.rules);
    return { at: c.at, photo, keep: c.keep ?? c.deadline };
  }

  // the one change that may show over [from, now] keeps `photo`, where it keeps one from `from` on:
  // whether it did
  private keptAlone(i: number, photo: Photo, from: number): boolean {
    const c = this.live[i]!;
    // `unknown` may show any photo: a read that shows one does not tell that it was not kept
    if (!tellsKept(c, photo) || c.keep! > from || c.values.includes(UNKNOWN)) return false;
    for (const g of this.gone.values()) if (g.until > from) return false;
    this.narrow(i, photo, c.keep!);
    return true;
  }

  // the copy at `i`, the one change that may show `photo` over [from, now] (nor was it gone by
  // `from`), took it: it never showed another of its values (a read reaching back may still see
  // them until its keep, a superset). Unless `listsAll`, not while another change may still land:
  // copies still in flight list only the photos the newest may not take (a Viva Engage sync under
  // way), and either may be the last to land.
  private keptTaken(i: number, photo: Photo, from: number, now: number, listsAll: boolean): boolean {
    const c = this.live[i]!;
    if (c.taken !== true || !tellsKept(c, photo) || c.values.includes(UNKNOWN)) return false;
    if (this.goneSince(photo, from)) return false;
    if (!listsAll) for (const o of this.live) if (o !== c && o.deadline > now && visible(o, from, now)) return false;
    this.narrow(i, photo, c.keep!);
    return true;
  }

  /**
   * The change that keeps one of several values from an instant at or before `now` and does not
   * yet say which: when it was written, its values, and where it is among the changes (`choose`:
   * another write of the same instant is another change, and a clone keeps the order). Undefined
   * when there is none.
   */
  undecided(now: number): { at: number; values: readonly Photo[]; keep: number; index: number } | undefined {
    if (!this.keeping) return undefined;
    for (let i = 0; i < this.live.length; i++) {
      const c = this.live[i]!;
      if (c.keep !== undefined && c.keep <= now && c.values.length > 1 && c.tie === undefined)
        return { at: c.at, values: c.values, keep: c.keep, index: i };
    }
    return undefined;
  }

  /** The one photo of its own (`ownOf`) of the change made at `at` citing `rule` that may never land (`mayNotLand`): undefined where there is none. */
  ownPhoto(at: number, rule: RuleId): Photo | undefined {
    for (const c of this.live) {
      const own = c.at === at && c.rules.includes(rule) ? ownOf(c) : undefined;
      if (own !== undefined) return own;
    }
    return undefined;
  }

  /** Whether the change made at `at` cites `rule`. */
  cites(at: number, rule: RuleId): boolean {
    return this.live.some((c) => c.at === at && c.rules.includes(rule));
  }

  /**
   * The changes made after `after` that keep one of several values, citing `rule`, and do not yet
   * say which: when each was written, where it is among the changes (`choose`), and its values, its
   * write's own photo first (`ProfileChecker.writeExchange`).
   */
  racesCiting(rule: RuleId, after: number): { at: number; index: number; keep: number; values: readonly Photo[] }[] {
    const out: { at: number; index: number; keep: number; values: readonly Photo[] }[] = [];
    for (let i = 0; i < this.live.length; i++) {
      const c = this.live[i]!;
      if (c.at > after && isRace(c, rule)) out.push({ at: c.at, index: i, keep: c.keep!, values: c.values });
    }
    return out;
  }

  /**
   * The change at `index` (`racesCiting`), a write that may never have been carried (AD-ONE-TIME:
   * exported in place of the first AD photo, or never), carries `photo` alone, and its other values
   * never showed, not even to a read reaching back: it was not carried, and `photo` is what the store
   * held without it; or it was, and `photo` is its own.
   */
  onlyEver(index: number, photo: Photo): void {
    const c = this.live[index]!;
    this.live[index] = changed(c, [photo], c.rules, { from: c.keep!, taken: c.taken });
  }

  /**
   * The change made at `at` citing `rule`, with one value, never landed (an AD write DirSync
   * collapsed into a later one, which a read showed carried): it carries what the store held before
   * it, and its own photo never showed. Left as it is where the store held several values before it.
   */
  neverLanded(at: number, rule: RuleId): void {
    for (let i = 0; i < this.live.length; i++) {
      const c = this.live[i]!;
      if (c.at !== at || c.values.length !== 1 || !c.rules.includes(rule)) continue;
      this.carriesBefore(i);
      return;
    }
  }

  /**
   * The racing write at `index` (`racesCiting`) never landed either (an AD write collapsed into a
   * later one a read showed exported): as `neverLanded`, it carries what the store held before it.
   */
  raceNeverLanded(index: number): void {
    this.carriesBefore(index);
  }

  // the change at `i` carries what the store held just before it, where that is one photo (left as it
  // is otherwise); where that photo had landed by then, it changed nothing: no photo of it is in
  // flight, and a later change replaces that one as it lands (not only once its own window has closed)
  private carriesBefore(i: number): void {
    const c = this.live[i]!;
    const before = this.before(i);
    if (before.length !== 1) return;
    const out = changed(c, before, c.rules);
    const prev = i > 0 ? this.live[i - 1]! : undefined;
    if (prev === undefined || prev.deadline <= c.at) {
      out.deadline = c.at;
      out.sourceBy = Math.min(out.sourceBy, c.at);
    }
    this.live[i] = out;
    this.resupersede();
  }

  /**
   * A read over [from, now] showed `photo`, which only one change may have shown (`carrierOf`): a
   * copy of one photo that `rule` made and that may still land (a Viva Engage sync under way). The
   * copy is one event, made by then: it took that photo and takes no later change (`widenLanding`).
   * It still lands within its own window: another read may reach a copy of the store it has not.
   */
  copySeen(photo: Photo, from: number, now: number, rule: RuleId): void {
    const i = this.carrierOf(photo, from, now);
    if (i === undefined) return;
    const c = this.live[i]!;
    if (c.values.length !== 1 || c.taken === true || c.deadline <= now || c.at > now || !c.rules.includes(rule)) return;
    this.live[i] = changed(c, c.values, c.rules, { from: c.deadline, taken: true });
  }

  /** Where among the changes the one that may have shown `photo` over [from, now] is: undefined where none or several may have, or one gone. */
  carrierOf(photo: Photo, from: number, now: number): number | undefined {
    if (this.wild || this.goneSince(photo, from)) return undefined;
    let found: number | undefined;
    for (let i = 0; i < this.live.length; i++) {
      const c = this.live[i]!;
      if (!visible(c, from, now) || !c.values.includes(photo) || !shows(c, photo, from, now)) continue;
      if (found !== undefined) return undefined;
      found = i;
    }
    return found;
  }

  /**
   * The store kept `photo` of the change written at `at` that keeps one (`undecided`; with `index`,
   * that one alone, not another written in the same instant): its other values may still show to a
   * read reaching back before its keep, but for the write's own photo where it cites `mayNotCarry`
   * and kept another (`onlyEver`). A change that cannot have kept `photo` is left as it is.
   */
  choose(at: number, photo: Photo, index?: number, mayNotCarry?: RuleId): void {
    for (let i = 0; i < this.live.length; i++) {
      const c = this.live[i]!;
      if (index !== undefined && i !== index) continue;
      if (c.at !== at || c.keep === undefined || c.tie !== undefined || c.values.length < 2 || !c.values.includes(photo)) continue;
      // a write citing `mayNotCarry` whose store kept another photo was never carried: its own, first, never showed
      if (mayNotCarry !== undefined && c.values[0] !== photo && c.rules.includes(mayNotCarry)) this.onlyEver(i, photo);
      else this.narrow(i, photo, c.keep);
    }
  }

  /**
   * The source kept `photo` of its racing write made at `at`, from `keep` on: every change tied to
   * that write carries it alone (its other values may still show to a read reaching back before then).
   * With `racer`, the write's own photo: a change tied to another write of the same instant (several
   * AD writes in one second) is left as it is.
   */
  chooseTied(at: number, photo: Photo, keep: number, racer?: Photo): void {
    for (let i = 0; i < this.live.length; i++) {
      const c = this.live[i]!;
      if (c.values.length < 2) continue;
      const o = c.outcome;
      if (o === undefined) {
        // a change tied by photo carries the write's own photo first, as the write does
        if (c.tie === at && c.values.includes(photo) && (racer === undefined || c.values[0] === racer)) this.narrow(i, photo, keep);
        continue;
      }
      // tied by outcome: the source kept the write's own photo, or never had it
      const then = decide(o, at, photo, racer);
      if (then === o) continue;
      if (isOutcome(then)) this.live[i] = changed(c, c.values, c.rules, { from: c.keep!, taken: c.taken, tie: then.tie, outcome: then });
      else this.narrowTo(i, then === 'never' ? this.before(i) : then === 'either' ? c.values : then, keep);
    }
  }

  // the change at `i` shows only `photo`; its other values may have shown until `until`, but for a
  // copy (`Keep.taken`), which took `photo` when it was made: it never held the others
  private narrow(i: number, photo: Photo, until: number): void {
    this.narrowTo(i, [photo], until);
  }

  // the change at `i` carries only `photos` (one: it shows that one; several: it keeps one of them,
  // untied), as `narrow` says of one
  private narrowTo(i: number, photos: readonly Photo[], until: number): void {
    const c = this.live[i]!;
    // carrying only photos it carries where it never landed (`late`), it never landed: a write that
    // never landed never showed (one DirSync collapsed was never exported), so its own photos did not
    const late = c.late;
    const never = late !== undefined && photos.every((p) => late.includes(p));
    if (c.taken !== true)
      for (const v of c.values) {
        if (photos.includes(v) || (never && !late.includes(v))) continue;
        const g = this.gone.get(v);
        if (g === undefined) this.gone.set(v, { photo: v, until, rules: c.rules });
        else if (until > g.until) this.gone.set(v, { photo: v, until, rules: g.rules });
      }
    // no longer tied
    this.live[i] = changed(c, photos, c.rules, { from: c.keep!, taken: c.taken });
  }

  /**
   * A copy of the source that lands at once and ends the travel of every change that had surely
   * reached the source by `at` (SPEC section 4, EDIT-CANCEL under SP-SYNC-WINDOW): from then on the
   * store shows the copy or a later change, never an earlier one. A change that may not yet have
   * reached the source travels on and may land after it. With `madeAt` (when the change each copied
   * value came from was made, asked only where a change travels on), a change travelling on that was
   * made no later than that is no newer than the copy: when it lands, the copied value may still be
   * the one that shows. One travelling on that may never land (`mayNotLand`) leaves showing, where it
   * never did, the copy or the change travelling before it: no longer what the store held before.
   */
  endTravel(at: number, values: readonly Photo[], rules: readonly RuleId[], madeAt?: () => ReadonlyMap<Photo, number>): void {
    if (!this.wild && values.includes(UNKNOWN)) this.wild = true;
    // the copy is one photo, whichever the source held: the store keeps it
    const copy = change(at, values, at, at, rules, values.length > 1 ? { from: at } : undefined);
    if (values.length > 1) this.keeping = true;
    // every other change still in flight ends its travel at once
    for (const c of this.live) if (c.deadline > at && c.sourceBy <= at) c.deadline = at;
    if (!this.live.some((c) => travelsPast(c, at))) this.live.push(copy);
    else this.travelPast(copy, madeAt);
    this.resupersede();
    this.fold(at);
  }

  /**
   * A copy of the source made at `at` that lands by `deadline`, keeping one of `values` as `keep`
   * says (a push under SP-SYNC-WINDOW, which takes the source's photo): as with `endTravel`, a change
   * that was not surely in the source by `at` travels on and may land after it, and where the copy
   * is of a newer change than that one, the copy may still be what shows once it has landed; the
   * other changes in flight keep their own windows. With no change travelling on, a plain `write`.
   */
  writeCopy(
    at: number,
    values: readonly Photo[],
    deadline: number,
    rules: readonly RuleId[],
    keep: Keep | undefined,
    madeAt: () => ReadonlyMap<Photo, number>,
  ): void {
    if (!this.live.some((c) => travelsPast(c, at))) return this.write(at, values, deadline, rules, at, keep);
    if (!this.wild && values.includes(UNKNOWN)) this.wild = true;
    const several = keep !== undefined && values.length > 1;
    if (several) this.keeping = true;
    this.travelPast(change(at, values, deadline, at, rules, several ? keep : undefined), madeAt);
    this.resupersede();
    this.fold(at);
  }

  // puts `copy` before the changes that travel past it (`travelsPast`), each of which carries too
  // the copied photos of changes made no earlier than itself
  private travelPast(copy: Change, madeAt: (() => ReadonlyMap<Photo, number>) | undefined): void {
    const { at, values, rules } = copy;
    const made = madeAt?.();
    const stay: Change[] = [];
    const travel: Change[] = [];
    const live = this.live;
    for (let i = 0; i < live.length; i++) {
      const c = live[i]!;
      if (!travelsPast(c, at)) {
        stay.push(c);
        continue;
      }
      // a copied photo it carried only where it never landed (`late`) now shows where it lands too
      const copied =
        made === undefined
          ? []
          : values.filter(
              (v) =>
                (!c.values.includes(v) || c.late?.includes(v) === true) &&
                (made.get(v) ?? -Infinity) >= c.at &&
                !madeJustBefore(live, i, v, made.get(v)!),
            );
      if (copied.length === 0) {
        travel.push(c);
        continue;
      }
      // it carries the copy too: no longer only the photo its source kept of a race
      const out = untied(c, union(c.values, copied), mergeRules(c.rules, rules));
      const late = out.late?.filter((v) => !copied.includes(v));
      out.late = late === undefined || late.length === 0 ? undefined : late;
      travel.push(out);
    }
    this.live = [...stay, copy, ...travel];
    // one that may never land carries, once its window has closed, what the store would hold without
    // it: the copy now (or the change travelling before it), no longer what showed before the copy
    for (let i = stay.length + 1; i < this.live.length; i++) {
      const c = this.live[i]!;
      const was = c.late;
      if (was === undefined) continue;
      const own = c.values.filter((v) => !was.includes(v));
      const late = this.before(i).filter((v) => !own.includes(v));
      const out = changed(c, [...own, ...late], mergeRules(c.rules, rules), keepOf(c));
      out.late = late.length === 0 ? undefined : late;
      this.live[i] = out;
    }
  }

  /**
   * The instant of the one change that may have shown `photo` over [from, now], where that change
   * carries `photo` alone and cites `rule` (nothing gone, nor any other change, may have shown it);
   * undefined otherwise. A read that showed `photo` then says that change landed. With `racing`, a
   * later change citing it that keeps one of several values (`racesCiting`) is passed over: one that
   * may show `photo` only as what the store held without its own write, which that change is.
   */
  soleCarrier(photo: Photo, from: number, now: number, rule: RuleId, racing?: RuleId): number | undefined {
    if (this.wild || this.goneSince(photo, from)) return undefined;
    let found: Change | undefined;
    for (const c of this.live) {
      if (!visible(c, from, now) || !c.values.includes(photo) || !shows(c, photo, from, now)) continue;
      if (racing !== undefined && found !== undefined && isRace(c, racing) && c.values[0] !== photo) continue;
      if (found !== undefined) return undefined;
      found = c;
    }
    return found !== undefined && found.values.length === 1 && found.rules.includes(rule) ? found.at : undefined;
  }

  /**
   * What a copy of this store made at an unknown instant of [from, now] took, by the outcome of a
   * write the store may never have carried (`mayNotLand`: an AD write DirSync may have collapsed):
   * where exactly that write may have put its own photo among `values`, the copy took any of them
   * if the write landed, and never that photo if it did not (a write never exported never showed).
   * Undefined where no such write tells, or the photo may have come from elsewhere.
   */
  copyOutcome(values: readonly Photo[], from: number, now: number): Outcome | undefined {
    if (this.wild || values.length < 2) return undefined;
    for (const c of this.live) {
      const racer = ownOf(c);
      if (racer === undefined || !visible(c, from, now) || !values.includes(racer) || this.goneSince(racer, from)) continue;
      if (this.live.some((o) => o !== c && o.values.includes(racer) && visible(o, from, now) && shows(o, racer, from, now))) continue;
      return { tie: c.at, racer, ifCarried: 'either', ifNot: values.filter((v) => v !== racer) };
    }
    return undefined;
  }

  /** True when `photo` may have been in the store at some instant of [from, now]. */
  allows(photo: Photo, from: number, now: number): boolean {
    return this.allowsAmong(this.live.length, photo, from, now);
  }

  /**
   * True when `photo` may have been in the store at some instant of [from, now] where the newest change
   * had not shown yet: through a change before it, or one gone from the list.
   */
  allowsBeforeNewest(photo: Photo, from: number, now: number): boolean {
    return this.allowsAmong(this.live.length - 1, photo, from, now);
  }

  // `allows`, of the first `n` changes of the list and those gone from it
  private allowsAmong(n: number, photo: Photo, from: number, now: number): boolean {
    const wild = this.wild;
    for (let i = 0; i < n; i++) {
      const c = this.live[i]!;
      if (!visible(c, from, now)) continue;
      const vs = c.values;
      for (let k = 0; k < vs.length; k++) if ((vs[k] === photo || (wild && vs[k] === UNKNOWN)) && shows(c, vs[k]!, from, now)) return true;
    }
    return this.goneSince(photo, from);
  }

  /** Whether a change that can no longer show may have shown `photo` after `from` (`unknown` stands for any photo). */
  private goneSince(photo: Photo, from: number): boolean {
    const g = this.gone.get(photo);
    if (g !== undefined && g.until > from) return true;
    if (!this.wild) return false;
    const any = this.gone.get(UNKNOWN);
    return any !== undefined && any.until > from;
  }

  /**
   * The change made at `at` that had reached the store's source by `sourceBy` may never land (DirSync
   * may have collapsed its AD write into a later one; an action of unknown outcome, whose two
   * possibilities are joined past the cap, may not have happened): it carries too what the store would hold
   * without it once it would have landed, the values of the change before it (every value it may
   * have held just before it, where none is left), and keeps one of them from then on (a change that
   * already keeps one keeps it as it did), citing `rules` too. With `tie`, it is instead tied to the
   * source's racing write made at `tie.at` by its outcome (`Outcome`, built by `tie.outcome` from
   * what it carried until then: its outcome, its one value, or `either`; `tie.at` undefined: the
   * outcome does not tell, and it keeps one of its values, untied). With `of`, only a change citing
   * that rule: another write made in the same instant (the trace's lines are finer than its times) is
   * another change.
   */
  mayNotLand(at: number, sourceBy: number, rules: readonly RuleId[], tie?: OutcomeTie, of?: RuleId): void {
    for (let i = 0; i < this.live.length; i++) {
      const c = this.live[i]!;
      if (c.at !== at || c.sourceBy !== sourceBy || (of !== undefined && !c.rules.includes(of))) continue;
      this.mayNotLandAt(i, rules, tie);
    }
  }

  /**
   * The newest change, the one just written, carries `photos` (of its values, not its own) only where
   * it never landed (`Change.late`): what the store would hold without it, which shows through it only
   * once its window has closed; until then the changes before it show it, as far as their own windows say.
   */
  newestCarriesLate(photos: readonly Photo[]): void {
    const c = this.live[this.live.length - 1]!;
    const late = photos.filter((p) => p !== c.values[0] && c.values.includes(p));
    if (late.length > 0) c.late = c.late === undefined ? late : union(c.late, late);
  }

  /** `mayNotLand` for the newest change alone, the one just written (not another written in the same instant). */
  newestMayNotLand(rules: readonly RuleId[], tie?: OutcomeTie): void {
    this.mayNotLandAt(this.live.length - 1, rules, tie);
  }

  private mayNotLandAt(i: number, rules: readonly RuleId[], tie: OutcomeTie | undefined): void {
    const c = this.live[i]!;
    const more = this.before(i).filter((v) => !c.values.includes(v));
    if (more.length === 0 && (tie === undefined || c.values.length < 2)) return;
    const values = more.length === 0 ? c.values : [...c.values, ...more];
    if (values.includes(UNKNOWN)) this.wild = true;
    this.keeping = true;
    const keep = keepOf(c) ?? { from: c.deadline };
    const out = changed(
      c,
      values,
      mergeRules(c.rules, rules),
      tie === undefined
        ? keep
        : tie.at === undefined
          ? { from: keep.from, taken: keep.taken }
          : // tied again to the latest race: where it was tied before, it lands as it did then
            { from: keep.from, taken: keep.taken, tie: tie.at, outcome: { tie: tie.at, ...tie.outcome(fate(c)) } },
    );
    // what it would leave showing had it never landed shows through it only once its window has closed
    if (more.length > 0) out.late = c.late === undefined ? more : [...c.late, ...more];
    this.live[i] = out;
  }

  /**
   * The photo of the change made at `at` that had reached the source by `sourceBy` where the store
   * keeping it says that the change landed: the store held no such photo just before it, and it
   * still carries its own photo first (one a read has not narrowed); with `of`, a change citing that
   * rule (as `mayNotLand`). Undefined otherwise.
   */
  keptTellsLanded(at: number, sourceBy: number, of?: RuleId): Photo | undefined {
    for (let i = 0; i < this.live.length; i++) {
      const c = this.live[i]!;
      if (c.at !== at || c.sourceBy !== sourceBy || (of !== undefined && !c.rules.includes(of))) continue;
      if (c.keep !== undefined && c.values.length < 2) return undefined;
      const own = c.values[0]!;
      return own === UNKNOWN || this.before(i).includes(own) ? undefined : own;
    }
    return undefined;
  }

  // what the change at `i` would leave showing had it never landed: what the one before it carries
  private before(i: number): readonly Photo[] {
    const c = this.live[i]!;
    return i > 0 ? this.live[i - 1]!.values : this.valuesDuring(c.at - 1, c.at - 1);
  }

  /** Every value the store may have held at some instant of [from, now], with the rules that put it there. */
  candidates(from: number, now: number, into: Map<Photo, Set<RuleId>> = new Map()): Map<Photo, Set<RuleId>> {
    const add = (photo: Photo, rules: readonly RuleId[]) => {
      const set = into.get(photo) ?? new Set<RuleId>();
      for (const r of rules) set.add(r);
      into.set(photo, set);
    };
    for (const g of this.gone.values()) if (g.until > from) add(g.photo, g.rules);
    for (const c of this.live) if (visible(c, from, now)) for (const v of c.values) if (shows(c, v, from, now)) add(v, c.rules);
    return into;
  }

  /**
   * The instants of [from, to] at which a change citing `rule`, made after `madeAfter` or travelling
   * past a copy made then (not surely in the source by then: `travelsPast`), may have landed (none
   * that may never land: `lateLandings`), as one span, their hull (the store does not follow when a
   * change landed: a read in its window may show it or not); undefined where none may have. With no
   * `madeAfter`, one folded away (`gone`) that may have shown after `from` counts from `from` to its
   * last instant: when it was made and landed is no longer kept (a superset), and whether it is
   * folded yet must not change the answer. `several`: more than one change may have landed then.
   */
  landingSpan(from: number, to: number, rule: RuleId, madeAfter = -Infinity): Landing | undefined {
    let lo = Infinity;
    let hi = -Infinity;
    const live = this.liveLandings(from, to, rule, madeAfter);
    let count = live.length;
    for (const { span } of live) {
      lo = Math.min(lo, span.lo);
      hi = Math.max(hi, span.hi);
    }
    if (madeAfter === -Infinity) {
      for (const g of this.gone.values()) {
        if (g.until <= from || !g.rules.includes(rule)) continue;
        lo = Math.min(lo, from);
        hi = Math.max(hi, Math.min(g.until - 1, to));
        count++;
      }
    }
    // alone among the changes still in the list: none gone from it may have landed then either
    return lo <= hi ? { span: { lo, hi }, several: count > 1, only: count === 1 ? live[0]?.change : undefined } : undefined;
  }

  // the changes still in flight, but those that may never land, that may have landed at an instant of [from, to] (`landingOf`)
  private liveLandings(from: number, to: number, rule: RuleId, madeAfter: number): { change: Change; span: Span }[] {
    const out: { change: Change; span: Span }[] = [];
    for (const c of this.live) {
      if (c.late !== undefined) continue;
      const span = landingOf(c, from, to, rule, madeAfter);
      if (span !== undefined) out.push({ change: c, span });
    }
    return out;
  }

  /** The instants of (lo, hi] at which a change citing `rule` that may still show was made, ascending, each once. */
  madeWithin(lo: number, hi: number, rule: RuleId): number[] {
    const out: number[] = [];
    for (const c of this.live) if (c.at > lo && c.at <= hi && c.rules.includes(rule) && !out.includes(c.at)) out.push(c.at);
    return out.sort((a, b) => a - b);
  }

  /**
   * The changes `landingSpan` finds, each with the instants it may have landed at: undefined where a
   * photo gone from the list may have landed then too (none of the list need have).
   */
  landingsEach(from: number, to: number, rule: RuleId, madeAfter = -Infinity): { change: Change; span: Span }[] | undefined {
    if (madeAfter === -Infinity) for (const g of this.gone.values()) if (g.until > from && g.rules.includes(rule)) return undefined;
    return this.liveLandings(from, to, rule, madeAfter);
  }

  /**
   * The change `landingSpan` found alone (`only`) landed by `by`: it had reached the source by then
   * too, so no copy made since misses it and it lands no second time. Where this store is a clone of
   * the one asked, the change is found by its place in the list.
   */
  landedBy(asked: WindowStore, only: Change, by: number): void {
    const c = this.live[asked.live.indexOf(only)];
    if (c === undefined || c.deadline <= by) return;
    c.deadline = by;
    if (c.sourceBy > by) c.sourceBy = by;
    // deadlines only ever shrink, so supersededAt only ever falls
    this.resupersede();
  }

  /**
   * `landingSpan` for the changes that may never land (`mayNotLand`), each apart: made at `at`, the
   * instants of [from, to] it may have landed at, and how to tell the store it landed: its own photo
   * where it has one (`ownOf`, for `landedAt`), or where it is tied to a racing write of the source
   * whose one outcome lands it, that outcome (for `chooseTied`); neither where nothing tells.
   */
  lateLandings(from: number, to: number, rule: RuleId, madeAfter = -Infinity): LateLanding[] {
    const out: LateLanding[] = [];
    for (const c of this.live) {
      const late = c.late;
      // one that carries only what it carries where it never landed surely never landed (`narrowTo`)
      if (late === undefined || c.values.every((v) => late.includes(v))) continue;
      const span = landingOf(c, from, to, rule, madeAfter);
      if (span !== undefined)
        out.push({ at: c.at, span, own: ownOf(c), kept: c.outcome && landingOutcome(c.outcome, c.keep ?? c.deadline) });
    }
    return out;
  }

  /** The changes that may have shown at some instant of [from, now] and took time to land: when each was made, its deadline, values and rules. */
  inFlight(from: number, now: number): Pick<Change, 'at' | 'deadline' | 'values' | 'rules'>[] {
    const out: Pick<Change, 'at' | 'deadline' | 'values' | 'rules'>[] = [];
    for (const c of this.live)
      if (visible(c, from, now) && c.deadline > c.at && Number.isFinite(c.deadline))
        out.push({ at: c.at, deadline: c.deadline, values: c.values, rules: c.rules });
    return out;
  }

  /** The values the store may hold at `now` (a push or a copy takes these). */
  valuesAt(now: number): Photo[] {
    return this.valuesDuring(now, now);
  }

  /** The values the store may hold at some instant of [from, to]: what a copy made at an unknown instant of it takes, as a read then may show. */
  valuesDuring(from: number, to: number): Photo[] {
    const out: Photo[] = [];
    for (const g of this.gone.values()) if (g.until > from) out.push(g.photo);
    for (const c of this.live) {
      if (!visible(c, from, to)) continue;
      for (const v of c.values) if (!out.includes(v) && shows(c, v, from, to)) out.push(v);
    }
    return out;
  }

  /**
   * [from, to] cut where the values the store may hold change (a change starts to show, or shows no
   * more), each piece with those values (valuesDuring); adjacent pieces hold different sets. A copy
   * made at an unknown instant of [from, to] took the values of one piece, and made within it.
   */
  piecesDuring(from: number, to: number): { span: Span; values: Photo[] }[] {
    const cuts: number[] = [];
    const cut = (x: number) => {
      if (x > from && x <= to && !cuts.includes(x)) cuts.push(x);
    };
    for (const g of this.gone.values()) cut(g.until);
    for (const c of this.live) {
      if (!visible(c, from, to)) continue;
      cut(c.at);
      cut(shownUntil(c));
      // its late values show from its deadline on (`shows`)
      if (c.late !== undefined) cut(c.deadline);
    }
    if (cuts.length === 0) return [{ span: { lo: from, hi: to }, values: this.valuesDuring(from, to) }];
    cuts.sort((a, b) => a - b);
    const out: { span: Span; values: Photo[] }[] = [];
    let lo = from;
    for (let i = 0; i <= cuts.length; i++) {
      const hi = i < cuts.length ? cuts[i]! - 1 : to;
      const values = this.valuesDuring(lo, hi);
      const last = out[out.length - 1];
      if (last !== undefined && sameSet(last.values, values)) out[out.length - 1] = { span: { lo: last.span.lo, hi }, values: last.values };
      else out.push({ span: { lo, hi }, values });
      lo = hi + 1;
    }
    return out;
  }

  /**
   * The photo of the newest change, where it alone may still land throughout [from, to], carries
   * one photo, and no other change may show that photo: the store holding it at an instant of the
   * span says every change had landed by then, and it holds that photo until a later one. Undefined
   * where another change is newer, made or landing then, or where the photo tells nothing.
   */
  onlyLanding(from: number, to: number): Photo | undefined {
    if (this.wild) return undefined;
    // a change folded since may still have shown then, landing or not: nothing tells
    for (const g of this.gone.values()) if (g.until > from) return undefined;
    let landing: Change | undefined;
    for (const c of this.live) {
      if (c.at > to || c.deadline <= from) continue;
      if (landing !== undefined || c.at > from || c.deadline <= to) return undefined;
      landing = c;
    }
    if (landing === undefined || landing.values.length !== 1) return undefined;
    const photo = landing.values[0]!;
    for (const c of this.live) {
      if (c === landing || c.at > to) continue;
      // a newer one landed already: the store holds that one once this one has landed too
      if (c.at >= landing.at || (visible(c, from, to) && c.values.includes(photo))) return undefined;
    }
    return photo;
  }

  /**
   * The copy made at `at` did not take `photo` (it missed the change that carried it): it carries
   * its other values. Nothing where no copy of several values, `photo` among them, was made then.
   */
  withoutTaken(at: number, photo: Photo): void {
    const i = this.live.findIndex((c) => c.at === at);
    const c = this.live[i];
    if (c === undefined || c.taken !== true || c.values.length < 2 || !c.values.includes(photo)) return;
    const values = c.values.filter((v) => v !== photo);
    this.live[i] = changed(c, values, c.rules, values.length > 1 ? keepOf(c) : undefined);
  }

  /** For each value the store may hold at `now`, when the latest change carrying it was made. */
  valuesMadeAt(now: number): Map<Photo, number> {
    const out = new Map<Photo, number>();
    for (const c of this.live) {
      if (!visible(c, now, now)) continue;
      for (const v of c.values) if (shows(c, v, now, now)) out.set(v, Math.max(out.get(v) ?? -Infinity, c.at));
    }
    return out;
  }

  /** Every change that had surely reached the source by `reachedBy` lands by `deadline` at the latest, citing `rule`. */
  hasten(reachedBy: number, deadline: number, rule: RuleId): void {
    let changed = false;
    // each store owns its changes (clone copies them): moved in place
    for (const c of this.live) {
      if (c.sourceBy <= reachedBy && c.deadline > deadline) {
        c.deadline = deadline;
        if (!c.rules.includes(rule)) c.rules = [...c.rules, rule];
        changed = true;
      }
    }
    // deadlines only ever shrink, so supersededAt only ever falls
    if (changed) this.resupersede();
  }

  /**
   * A canonical text of the state as far as the future can tell it apart (`view`), to merge
   * possibilities that became equal: when a change was made or landed no longer matters once it
   * surely has, and the instant a photo stopped showing matters only against the anchors reads
   * reach back to. Without `withLanding`, only whether each change is still landing counts, not
   * when it was made or lands (`joinLanding`). WARNING: `view.now` must be at or after every write.
   */
  key(view: KeyView, withGone = true, withLanding = true): string {
    const { now } = view;
    this.fold(now);
    const gone: string[] = [];
    if (withGone) {
      for (const g of this.gone.values()) {
        const until = canonicalUntil(g.until, view);
        if (until !== undefined) gone.push(`${g.photo}<${until}`);
      }
      gone.sort();
    }
    const live: string[] = [];
    let values = '';
    let landing = '';
    // a change in flight may show until its own window closes: what counts of a run of equal photos is its latest deadline
    let latest = -Infinity;
    let source = '';
    let madeBefore = NaN;
    let landingBefore = false;
    for (const c of this.live) {
      const these = c.late === undefined ? c.values.join('/') : `${c.values.join('/')}^${c.late.join('/')}`;
      // shown from its own instant, until the next one surely lands: where nothing is ever moved, a
      // change of the same photos as the one before only carries that one on; but for two made in
      // one instant and both still landing, which a copy of the source may tell apart (one it took,
      // one it missed)
      const inFlight = c.deadline > now;
      const same = these === values && live.length > 0 && !(c.at === madeBefore && landingBefore && inFlight);
      madeBefore = c.at;
      landingBefore = inFlight;
      if (view.fixed === true && same && !(view.growing === true && inFlight)) {
        live.pop();
        latest = Math.max(latest, c.deadline);
      } else {
        latest = c.deadline;
        source = c.sourceBy > now ? String(c.sourceBy) : 'S';
      }
      landing = `${latest > now ? (withLanding ? latest : 'F') : 'L'},${source}`;
      values = these;
      const keep =
        c.keep === undefined || c.values.length < 2
          ? ''
          : `!${c.keep > now ? c.keep : 'K'}${c.tie === undefined ? '' : `~${c.tie}`}${c.outcome === undefined ? '' : outcomeKey(c.outcome)}${c.taken === true ? 'T' : ''}`;
      const superseded = c.supersededAt > now ? (withLanding ? c.supersededAt : 'F') : 'G';
      // one made now and still landing: a write in this instant would not only carry it on
      const twinOf = c.at === now && inFlight ? '=' : '';
      live.push(`${these},${landing},${superseded}${view.madeAt === true ? `@${c.at}` : ''}${keep}${twinOf}`);
    }
    return `${gone.join(',')}|${live.join(';')}`;
  }

  /**
   * A number equal for stores whose `key(view, withGone)` is equal (not the other way round): the
   * photos that may still show to a cache reaching back, as `key` sees them, and the newest
   * change's. Built without a string, so that telling states apart mostly costs none.
   */
  quick(view: KeyView, withGone = true): number {
    this.fold(view.now);
    let h = 0;
    if (withGone) {
      // a sum, so that the order of `gone` does not count
      for (const g of this.gone.values()) {
        const until = canonicalUntil(g.until, view);
        if (until !== undefined) h = (h + Math.imul(photoHash(g.photo), 0x9e3779b1) + ((until % 1e9) | 0)) | 0;
      }
    }
    for (const v of this.live[this.live.length - 1]!.values) h = (Math.imul(h, 31) + photoHash(v)) | 0;
    return h;
  }

  /**
   * Whether every photo that can no longer show in `other` but to a cache reaching back shows as
   * long here, as reads at `view` and later can tell (the first anchor after an instant stands for
   * it, as in `key`). With equal `key(view, false)`, this store then allows every read, now and
   * later, that `other` allows.
   */
  coversGone(other: WindowStore, view: KeyView): boolean {
    this.fold(view.now);
    other.fold(view.now);
    for (const g of other.gone.values()) {
      const theirs = canonicalUntil(g.until, view);
      if (theirs === undefined) continue;
      const mine = this.gone.get(g.photo);
      if (mine === undefined || (canonicalUntil(mine.until, view) ?? -Infinity) < theirs) return false;
    }
    return true;
  }

  /** Whether `other`'s changes that may still show cite the rules this store's do, change by change: dropping it then loses no citation. */
  sameCitations(other: WindowStore): boolean {
    const mine = this.live;
    const theirs = other.live;
    if (mine.length !== theirs.length) return false;
    for (let i = 0; i < mine.length; i++) if (!sameSet(mine[i]!.rules, theirs[i]!.rules)) return false;
    return true;
  }

  /**
   * Widens this store to also allow what `other` allowed of the changes that can no longer show:
   * for two stores whose `key(view, false)` is equal, every read then allows exactly what either
   * allowed. WARNING: a superset for a series of reads, as the two are no longer told apart.
   */
  absorbGone(other: WindowStore): void {
    if (other.wild) this.wild = true;
    for (const g of other.gone.values()) {
      const mine = this.gone.get(g.photo);
      if (mine === undefined) this.gone.set(g.photo, { photo: g.photo, until: g.until, rules: g.rules });
      else this.gone.set(g.photo, { photo: g.photo, until: Math.max(mine.until, g.until), rules: mergeRules(mine.rules, g.rules) });
    }
  }

  /**
   * Joins `other`, equal but for when its changes still landing were made and land (`key(view,
   * withGone, false)`), change by change: each lands at some instant of either's window, so from
   * the earlier instant made to the later deadline. This is how a push known only to a span is
   * written (at its first instant, landing by its last plus the pickup), so the join of two parts of
   * such a push is the push over both. Only changes that had reached the store's source by `now`
   * may differ: a later Edit-Cancel then ends the travel of both alike, where it would let a change
   * still on its way travel on, and land after it, in one store and not the other. WARNING: a
   * superset for a series of reads. False, changing nothing, where the two do not pair so.
   */
  joinLanding(other: WindowStore, now: number): boolean {
    const mine = this.live;
    const theirs = other.live;
    if (mine.length !== theirs.length) return false;
    for (let i = 0; i < mine.length; i++) {
      const c = mine[i]!;
      const o = theirs[i]!;
      if (!sameButLanding(c, o)) return false;
      const differ = c.at !== o.at || c.deadline !== o.deadline || c.sourceBy !== o.sourceBy;
      if (differ && (c.sourceBy > now || o.sourceBy > now)) return false;
    }
    for (let i = 0; i < mine.length; i++) {
      const c = mine[i]!;
      const o = theirs[i]!;
      if (o.at >= c.at && o.deadline <= c.deadline && o.sourceBy <= c.sourceBy && o.rules === c.rules) continue;
      const out = change(
        Math.min(c.at, o.at),
        c.values,
        Math.max(c.deadline, o.deadline),
        Math.max(c.sourceBy, o.sourceBy),
        mergeRules(c.rules, o.rules),
        keepOf(c),
      );
      mine[i] = out;
    }
    if (other.keeping) this.keeping = true;
    // what can no longer show is alike already: the key holds it
    this.resupersede();
    return true;
  }

  /**
   * Where this store is `other` with one more change, the newest, which lands after every other
   * (the two possibilities of a write of unknown outcome, made last): when it was made and had
   * reached its source, for `mayNotLand`. Undefined otherwise.
   */
  newestBeyond(other: WindowStore): { at: number; sourceBy: number } | undefined {
    const mine = this.live;
    const theirs = other.live;
    const n = theirs.length;
    if (mine.length !== n + 1 || this.wild !== other.wild || this.gone.size !== other.gone.size) return undefined;
    const c = mine[n]!;
    for (let i = 0; i < n; i++) {
      const o = theirs[i]!;
      if (o.at !== mine[i]!.at || o.deadline !== mine[i]!.deadline || o.sourceBy !== mine[i]!.sourceBy || !sameButLanding(o, mine[i]!))
        return undefined;
      if (o.deadline > c.deadline) return undefined;
    }
    for (const g of other.gone.values()) if (this.gone.get(g.photo)?.until !== g.until) return undefined;
    return { at: c.at, sourceBy: c.sourceBy };
  }

  // supersededAt of each change is the earliest deadline of a newer one
  private resupersede(): void {
    let newer = Infinity;
    for (let j = this.live.length - 1; j >= 0; j--) {
      const c = this.live[j]!;
      c.supersededAt = newer;
      newer = Math.min(newer, c.deadline);
    }
  }

  // Changes that can no longer show by `now` at the head of the list (supersededAt never decreases
  // along it; one still in flight waits for its window) stay so whatever is written later: fold
  // them into `gone`.
  private fold(now: number): void {
    const live = this.live;
    if (live.length < 2 || shownUntil(live[0]!) > now) return;
    let n = 0;
    while (n < live.length - 1 && shownUntil(live[n]!) <= now) {
      const c = live[n++]!;
      const until = shownUntil(c);
      if (until <= c.at) continue; // superseded at its own instant, and landed then: it never showed
      const values = c.values;
      for (let i = 0; i < values.length; i++) {
        const v = values[i]!;
        // a value it carried only where it never landed shows only from its deadline on
        if (c.late !== undefined && until <= c.deadline && c.late.includes(v)) continue;
        const g = this.gone.get(v);
        // rule lists are shared, never changed in place: a merge makes a new one
        if (g === undefined) this.gone.set(v, { photo: v, until, rules: c.rules });
        else if (until > g.until || c.rules !== g.rules)
          this.gone.set(v, {
            photo: v,
            until: Math.max(until, g.until),
            rules: c.rules === g.rules ? g.rules : mergeRules(g.rules, c.rules),
          });
      }
    }
    if (n === 1) live.shift();
    else live.splice(0, n);
  }
}

/** Whether two changes carry the same photos and keep one alike: they differ at most in when they were made and land. */
function sameButLanding(a: Change, b: Change): boolean {
  return (
    sameSet(a.values, b.values) &&
    a.keep === b.keep &&
    a.tie === b.tie &&
    a.taken === b.taken &&
    sameLate(a.late, b.late) &&
    (a.outcome === b.outcome || (a.outcome !== undefined && b.outcome !== undefined && outcomeKey(a.outcome) === outcomeKey(b.outcome)))
  );
}

/** Whether `c` keeps one of several values, and a read showing `photo` may say it kept that one. */
function tellsKept(c: Change, photo: Photo): boolean {
  return c.keep !== undefined && c.values.length > 1 && c.values.includes(photo);
}

/**
 * `c` with `values` and `rules`, no longer tied to a racing write of the source; it keeps one of
 * them once landed, as it kept its own: the store holds one photo by then (the copy, or the change
 * that landed after it), whichever world it stands for.
 */
function untied(c: Change, values: readonly Photo[], rules: readonly RuleId[]): Change {
  return changed(c, values, rules, { ...(keepOf(c) ?? { from: c.deadline }), tie: undefined, outcome: undefined });
}

/** A change that may never have landed did (`WindowStore.keepSeen`): made at `at`, carrying `photo`, which the store keeps from `keep` on. */
export type Landed = { readonly at: number; readonly photo: Photo; readonly keep: number };

/** A copy took `photo` from the write made at `sourceAt` in its source, which may never have landed: it did there (`WindowStore.keepSeen`, `landedAt`). */
export type SourceLanded = { readonly sourceAt: number; readonly photo: Photo };

/** Where `c` is a copy tied to a write of its source that may never land (`copyOutcome`) and `photo` is that write's own: the write, which a read telling the copy took `photo` says landed. */
function sourceLanded(c: Change, photo: Photo): SourceLanded | undefined {
  const o = c.outcome;
  if (c.taken !== true || o === undefined || o.racer !== photo || o.ifCarried !== 'either' || !Array.isArray(o.ifNot)) return undefined;
  return { sourceAt: o.tie, photo };
}

/**
 * The one value of its own of `c`, a change that may never land (`mayNotLand`: the others are what
 * the store would hold without it, `late`), tied to no racing write and not a copy: undefined
 * where `c` is not such a change.
 */
function ownOf(c: Change): Photo | undefined {
  const late = c.late;
  if (late === undefined || c.tie !== undefined || c.outcome !== undefined || c.taken === true || c.values.length !== late.length + 1)
    return undefined;
  return c.values.find((v) => !late.includes(v));
}

/**
 * Whether `c` may never land and has `photo` as its own value (`ownOf`), and is still landing at
 * `now`: a read or a copy showing `photo` from it then says it landed. Not once its window has
 * closed: what the store would hold without it shows through it too, and that may be its own photo.
 */
function landsWith(c: Change, photo: Photo, now: number): boolean {
  return photo !== UNKNOWN && now < c.deadline && ownOf(c) === photo;
}

/**
 * How `WindowStore.mayNotLand` ties a change to a racing write of the source: the write's instant
 * (undefined: the outcome does not tell), and the outcome given what the change carries where it lands.
 */
export type OutcomeTie = { readonly at: number; outcome(until: Fate): Omit<Outcome, 'tie'> } | { readonly at: undefined };

/** An outcome that does not tell: the change keeps one of its values, tied to nothing. */
export const UNTIED: OutcomeTie = { at: undefined };

/** What `c` carried until now: by an outcome it was tied to, its one value (it lands), or either (it may not). */
function fate(c: Change): Fate {
  return c.outcome ?? (c.values.length === 1 ? c.values : 'either');
}

function outcomeKey(o: Outcome): string {
  const part = (f: Fate): string => (typeof f === 'string' ? f : isOutcome(f) ? `(${outcomeKey(f)})` : f.join('/'));
  return `?${o.tie}:${o.racer}:${part(o.ifCarried)}:${part(o.ifNot)}`;
}

/** `a` with the rules of `b` it lacks: `a` itself when it lacks none. */
function mergeRules(a: readonly RuleId[], b: readonly RuleId[]): RuleId[] | readonly RuleId[] {
  let out: RuleId[] | undefined;
  for (const r of b) {
    if (a.includes(r) || out?.includes(r) === true) continue;
    out ??= [...a];
    out.push(r);
  }
  return out ?? a;
}

/**
 * The instant from which a change never shows again: when a newer one has surely landed, or, for a
 * change still in flight then, when its own window closes ("a value that is in flight may be shown
 * or not until its window closes", SPEC section 4: a slower path may land after a faster, newer one).
 */
function shownUntil(c: Change): number {
  return c.deadline > c.supersededAt ? c.deadline : c.supersededAt;
}

/** Whether `v`, one of `c`'s values, may show through it at some instant of [from, now], where `c` itself may (`visible`): a late value only once its window has closed. */
function shows(c: Change, v: Photo, from: number, now: number): boolean {
  if (c.late === undefined || !c.late.includes(v)) return true;
  const until = shownUntil(c);
  return c.deadline <= now && until > c.deadline && until > from;
}

function sameLate(a: readonly Photo[] | undefined, b: readonly Photo[] | undefined): boolean {
  return a === b || (a !== undefined && b !== undefined && sameSet(a, b));
}

/** A change that may never land, and may have landed over `span` (`WindowStore.lateLandings`). */
export type LateLanding = {
  readonly at: number;
  readonly span: Span;
  readonly own: Photo | undefined;
  readonly kept: { readonly tie: number; readonly photo: Photo; readonly racer: Photo; readonly keep: number } | undefined;
};

// the outcome of a racing write under which a change tied to it lands, where the other one never
// does: the photo the source kept then (the write's own where it was carried, else the change's)
function landingOutcome(o: Outcome, keep: number): LateLanding['kept'] {
  if (Array.isArray(o.ifCarried) && o.ifNot === 'never') return { tie: o.tie, photo: o.racer, racer: o.racer, keep };
  if (Array.isArray(o.ifNot) && o.ifCarried === 'never' && o.ifNot.length === 1 && o.ifNot[0] !== o.racer)
    return { tie: o.tie, photo: o.ifNot[0]!, racer: o.racer, keep };
  return undefined;
}

/** The instants of [from, to] at which `c`, citing `rule`, made after `madeAfter` or travelling past a copy made then, may have landed (`WindowStore.landingSpan`). */
function landingOf(c: Change, from: number, to: number, rule: RuleId, madeAfter: number): Span | undefined {
  if (!c.rules.includes(rule) || c.deadline <= c.at || !visible(c, from, to)) return undefined;
  if (c.at <= madeAfter && !travelsPast(c, madeAfter)) return undefined;
  const lo = Math.max(c.at, from);
  const hi = Math.min(c.deadline - 1, to);
  return lo <= hi ? { lo, hi } : undefined;
}

/**
 * Whether `photo`, made at `madeAt` (the instant of `live[i]`, or not), was made on an earlier line of
 * that instant than `live[i]`: a change of the store made then carries it as its own, and none after
 * `live[i]` in that instant does. Instants do not order one second's lines; the store's list, oldest
 * first, does. Where the list does not tell (no such change is left), it was not (a superset).
 */
function madeJustBefore(live: readonly Change[], i: number, photo: Photo, madeAt: number): boolean {
  const at = live[i]!.at;
  if (madeAt !== at) return false;
  for (let j = i + 1; j < live.length && live[j]!.at === at; j++) if (live[j]!.values.includes(photo)) return false;
  for (let j = i - 1; j >= 0 && live[j]!.at === at; j--) {
    const d = live[j]!;
    if (d.values.includes(photo) && d.late?.includes(photo) !== true) return true;
  }
  return false;
}

/** Whether `c` may still land at `at` or later and was not surely in the store's source by then: a copy of the source made at `at` may miss it. */
function travelsPast(c: Change, at: number): boolean {
  return c.deadline > at && c.sourceBy > at;
}

function visible(c: Change, from: number, now: number): boolean {
  const until = shownUntil(c);
  return c.at <= now && until > from && until > c.at;
}

import type { ParamName } from './Params.js';
import type { Profile } from './Profile.js';
import { missingFrom, type Missing } from './profileScope.js';
import type { ReadableStore, Reading, Rule, RuleContext, ViewerState } from './Rule.js';
import { RULE_IDS, type RuleId } from './RuleId.js';
import { RULES } from './rules/index.js';
import { SubjectWorld } from './SubjectWorld.js';
import type { Divergence, Verdict } from './Verdict.js';
import {
  defaultUser,
  isObservation,
  SURFACE_STORE,
  UNKNOWN,
  VIAS,
  type ActionEvent,
  type ObservationEvent,
  type Photo,
  type SetPhoto,
  type Surface,
  type TraceEvent,
  type UserInit,
  type Via,
} from './vocabulary.js';

/** What a trace's header tells the checker. */
export type TraceStart = { readonly start: number; readonly users: readonly UserInit[] };

/**
 * The most possibilities kept open for one user. Past it the checker keeps this many and drops the
 * rest: a trace that conforms still conforms, but a divergence found after a drop is `unknown`.
 */
export const MAX_POSSIBILITIES = 32;

/**
 * Checks one trace against one profile, one event at a time.
 * Invariant: it keeps every possibility the events so far leave open, and reports a divergence
 * only when every one of them forbids the event; memory follows the number of users and photos.
 */
export class ProfileChecker {
  private readonly ruleIds: ReadonlySet<RuleId>;
  private readonly hooks: Hooks;
  /** the rule that governs each surface's reading; a surface without one reads its store now */
  private readonly readers: ReadonlyMap<Surface, Rule>;
  /** the rules that make a change through each path an outside change, fixed by the profile */
  private readonly outsideRules: ReadonlyMap<Via, readonly RuleId[]>;
  private readonly absent: Missing;
  private readonly inits: Map<string, UserInit>;
  private readonly subjects = new Map<string, SubjectWorld[]>();
  private readonly viewers = new Map<string, ViewerState>();
  private readonly ctx: Context;
  private decided: Verdict | undefined;
  /** the first line where possibilities had to be dropped */
  private droppedAt: { line: number; user: string } | undefined;

  constructor(
    readonly profile: Profile,
    trace: TraceStart,
  ) {
    ({
      ruleIds: this.ruleIds,
      hooks: this.hooks,
      readers: this.readers,
      outsideRules: this.outsideRules,
      absent: this.absent,
    } = compiled(profile));
    this.inits = new Map(trace.users.map((u) => [u.id, u]));
    this.ctx = new Context(this, trace.start);
  }

  /** The verdict once an event decided it; later events are then ignored. */
  get verdict(): Verdict | undefined {
    return this.decided;
  }

  /** Applies the next event of the trace (line numbers are 1-based, `raw` is the line as parsed). */
  feed(event: TraceEvent, line: number, raw: unknown = event): Verdict | undefined {
    if (this.decided !== undefined) return this.decided;
    const divergence = isObservation(event) ? this.observe(event, line, raw) : this.act(event, line, raw);
    if (divergence === undefined) return undefined;
    const dropped = this.droppedAt;
    this.decided =
      dropped === undefined
        ? { profile: this.profile.id, verdict: 'diverges', divergence }
        : {
            profile: this.profile.id,
            verdict: 'unknown',
            line,
            reason: `line ${line} diverges from the possibilities kept, but from line ${dropped.line} on more than ${MAX_POSSIBILITIES} were open for ${dropped.user} (actions of unknown outcome) and some were dropped`,
          };
    return this.decided;
  }

  /** The verdict after the last event. */
  finish(): Verdict {
    return this.decided ?? { profile: this.profile.id, verdict: 'conforms' };
  }

  param(name: ParamName): number {
    const value = this.profile.params[name];
    if (value === undefined) throw new Error(`profile ${this.profile.id} has no parameter ${name}`);
    return value;
  }

  has(id: RuleId): boolean {
    return this.ruleIds.has(id);
  }

  viewer(id: string): ViewerState {
    let v = this.viewers.get(id);
    if (v === undefined) {
      v = { restarted: {} };
      this.viewers.set(id, v);
    }
    return v;
  }

  isOutside(via: Via): boolean {
    if (via === 'yammer' || via === 'on-prem-ad') return false;
    return via !== 'sharepoint' || this.outsideBecause(via).length > 0;
  }

  outsideBecause(via: Via): readonly RuleId[] {
    return this.outsideRules.get(via) ?? [];
  }

  stopsDirSync(a: SetPhoto, ctx: RuleContext): RuleId | undefined {
    return this.hooks.stopsDirSync.find((r) => r.stopsDirSync!(a, ctx))?.id;
  }

  outsideChange(photo: Photo, ctx: RuleContext): void {
    const w = ctx.world;
    if (w.pending === null) w.pending = { since: ctx.at, values: [] };
    if (!w.pending.values.includes(photo)) w.pending.values.push(photo);
    for (const r of this.hooks.onOutsideChange) r.onOutsideChange!(photo, ctx);
  }

  // ---- actions

  private act(a: ActionEvent, line: number, raw: unknown): Divergence | undefined {
    if (a.do === 'wait') return undefined;
    if (a.do === 'setPhoto') {
      const provider = this.absent.vias.get(a.via);
      if (provider !== undefined) return { line, event: raw, allowed: [], rules: [provider] };
    }
    if (a.do === 'restartClient' || a.do === 'clearBrowserCache') return this.actAsViewer(a, line, raw);

    const user = a.user;
    const worlds = this.worldsOf(user);
    const next: SubjectWorld[] = [];
    const rejecters = new Set<RuleId>();
    let forked = false;
    for (const w of worlds) {
      this.enter(w, a.at);
      const rejectedBy = this.rejectedBy(a);
      if (rejectedBy !== undefined) rejecters.add(rejectedBy);
      if (a.result === 'unknown') {
        next.push(w);
        if (rejectedBy === undefined) next.push(this.applied(w.clone(), a));
        forked = true;
      } else if (a.result === 'ok' && rejectedBy === undefined) {
        next.push(this.applied(w, a));
      } else if (a.result === 'rejected' && rejectedBy !== undefined) {
        next.push(w);
      }
    }
    if (next.length === 0) {
      if (a.result === 'ok') return { line, event: raw, allowed: ['rejected'], rules: ordered(rejecters) };
      const acting = new Set<RuleId>();
      for (const w of worlds) for (const id of this.apply(w.clone(), a)) acting.add(id);
      return { line, event: raw, allowed: ['ok'], rules: ordered(acting) };
    }
    return this.settle(user, next, line, forked);
  }

  private actAsViewer(a: Extract<ActionEvent, { viewer: string }>, line: number, raw: unknown): Divergence | undefined {
    if (a.result === 'rejected') return { line, event: raw, allowed: ['ok'], rules: [] };
    // Keeping an unknown reset open is the same as assuming it did not happen: a cache that was
    // not emptied allows every value an emptied one does, now and later.
    if (a.result === 'unknown') return undefined;
    const v = this.viewer(a.viewer);
    if (a.do === 'clearBrowserCache') v.browserCleared = a.at;
    else v.restarted[a.client] = a.at;
    return undefined;
  }

  private rejectedBy(a: ActionEvent): RuleId | undefined {
    for (const r of this.hooks.rejects) if (r.rejects!(a, this.ctx)) return r.id;
    return undefined;
  }

  private applied(w: SubjectWorld, a: ActionEvent): SubjectWorld {
    this.apply(w, a);
    return w;
  }

  /** Applies an accepted action to one possibility; returns the rules that acted on it. */
  private apply(w: SubjectWorld, a: ActionEvent): RuleId[] {
    const ctx = this.enter(w, a.at);
    ctx.outsideBecause = a.do === 'setPhoto' ? this.outsideBecause(a.via) : [];
    const acted: RuleId[] = [];
    if (a.do === 'visitMySite' || a.do === 'editCancel') acted.push(...this.visit(ctx));
    if (a.do === 'setPolicy') {
      w.setPhotoEnabled = a.setPhotoEnabled;
      if (this.has('PHOTO-POLICY')) acted.push('PHOTO-POLICY');
    }
    for (const r of this.hooks.onAction) if (r.onAction!(a, ctx)) acted.push(r.id);
    this.advance(ctx, a.at);
    return acted;
  }

  private visit(ctx: Context): readonly RuleId[] {
    ctx.world.createMySite(ctx.at);
    for (const r of this.hooks.onVisit) r.onVisit!(ctx);
    return this.hooks.visitRules;
  }

  // ---- observations

  private observe(o: ObservationEvent, line: number, raw: unknown): Divergence | undefined {
    const visits = o.see === 'sp-mysite' && o.viewer === o.user;
    const worlds = this.worldsOf(o.user);
    if (o.photo === UNKNOWN) {
      // Not seen, so nothing is learnt; but the subject may still have opened their My Site.
      if (!visits) return undefined;
      const next = [...worlds];
      for (const w of worlds) {
        const ctx = this.enter(w.clone(), o.at);
        this.visit(ctx);
        this.advance(ctx, o.at);
        next.push(ctx.world);
      }
      return this.settle(o.user, next, line, true);
    }
    const provider = this.absent.surfaces.get(o.see);
    if (provider !== undefined) return { line, event: raw, allowed: [], rules: [provider] };
    const kept: SubjectWorld[] = [];
    for (const w of worlds) {
      const ctx = this.enter(w, o.at);
      const reading = this.read(o.see, o.viewer, ctx);
      if ('fixed' in reading) {
        if (reading.fixed === o.photo) kept.push(w);
        continue;
      }
      if (w[reading.store].allows(o.photo, reading.from, o.at)) {
        kept.push(w);
      } else if (this.hooks.alsoShows.some((r) => r.alsoShows!(reading.store, reading.from, ctx).includes(o.photo))) {
        kept.push(w);
      }
    }
    if (kept.length === 0) return this.explain(o, worlds, line, raw);
    if (visits) {
      for (const w of kept) {
        const ctx = this.enter(w, o.at);
        this.visit(ctx);
        this.advance(ctx, o.at);
      }
    }
    return this.settle(o.user, kept, line, false);
  }

  private read(surface: Surface, viewer: string, ctx: Context): Reading {
    const reader = this.readers.get(surface);
    if (reader !== undefined) return reader.reads!.read(surface, viewer, ctx);
    return { store: SURFACE_STORE[surface] as ReadableStore, from: ctx.at, rules: [] };
  }

  /**
   * The photos the model allows for an observation at this point of the trace, without learning
   * from it. WARNING: call it only with an observation that would be the next event.
   */
  allowedFor(o: Omit<ObservationEvent, 'photo'>): Photo[] {
    const provider = this.absent.surfaces.get(o.see);
    if (provider !== undefined) return [];
    return [...this.explain({ ...o, photo: UNKNOWN }, this.worldsOf(o.user), 0, null).allowed];
  }

  private explain(o: ObservationEvent, worlds: readonly SubjectWorld[], line: number, raw: unknown): Divergence {
    const allowed = new Map<Photo, Set<RuleId>>();
    const rules = new Set<RuleId>();
    for (const w of worlds) {
      const ctx = this.enter(w, o.at);
      const reading = this.read(o.see, o.viewer, ctx);
      for (const id of reading.rules) rules.add(id);
      if ('fixed' in reading) {
        allowed.set(reading.fixed, allowed.get(reading.fixed) ?? new Set());
      } else {
        w[reading.store].candidates(reading.from, o.at, allowed);
        for (const r of this.hooks.alsoShows) {
          for (const photo of r.alsoShows!(reading.store, reading.from, ctx)) {
            allowed.set(photo, (allowed.get(photo) ?? new Set()).add(r.id));
          }
        }
      }
      for (const r of this.hooks.explains) if (r.explains!(o.photo, o.see, ctx)) rules.add(r.id);
    }
    for (const ids of allowed.values()) for (const id of ids) rules.add(id);
    return { line, event: raw, allowed: [...allowed.keys()].sort(byPhoto), rules: ordered(rules) };
  }

  // ---- time and possibilities

  private worldsOf(user: string): SubjectWorld[] {
    let worlds = this.subjects.get(user);
    if (worlds === undefined) {
      worlds = [new SubjectWorld(this.inits.get(user) ?? defaultUser(user))];
      this.subjects.set(user, worlds);
    }
    return worlds;
  }

  private enter(w: SubjectWorld, at: number): Context {
    this.ctx.world = w;
    this.ctx.at = at;
    this.ctx.spUpdatedBefore = w.spUpdated;
    this.advance(this.ctx, at);
    this.ctx.spUpdatedBefore = w.spUpdated;
    return this.ctx;
  }

  /** Carries out every SharePoint push due by `now`, earliest first. */
  private advance(ctx: Context, now: number): void {
    const w = ctx.world;
    for (;;) {
      let due = Infinity;
      let rules: RuleId[] = [];
      if (w.pending !== null) {
        let trigger = Infinity;
        let triggerRule: RuleId | undefined;
        for (const r of this.hooks.pushTrigger) {
          const t = r.pushTrigger!(ctx);
          if (t !== undefined && t < trigger) [trigger, triggerRule] = [t, r.id];
        }
        if (triggerRule !== undefined) {
          due = trigger;
          rules = [triggerRule];
          for (const r of this.hooks.pushHold) {
            const hold = r.pushHold!(ctx);
            if (hold !== undefined && hold > due) [due, rules] = [hold, [triggerRule, r.id]];
          }
        }
      }
      for (const r of this.hooks.ownPushAt) {
        const t = r.ownPushAt!(ctx);
        if (t !== undefined && t < due) [due, rules] = [t, [r.id]];
      }
      if (due > now) return;
      this.push(w, due, rules);
    }
  }

  /** SharePoint takes whatever exchange may hold at `at`, landing within spPickup. */
  private push(w: SubjectWorld, at: number, rules: readonly RuleId[]): void {
    const values = w.exchange.valuesAt(at);
    w.sharepoint.write(at, values, at + this.param('spPickup'), rules);
    w.spUpdated = at;
    if (w.pending !== null) for (const v of w.pending.values) if (!values.includes(v)) w.skipped.add(v);
    for (const v of values) w.skipped.delete(v);
    w.pending = null;
    w.visitAt = null;
    if (w.unstuck !== null) {
      for (const v of w.unstuck.values) w.unstuckUntil.set(v, at);
      w.unstuck = null;
    }
  }

  /** Keeps `worlds` as the possibilities of `user`; after a fork, merges equal ones and bounds them. */
  private settle(user: string, worlds: SubjectWorld[], line: number, forked: boolean): undefined {
    let next = worlds;
    if (forked && worlds.length > 1) {
      const seen = new Map<string, SubjectWorld>();
      for (const w of worlds) seen.set(w.key(), w);
      next = [...seen.values()];
      if (next.length > MAX_POSSIBILITIES) {
        next = next.slice(0, MAX_POSSIBILITIES);
        this.droppedAt ??= { line, user };
      }
    }
    this.subjects.set(user, next);
    return undefined;
  }
}

/** The one context object a checker hands its rules; it is re-aimed at each possibility in turn. */
class Context implements RuleContext {
  world!: SubjectWorld;
  at = 0;
  spUpdatedBefore = -Infinity;
  outsideBecause: readonly RuleId[] = [];

  constructor(
    private readonly checker: ProfileChecker,
    readonly start: number,
  ) {}

  param(name: ParamName): number {
    return this.checker.param(name);
  }
  has(rule: RuleId): boolean {
    return this.checker.has(rule);
  }
  viewer(id: string): ViewerState {
    return this.checker.viewer(id);
  }
  isOutside(via: Via): boolean {
    return this.checker.isOutside(via);
  }
  stopsDirSync(action: SetPhoto): RuleId | undefined {
    return this.checker.stopsDirSync(action, this);
  }
  outsideChange(photo: Photo, because: readonly RuleId[] = []): void {
    // most outside changes come with no rule to add: no copy on the checker's hot path then
    if (because.length === 0) return this.checker.outsideChange(photo, this);
    const before = this.outsideBecause;
    this.outsideBecause = [...before, ...because];
    try {
      this.checker.outsideChange(photo, this);
    } finally {
      this.outsideBecause = before;
    }
  }
}

type HookName = {
  [K in keyof Rule]-?: NonNullable<Rule[K]> extends (...args: never[]) => unknown ? K : never;
}[keyof Rule];
type Hooks = { readonly [K in HookName]: readonly Rule[] } & { readonly visitRules: readonly RuleId[] };

function collectHooks(rules: readonly Rule[]): Hooks {
  const pick = (name: HookName) => rules.filter((r) => r[name] !== undefined);
  return {
    rejects: pick('rejects'),
    onAction: pick('onAction'),
    makesOutside: pick('makesOutside'),
    stopsDirSync: pick('stopsDirSync'),
    onOutsideChange: pick('onOutsideChange'),
    onVisit: pick('onVisit'),
    pushTrigger: pick('pushTrigger'),
    pushHold: pick('pushHold'),
    ownPushAt: pick('ownPushAt'),
    alsoShows: pick('alsoShows'),
    explains: pick('explains'),
    visitRules: pick('onVisit').map((r) => r.id),
  };
}

/** What a checker needs of its profile, worked out once per profile: a harness makes a checker for every run. */
type Compiled = {
  readonly ruleIds: ReadonlySet<RuleId>;
  readonly rules: readonly Rule[];
  readonly hooks: Hooks;
  readonly readers: ReadonlyMap<Surface, Rule>;
  readonly outsideRules: ReadonlyMap<Via, readonly RuleId[]>;
  readonly absent: Missing;
};
const compiledProfiles = new WeakMap<Profile, Compiled>();

function compiled(profile: Profile): Compiled {
  const known = compiledProfiles.get(profile);
  if (known !== undefined) return known;
  const ruleIds = new Set(profile.rules);
  const rules = RULE_IDS.filter((id) => ruleIds.has(id)).map((id) => RULES[id]);
  const hooks = collectHooks(rules);
  const readers = new Map<Surface, Rule>();
  for (const r of rules) for (const s of r.reads?.surfaces ?? []) if (!readers.has(s)) readers.set(s, r);
  const outsideRules = new Map(VIAS.map((via) => [via, hooks.makesOutside.filter((r) => r.makesOutside!(via)).map((r) => r.id)]));
  const made: Compiled = { ruleIds, rules, hooks, readers, outsideRules, absent: missingFrom(ruleIds) };
  compiledProfiles.set(profile, made);
  return made;
}

function ordered(ids: Iterable<RuleId>): RuleId[] {
  const set = new Set(ids);
  return RULE_IDS.filter((id) => set.has(id));
}

const collator = new Intl.Collator('en', { numeric: true });

/** Photo ids in natural order: p2 before p10. */
export function byPhoto(a: Photo, b: Photo): number {
  return collator.compare(a, b);
}

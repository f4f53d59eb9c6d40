import { Anchors, browserReach } from './Anchors.js';
import { arrivals } from './arrivals.js';
import { cloneBranch, exportedAlone, followKept, type Branch } from './Branch.js';
import { ExchangeSide } from './ExchangeSide.js';
import type { ParamName } from './Params.js';
import type { Profile } from './Profile.js';
import {
  readsStore,
  type Carried,
  type ExchangeSource,
  type ExchangeWrite,
  type ReadableStore,
  type Reading,
  type RuleContext,
  type ViewerState,
} from './Rule.js';
import { RULE_IDS, type RuleId } from './RuleId.js';
import { CheckContext } from './CheckContext.js';
import { compileProfile, type CompiledProfile } from './compileProfile.js';
import { byPhoto, union, without } from './photoLists.js';
import { SettingsTimeline, type SettingsFacts } from './SettingsTimeline.js';
import { StateMerger } from './StateMerger.js';
import type { Part, Subject } from './Subject.js';
import { settledByCopy, travellingUploads } from './travellingUploads.js';
import { copyPending, followsMissed, joinPending, pending, SharePointSide, type Pending } from './SharePointSide.js';
import { at as instant, NEVER, type Span } from './Span.js';
import type { Window } from './Window.js';
import type { Divergence, Verdict } from './Verdict.js';
import {
  ADMIN,
  DEFAULT_PHOTO_SETTINGS,
  defaultUser,
  isObservation,
  NO_PHOTO,
  SURFACE_STORE,
  UNKNOWN,
  type Action,
  type ActionEvent,
  type ObservationEvent,
  type Photo,
  type PhotoSettings,
  type SetPhoto,
  type Surface,
  type TraceEvent,
  type TraceStart,
  type UserInit,
  type Via,
} from './vocabulary.js';
import { copyTaken, WindowStore, type Landed, type SourceLanded } from './WindowStore.js';

export type { TraceStart } from './vocabulary.js';

/**
 * The most states kept open for one part of one user (Exchange side, SharePoint side or Yammer).
 * Past it the checker keeps this many and drops the rest: a trace that conforms still conforms,
 * but a divergence found after a drop, on a read of the part that lost some, is `unknown`.
 */
export const MAX_POSSIBILITIES = 32;

/**
 * The most arrivals `movedByArrival` follows for one push (SP-SYNC-WINDOW's arrival reading): each
 * may be followed by as many again, so changes made close together (a script's, a simulated
 * tenant's, milliseconds apart) made the states grow as a power of their number, until a check of
 * 124 lines ran out of stack. Past it the rest are dropped, as past the cap.
 */
const FOLLOWED_PER_PUSH = 4 * MAX_POSSIBILITIES;

export type { Part } from './Subject.js';

/** How often the cap on possibilities was reached, by part: a measure, not a verdict. */
export type CapCount = { readonly [P in Part]: number };

/**
 * Checks one trace against one profile, one event at a time.
 * Invariant: it keeps every possibility the events so far leave open, and reports a divergence
 * only when every one of them forbids the event and none was dropped from the part the event
 * reads; memory follows the number of users and photos.
 */
export class ProfileChecker {
  private readonly c: CompiledProfile;
  private readonly inits: Map<string, UserInit>;
  private readonly subjects = new Map<string, Subject>();
  private readonly viewers = new Map<string, ViewerState>();
  private readonly settings: SettingsTimeline | undefined;
  private readonly initialSettings: PhotoSettings;
  private readonly ctx: CheckContext;
  private decided: Verdict | undefined;
  /** the first line that diverged only from the possibilities kept, where some were dropped */
  private unsure: Extract<Verdict, { verdict: 'unknown' }> | undefined;
  /** the instants reads of Exchange (a client restarted) and of SharePoint (a browser cleared) reach back to */
  private readonly anchors: { readonly exchange: Anchors; readonly sharepoint: Anchors };
  /** the settings every action is judged by, where the profile has no PHOTO-SOURCE */
  private readonly fixedSettings: readonly PhotoSettings[];
  /** merges the states forks leave equal, and counts the drops past the cap */
  private readonly merger: StateMerger;
  /** arrivals `movedByArrival` followed for the push `bringTo` brings, and whether it stopped at FOLLOWED_PER_PUSH */
  private followed = 0;
  private followCut = false;
  /** Exchange writes that may never have landed which the read being checked showed landed, per Exchange side (`tieLandings`) */
  private readonly landings: (Landed & { core: ExchangeSide })[] = [];
  /** SharePoint and Viva Engage copies the read being checked showed took the photo of an Exchange write that may never have landed, per store (`landByCopies`) */
  private readonly copyLandings: (SourceLanded & { store: WindowStore })[] = [];

  /** the most states kept open for one part of one user: MAX_POSSIBILITIES, unless a test lowers it to reach it often */
  private readonly cap: number;

  constructor(
    readonly profile: Profile,
    trace: TraceStart,
    options: { readonly maxPossibilities?: number } = {},
  ) {
    this.cap = options.maxPossibilities ?? MAX_POSSIBILITIES;
    this.c = compileProfile(profile);
    this.inits = new Map(trace.users.map((u) => [u.id, u]));
    this.initialSettings = trace.photoSettings ?? DEFAULT_PHOTO_SETTINGS;
    this.settings = this.c.ruleIds.has('PHOTO-SOURCE') ? new SettingsTimeline(this.initialSettings, this.param('settingsLag')) : undefined;
    this.ctx = new CheckContext(this, trace.start, this.c.params);
    this.anchors = { exchange: new Anchors(trace.start), sharepoint: new Anchors(trace.start, browserReach) };
    this.fixedSettings = [this.initialSettings];
    this.merger = new StateMerger(this.c, this.cap, this.anchors);
  }

  /** The verdict once an event decided it; later events are then ignored. */
  get verdict(): Verdict | undefined {
    return this.decided;
  }

  /** How many times possibilities had to be dropped, by part. */
  get caps(): CapCount {
    return { ...this.merger.capped };
  }

  /**
   * How many states are open for `user`'s parts now: Exchange sides, and SharePoint and Yammer
   * states beside them, summed over the sides (as the header leaves them for a user no event has
   * named yet). A measure of the checker's work, not a verdict.
   */
  openStates(user: string): CapCount {
    const branches = this.subjectOf(user).branches;
    let sharepoint = 0;
    let yammer = 0;
    for (const b of branches) {
      sharepoint += b.sps.length;
      yammer += b.yams.length;
    }
    return { exchange: branches.length, sharepoint, yammer };
  }

  /**
   * Applies the next event of the trace (line numbers are 1-based, `raw` is the line as parsed), and
   * returns the verdict once a certain divergence decided it. An event that diverges only from the
   * possibilities kept for a user, where some were dropped, may agree with one of those: the first
   * such line is remembered for `finish`, the user is from then on checked only for photos none of
   * their stores ever held (every part counts as having dropped some), and the rest of the trace is
   * still checked: one user's faults do not blind the check of the others.
   */
  feed(event: TraceEvent, line: number, raw: unknown = event): Verdict | undefined {
    if (this.decided !== undefined) return this.decided;
    const found = isObservation(event) ? this.observe(event, line, raw) : this.act(event, line, raw);
    if (found === undefined) return undefined;
    const { divergence, uncertain } = found;
    if (uncertain === undefined) {
      this.decided = { profile: this.profile.id, verdict: 'diverges', divergence };
      return this.decided;
    }
    this.unsure ??= {
      profile: this.profile.id,
      verdict: 'unknown',
      line,
      reason: `line ${line} diverges from the possibilities kept, but from line ${uncertain.line} on more than ${this.cap} ${uncertain.part} states were open for ${uncertain.user} (actions of unknown outcome) and some were dropped`,
    };
    // the states kept may all be wrong now: every later divergence of this user but a photo never held is uncertain
    const subject = this.subjects.get(uncertain.user);
    if (subject !== undefined) subject.lost.exchange ??= line;
    return undefined;
  }

  /** The verdict after the last event: a certain divergence, else the first line that may have diverged (`unknown`), else `conforms`. */
  finish(): Verdict {
    return this.decided ?? this.unsure ?? { profile: this.profile.id, verdict: 'conforms' };
  }

  param(name: ParamName): number {
    const value = this.c.params[name];
    if (value === undefined) throw new Error(`profile ${this.profile.id} has no parameter ${name}`);
    return value;
  }

  optionalParam(name: ParamName): number | undefined {
    return this.c.params[name];
  }

  has(id: RuleId): boolean {
    return this.c.ruleIds.has(id);
  }

  viewer(id: string): ViewerState {
    let v = this.viewers.get(id);
    if (v === undefined) {
      v = { restarted: {}, unknownCaches: this.inits.get(id)?.caches === 'unknown' };
      this.viewers.set(id, v);
    }
    return v;
  }

  hasAnyRole(user: string, roles: readonly string[]): boolean {
    if (user === ADMIN) return true;
    const held = this.inits.get(user)?.roles ?? [];
    for (const r of held) if (roles.includes(r)) return true;
    return false;
  }

  isOutside(via: Via): boolean {
    if (via === 'yammer' || via === 'on-prem-ad') return false;
    return via !== 'sharepoint' || this.outsideBecause(via).length > 0;
  }

  outsideBecause(via: Via): readonly RuleId[] {
    return this.c.outsideRules.get(via) ?? [];
  }

  stopsDirSync(a: SetPhoto, ctx: RuleContext): RuleId | undefined {
    for (const r of this.c.hooks.stopsDirSync) if (r.stopsDirSync!(a, ctx)) return r.id;
    return undefined;
  }

  writeExchange(photo: Photo, deadline: number, rules: readonly RuleId[], source: ExchangeSource, ctx: RuleContext): ExchangeWrite {
    let values: readonly Photo[] = [photo];
    let cited = rules;
    let carried: Carried = 'surely';
    // racing writes: either may show until both have surely landed, then Exchange keeps one of them
    let keep: number | undefined;
    let late: readonly Photo[] = [];
    for (const r of this.c.hooks.racesWith) {
      const race = r.racesWith!(source, photo, ctx);
      if (race === undefined) continue;
      const racing = without(race.photos, photo);
      // where Exchange held the write's photo before, keeping it does not tell whether it was carried
      if (race.mayNotCarry) carried = racing.length < race.photos.length ? 'maybe' : 'tells';
      if (racing.length === 0) continue;
      values = union(values, racing);
      cited = [...cited, r.id];
      keep = Math.max(keep ?? deadline, ctx.core.exchange.deadlineOf(racing));
      // a write that may never be carried shows what Exchange would hold without it only through the
      // changes before it while it lands: the photo before it shows no longer than its own window says
      if (race.mayNotCarry) late = union(late, racing);
    }
    ctx.core.exchange.write(ctx.at, values, deadline, cited, ctx.at, keep === undefined ? undefined : { from: keep });
    if (late.length > 0) ctx.core.exchange.newestCarriesLate(late);
    for (const r of this.c.hooks.onExchangeWrite) r.onExchangeWrite!(values, ctx);
    return { photos: values, carried, raced: cited.length === rules.length ? NO_RULES : cited.slice(rules.length) };
  }

  /** An outside change made at `madeAt` (an instant, or a span where the header does not say when). */
  outsideChange(
    photos: readonly Photo[],
    madeAt: Span | number,
    reachedBy: number,
    because: readonly RuleId[],
    ctx: RuleContext,
    write: Pick<ExchangeWrite, 'carried' | 'raced'> = SURELY,
    source: ExchangeSource = 'cloud',
  ): void {
    const sp = ctx.sp;
    // a push made in this very instant (at a visit, or due then) may have come after this change in
    // the instant, and taken it: Exchange may show it from the instant it is made (SPEC section 4).
    // It still waits, as where the push came first, or, in the twin where the push came after it, was
    // settled by it (`splitSettledByPush`); not where a read of this instant saw the push (`seenAt`)
    const u = sp.spUpdated;
    const pickup = this.optionalParam('spPickup');
    if (typeof madeAt === 'number' && u.lo === madeAt && u.hi === madeAt && sp.seenAt !== madeAt && pickup !== undefined && pickup > 0) {
      const lands = madeAt + pickup;
      sp.sharepoint.copyMayTake(
        madeAt,
        lands,
        photos,
        followsMissed(this.optionalParam('spThrottle')) ? copyTaken(lands, undefined) : undefined,
      );
    }
    // only a rule that pushes waiting changes needs to know what waits; where the push of this
    // instant came after the change and settled it, nothing does (`splitSettledByPush`)
    const settled = typeof madeAt === 'number' && sp.settlesAt === madeAt;
    sp.settlesAt = NaN;
    if (this.c.hooks.pushTrigger.length > 0 && !settled) {
      const ad = source === 'ad';
      if (sp.pending === null) sp.pending = pending(spanOf(madeAt), [], [], reachedBy, -Infinity, ad);
      else {
        if (reachedBy > sp.pending.reachedBy) sp.pending.reachedBy = reachedBy;
        if (!ad) sp.pending.ad = false;
      }
      for (const photo of photos) if (!sp.pending.values.includes(photo)) sp.pending.values.push(photo);
      for (const id of because) if (!sp.pending.because.includes(id)) sp.pending.because.push(id);
      // made after the visit that counts: a push that may miss it may miss it alone (`Rewait.alone`)
      if (sp.visitAt !== null)
        sp.fresh = joinPending(pending(spanOf(madeAt), [...photos], [...because], reachedBy, -Infinity, ad), sp.fresh);
      // not where a push comes without a visit, spSync after the oldest change (SP-MYSITE-ONCE)
      if (!this.c.spKey.sinceMatters) sp.foldRewait();
    }
    if (this.c.hooks.onOutsideChange.length === 0) return;
    const change = { photos, madeAt: spanOf(madeAt), reachedBy, because, carried: write.carried, raced: write.raced };
    for (const r of this.c.hooks.onOutsideChange) r.onOutsideChange!(change, ctx);
  }

  // ---- actions

  private act(a: ActionEvent, line: number, raw: unknown): Found | undefined {
    if (a.do === 'wait') return undefined;
    if (a.do === 'setPhoto') {
      const provider = this.c.absent.vias.get(a.via);
      if (provider !== undefined) return { divergence: { line, event: raw, allowed: [], rules: [provider] } };
    }
    if (a.do === 'restartClient' || a.do === 'clearBrowserCache') return this.actAsViewer(a, line, raw);
    if (a.do === 'setPhotoSettings') {
      if (a.result === 'rejected') return this.refusedOfNoSubject(a, line, raw);
      this.settings?.record(a.at, settingsOf(a), a.result === 'ok');
      return undefined;
    }

    const subject = this.subjectOf(a.user);
    if (a.do === 'setPhoto') subject.ever?.add(a.photo);
    const writes = this.writesExchange(a);
    this.enter(subject, a.at, line, writes);
    if (a.do === 'setPhoto' && a.via === 'sharepoint' && this.c.originUploads) {
      this.splitThrottle(subject, a.at, line);
    }
    const options = this.settingsAt(a.at, subject);
    // a visit, or an AD write, may find AD writes waiting that DirSync collapses; not Edit-Cancel
    // under EDIT-CANCEL, which updates SharePoint whatever waits
    if (a.result !== 'rejected' && this.c.collapseAtVisit) {
      if (a.do === 'visitMySite' || (a.do === 'editCancel' && !this.has('EDIT-CANCEL'))) this.splitCollapse(subject, a.at, line);
      else if (a.do === 'setPhoto' && a.via === 'on-prem-ad' && this.collapseTells(subject, a, options))
        this.splitCollapse(subject, a.at, line);
    }
    // after the collapse, whose merging would take each twin for its original (they differ only
    // once the change is applied)
    const twinned = this.c.hooks.pushTrigger.length > 0 && writes && this.splitSettledByPush(subject, a.at);
    // the common case: a known outcome, one set of settings, and every possibility accepts it
    if (a.result === 'ok' && options.length === 1 && this.acceptedEverywhere(subject, a, options[0]!)) {
      for (const b of subject.branches) this.applyTo(b, a, options[0]!);
      if (twinned) this.merger.settle(subject, line, a.at);
      return undefined;
    }
    // an unknown outcome its rules keep open within the state (Lync presence): no fork
    if (a.result === 'unknown' && this.c.keptOpen.has(a.do)) {
      for (const b of subject.branches) {
        this.aim(b.core, b.sps[0]!, b.yams[0]!, a.at, options[0]!);
        if (this.rejectedBy(a) === undefined) for (const r of this.c.onActionFor.get(a.do)!) r.keepsOpen!(a, this.ctx);
      }
      return undefined;
    }
    const found = this.fork(subject, a, line, raw, options);
    // a twin the change did not reach (refused there) is its original again
    if (twinned && found === undefined) this.merger.settle(subject, line, a.at);
    return found;
  }

  /**
   * An action some possibility refuses, or of unknown outcome, or with several settings in force:
   * each possibility goes on as each outcome and setting leaves it. Apart from `act`, so that its
   * common case does not pay for the closures here: V8 gives a function whose variables a closure
   * captures a new context object at every call.
   */
  private fork(subject: Subject, a: ActionEvent, line: number, raw: unknown, options: readonly PhotoSettings[]): Found | undefined {
    const next: Branch[] = [];
    const rejecters = new Set<RuleId>();
    // the settings under which some possibility gives the outcome recorded: only where there are several to tell apart
    const judgedBy = options.length > 1 && a.result !== 'unknown' ? new Set<PhotoSettings>() : undefined;
    let forked = false;
    for (const b of subject.branches) {
      const accepting: PhotoSettings[] = [];
      let refusedBy: RuleId | undefined;
      // a refusal that changes nothing, which any settings allow
      const idle = a.result === 'rejected' && mayChangeNothing(b, a);
      for (const s of this.optionsOf(subject, b.core, a.at, options)) {
        this.aim(b.core, b.sps[0]!, b.yams[0]!, a.at, s);
        const r = this.rejectedBy(a);
        if (r === undefined) accepting.push(s);
        else {
          rejecters.add(r);
          refusedBy ??= r;
        }
        // the outcome recorded, or a refusal that changes nothing
        if ((r === undefined) === (a.result === 'ok') || (r === undefined && idle)) judgedBy?.add(s);
      }
      if (a.result === 'rejected') {
        if (refusedBy !== undefined) next.push(refused(b, a, refusedBy));
        // refused where no rule refuses it: this possibility holds where accepting it changes nothing,
        // and a presence left either is the one the action would have set
        else if (idle) {
          if (a.do === 'lyncSignIn' || a.do === 'lyncSignOut') b.core.presence = a.do === 'lyncSignIn' ? 'online' : 'offline';
          next.push(b);
        }
        continue;
      }
      const effects = accepting.length === 0 ? [] : this.distinctEffects(b, a, accepting);
      const n = effects.length;
      if (a.result === 'unknown') {
        const took = effects.map((g) => this.applied(this.taking(subject, cloneBranch(b), a.at, g, n), a, g[0]!));
        // where it did not take effect, a rule that refuses it is the reason to cite
        next.push(refusedBy === undefined ? b : refused(b, a, refusedBy), ...took);
        forked = true;
        continue;
      }
      // the last effect takes the branch itself: clone first
      const copies = effects.slice(0, -1).map(() => cloneBranch(b));
      effects.forEach((g, i) => next.push(this.applied(this.taking(subject, copies[i] ?? b, a.at, g, n), a, g[0]!)));
      if (effects.length > 1) forked = true;
    }
    if (next.length === 0) {
      if (a.result === 'ok')
        return this.certain({ line, event: raw, allowed: ['rejected'], rules: ordered(rejecters) }, subject, 'exchange');
      // refused where no rule refuses it: a divergence only where a rule gives it an effect the refusal denies
      const acting = this.actingRules(subject, a, options[0]!);
      if (acting.length === 0) return undefined;
      // where what the subject's actions told of the settings ruled out those that refuse it, PHOTO-SOURCE's reading is cited too
      const told = subject.settingsFacts !== undefined && (this.settings?.at(a.at).length ?? 0) > options.length;
      return this.certain(
        { line, event: raw, allowed: ['ok'], rules: told ? ordered([...acting, 'PHOTO-SOURCE']) : acting },
        subject,
        'exchange',
      );
    }
    if (judgedBy !== undefined && judgedBy.size < options.length) this.learnSettings(subject, a, options, judgedBy);
    subject.branches = next;
    if (forked) this.merger.settle(subject, line, a.at);
    return undefined;
  }

  /**
   * A known outcome only some of the settings possible at `t` give tells which settings change of
   * unknown outcome happened (`SettingsTimeline.learn`): the subject's later actions are judged
   * knowing it. The subject's alone, since each subject is checked apart (a superset for the others).
   * `judgedBy` is never empty: with no settings giving the outcome, `fork` has diverged or conformed already.
   */
  private learnSettings(subject: Subject, a: ActionEvent, options: readonly PhotoSettings[], judgedBy: ReadonlySet<PhotoSettings>): void {
    if (this.settings === undefined) return;
    // refused where no rule refuses it is no divergence where no rule gives it an effect either: those settings stay
    const kept = options.filter((s) => judgedBy.has(s) || (a.result === 'rejected' && this.actingRules(subject, a, s).length === 0));
    if (kept.length === options.length) return;
    subject.settingsFacts = this.settings.learn(a.at, kept, subject.settingsFacts) ?? subject.settingsFacts;
  }

  private actAsViewer(a: Extract<ActionEvent, { viewer: string }>, line: number, raw: unknown): Found | undefined {
    if (a.result === 'rejected') return this.refusedOfNoSubject(a, line, raw);
    // Keeping an unknown reset open is the same as assuming it did not happen: a cache that was
    // not emptied allows every value an emptied one does, now and later.
    if (a.result === 'unknown') return undefined;
    const v = this.viewer(a.viewer);
    if (a.do === 'clearBrowserCache') {
      this.anchors.sharepoint.move(v.browserCleared, a.at);
      v.browserCleared = a.at;
    } else {
      this.anchors.exchange.move(v.restarted[a.client], a.at);
      v.restarted[a.client] = a.at;
    }
    return undefined;
  }

  /** A refused action of no subject: a divergence only where a rule gives it an effect (`effectRule`), citing it. */
  private refusedOfNoSubject(a: ActionOfNoSubject, line: number, raw: unknown): Found | undefined {
    // without one (a restart of Lync, or of a client the profile lacks; settings without PHOTO-SOURCE)
    // it changes nothing, refused or not; nor does setting the settings that may be in force already
    const rule = this.settingsInForce(a) ? undefined : this.effectRule(a);
    return rule === undefined ? undefined : { divergence: { line, event: raw, allowed: ['ok'], rules: [rule] } };
  }

  /** Whether accepting `a`, an action of no subject, may leave the tenant as refusing it does: settings set to those that may be in force already. */
  private settingsInForce(a: ActionOfNoSubject): boolean {
    return a.do === 'setPhotoSettings' && this.settings !== undefined && this.settings.mayBeLatest(settingsOf(a));
  }

  /** The rule that gives an action of no subject its effect: the cache a reset empties, or PHOTO-SOURCE for the settings. */
  private effectRule(a: ActionOfNoSubject): RuleId | undefined {
    const id: RuleId | undefined =
      a.do === 'setPhotoSettings'
        ? 'PHOTO-SOURCE'
        : a.do === 'clearBrowserCache'
          ? 'SP-BROWSER-CACHE'
          : a.client === 'outlook-desktop'
            ? 'OUTLOOK-CACHE'
            : a.client === 'teams'
              ? 'TEAMS-CACHE'
              : undefined;
    return id !== undefined && this.has(id) ? id : undefined;
  }

  /** Whether no possibility of `subject` refuses `a` under settings `s`. */
  private acceptedEverywhere(subject: Subject, a: ActionEvent, s: PhotoSettings): boolean {
    for (const b of subject.branches) {
      this.aim(b.core, b.sps[0]!, b.yams[0]!, a.at, s);
      if (this.rejectedBy(a) !== undefined) return false;
    }
    return true;
  }

  private settingsAt(t: number, subject: Subject): readonly PhotoSettings[] {
    const timeline = this.settings;
    if (timeline === undefined) return this.fixedSettings;
    const options = timeline.at(t);
    const facts = subject.settingsFacts;
    return facts === undefined || options.length === 1 ? options : timeline.knowing(t, facts);
  }

  private rejectedBy(a: ActionEvent): RuleId | undefined {
    for (const r of this.c.hooks.rejects) if (r.rejects!(a, this.ctx)) return r.id;
    return undefined;
  }

  /**
   * The settings of `accepting` grouped by the effect they give, each group's first standing for
   * it: only whether DirSync carries an AD write depends on them.
   */
  private distinctEffects(b: Branch, a: ActionEvent, accepting: readonly PhotoSettings[]): (readonly PhotoSettings[])[] {
    if (accepting.length === 1 || a.do !== 'setPhoto' || a.via !== 'on-prem-ad') return [accepting];
    const byOutcome = new Map<RuleId | undefined, PhotoSettings[]>();
    for (const s of accepting) {
      this.aim(b.core, b.sps[0]!, b.yams[0]!, a.at, s);
      const stop = this.stopsDirSync(a, this.ctx);
      const group = byOutcome.get(stop);
      if (group === undefined) byOutcome.set(stop, [s]);
      else group.push(s);
    }
    return [...byOutcome.values()];
  }

  /**
   * The settings `options` (those an action at `t` of `subject` may be judged by) that `core`'s own
   * possibility leaves: what it took of settings changes of unknown outcome (`ExchangeSide.settingsFacts`).
   */
  private optionsOf(subject: Subject, core: ExchangeSide, t: number, options: readonly PhotoSettings[]): readonly PhotoSettings[] {
    const own = core.settingsFacts;
    if (own === undefined || options.length === 1 || this.settings === undefined) return options;
    const known = this.settings.knowing(t, withFacts(subject.settingsFacts, own));
    const left = options.filter((s) => known.includes(s));
    return left.length === 0 ? options : left;
  }

  /**
   * `b`, in which an action at `t` had the effect the settings of `group` give, where others give
   * another: what that tells of settings changes of unknown outcome holds for this possibility's
   * later actions too.
   */
  private taking(subject: Subject, b: Branch, t: number, group: readonly PhotoSettings[], groups: number): Branch {
    if (groups < 2 || this.settings === undefined) return b;
    const facts = withFacts(subject.settingsFacts, b.core.settingsFacts);
    b.core.settingsFacts = this.settings.learn(t, group, facts) ?? b.core.settingsFacts;
    return b;
  }

  /** The rules that act on an action the model requires to be accepted: those to cite when it was refused. */
  private actingRules(subject: Subject, a: ActionEvent, s: PhotoSettings): RuleId[] {
    const b = cloneBranch(subject.branches[0]!);
    const acting = new Set<RuleId>();
    this.applyTo(b, a, s, acting);
    return ordered(acting);
  }

  private applied(b: Branch, a: ActionEvent, s: PhotoSettings): Branch {
    this.applyTo(b, a, s);
    return b;
  }

  /**
   * Applies an accepted action to every state of a branch. An action that touches one part runs
   * once per state of that part; one that touches them all runs once per state of the longest
   * list, each time on its own copy of the Exchange side (they all come out equal). `acting`
   * collects the rules that acted on it.
   */
  private applyTo(b: Branch, a: ActionEvent, s: PhotoSettings, acting?: Set<RuleId>): void {
    const { sps, yams } = b;
    switch (a.do) {
      case 'visitMySite':
      case 'editCancel':
        for (const sp of sps) this.applyOne(b.core, sp, yams[0]!, a, s, acting);
        return;
      case 'openYammer':
        for (const y of yams) this.applyOne(b.core, sps[0]!, y, a, s, acting);
        return;
      case 'setPolicy':
      case 'lyncSignIn':
      case 'lyncSignOut':
        this.applyOne(b.core, sps[0]!, yams[0]!, a, s, acting);
        return;
      default: {
        const n = Math.max(sps.length, yams.length);
        if (n === 1) {
          this.applyOne(b.core, sps[0]!, yams[0]!, a, s, acting);
          return;
        }
        const cores = [b.core];
        for (let i = 1; i < n; i++) cores.push(b.core.clone());
        for (let i = 0; i < n; i++) this.applyOne(cores[i]!, sps[i] ?? sps[0]!.clone(), yams[i] ?? yams[0]!.clone(), a, s, acting);
      }
    }
  }

  /** Applies an accepted action to one state of each part; `acting` collects the rules that acted on it. */
  private applyOne(
    core: ExchangeSide,
    sp: SharePointSide,
    yammer: WindowStore,
    a: ActionEvent,
    s: PhotoSettings,
    acting?: Set<RuleId>,
  ): void {
    const ctx = this.aim(core, sp, yammer, a.at, s);
    ctx.outsideBecause = a.do === 'setPhoto' ? this.outsideBecause(a.via) : NO_RULES;
    if (a.do === 'visitMySite' || a.do === 'editCancel') {
      this.visit();
      if (acting !== undefined) for (const id of this.c.visitRules) acting.add(id);
    }
    // a policy no rule of the profile reads is not kept: two states apart by it alone would never merge
    if (a.do === 'setPolicy' && this.c.policyRules.length > 0) {
      core.setPhotoEnabled = a.setPhotoEnabled;
      if (acting !== undefined) for (const id of this.c.policyRules) acting.add(id);
    }
    const rules = this.c.onActionFor.get(a.do);
    if (rules !== undefined) for (const r of rules) if (r.onAction!(a, ctx) && acting !== undefined) acting.add(r.id);
    ctx.outsideBecause = NO_RULES;
    this.commitDue(core, sp, a.at);
  }

  /**
   * Before an outside change at `t`: a push made in this very instant (a visit's, on an earlier line)
   * is no line of the trace, so it may have come after the change (SPEC section 4: the push takes
   * whatever Exchange may hold then, and the change is in flight from the instant it is made). There
   * it may have taken the change, or missed it, as it may miss a change made before the visit: settled
   * or left waiting (`resolve`'s rewait). The change waits in every state as where the push came
   * first (`outsideChange`); each state updated by a push at `t` gets a twin where the push came after
   * it and settled it (`SharePointSide.settlesAt`). Whether it made one. Without it, a visit and a
   * change in one second held the change for a later push, where the same change a line earlier did
   * not (review of 2026-12-07).
   */
  private splitSettledByPush(subject: Subject, t: number): boolean {
    let twinned = false;
    for (const b of subject.branches) {
      const sps = b.sps;
      const n = sps.length;
      for (let i = 0; i < n; i++) {
        const sp = sps[i]!;
        // a flag left by a change some rule refused in this state is no longer this change's
        sp.settlesAt = NaN;
        if (!sp.byPush || sp.spUpdated.lo !== t || sp.spUpdated.hi !== t || sp.seenAt === t) continue;
        const settled = sp.clone();
        settled.settlesAt = t;
        sps.push(settled);
        twinned = true;
      }
    }
    return twinned;
  }

  /** The subject of the aimed context visits their My Site. */
  private visit(): void {
    this.ctx.sp.createMySite(this.ctx.at);
    for (const r of this.c.hooks.onVisit) r.onVisit!(this.ctx);
  }

  /**
   * Before a visit at `t` (SP-NEEDS-VISIT with DIRSYNC): where the only changes waiting are AD writes
   * that a later AD write may still collapse (DirSync exports the current value at each run, so all
   * of them and that later one within one interval), the state where it does is followed too: there
   * they never reached Exchange, so the visit has nothing to push and opens no throttle window, and
   * the later write waits for a visit of its own. That later write must come before the first of
   * them + dirSyncInterval (`SharePointSide.collapseBy`, `dropUncollapsed`). Also before an AD write
   * that never reaches Exchange (`collapseTells`): that state then has nothing waiting, and where the
   * write's outcome is unknown, it goes unless another comes in time. Without this, a visit between
   * two AD writes made minutes apart would hold SharePoint for a whole throttle window: a false
   * divergence where DirSync collapsed them (review of 2026-12-06, trace ad-30286).
   */
  private splitCollapse(subject: Subject, t: number, line: number): void {
    if (!this.c.collapseAtVisit) return;
    const interval = this.param('dirSyncInterval');
    let split = false;
    for (const b of subject.branches) {
      let collapsed: SharePointSide[] | undefined;
      for (const sp of b.sps) {
        const p = sp.pending;
        // a visit that counts already came after them, or a push waits on changes left before: it pushes anyway
        if (p === null || !p.ad || sp.visitAt !== null || sp.rewait !== null || t >= p.since.lo + interval) continue;
        const c = sp.clone();
        c.pending = null;
        c.fresh = null;
        c.collapseBy = p.since.lo + interval;
        // the writes it takes as collapsed show in Exchange, if at all, within their windows, and
        // until the later write has landed: a read then may say one was exported alone
        c.collapsed = { lo: p.since.lo, hi: t, until: p.since.lo + 2 * interval + this.param('exoLag') };
        (collapsed ??= []).push(c);
      }
      if (collapsed !== undefined) {
        b.sps.push(...collapsed);
        split = true;
      }
    }
    if (split) this.merger.settle(subject, line, t);
  }

  /**
   * Whether, at the AD write `a`, the state where the AD writes waiting collapse into it (and no
   * visit came after them) waits otherwise than the others: since it, not since the first of them,
   * where the push comes spSync after the oldest change (SP-MYSITE-ONCE); or not at all, where this
   * write never reaches Exchange (AD-SIZE, PHOTO-SOURCE) under some settings in force. Otherwise the
   * others allow all it does: the push any visit makes takes whatever Exchange holds.
   */
  private collapseTells(subject: Subject, a: SetPhoto & { at: number }, options: readonly PhotoSettings[]): boolean {
    if (this.c.spKey.sinceMatters) return true;
    for (const b of subject.branches)
      for (const s of options) {
        this.aim(b.core, b.sps[0]!, b.yams[0]!, a.at, s);
        if (this.stopsDirSync(a, this.ctx) !== undefined) return true;
      }
    return false;
  }

  /**
   * Drops each state of `b` that awaited an AD write to collapse those waiting into (`splitCollapse`)
   * and got none by `t`. Where it is the only one left (reads ruled out the others), it stays, awaiting
   * nothing: the read that ruled them out passed as this state allowed it, and a divergence is
   * reported at a read, never at an instant that merely passes (a divergence missed, not one made up).
   */
  private dropUncollapsed(b: Branch, t: number): void {
    let out: SharePointSide[] | undefined;
    const sps = b.sps;
    for (let i = 0; i < sps.length; i++) {
      const sp = sps[i]!;
      if (sp.collapseBy > t) out?.push(sp);
      else out ??= sps.slice(0, i);
    }
    if (out === undefined) return;
    if (out.length > 0) b.sps = out;
    else for (const sp of sps) sp.collapseBy = Infinity;
  }

  /**
   * Before a SharePoint upload under SP-ORIGIN, so that it surely sticks or surely does not: where
   * the last update is known only to a span that the throttle's end straddles, the upload sticks for
   * part of it and not for the rest. Where the push of changes an update may have left waiting
   * (`SharePointSide.rewait`), which the model otherwise follows only when a later change waits,
   * may have come within the throttle, that possibility is a state of its own, in which the upload
   * does not stick (SP-NO-STICK).
   */
  private splitThrottle(subject: Subject, t: number, line: number): void {
    const throttle = this.param('spThrottle');
    let split = false;
    for (const b of subject.branches) {
      const out: SharePointSide[] = [];
      for (const whole of b.sps) {
        const u = whole.spUpdated;
        let states = [whole];
        if (u.lo + throttle <= t && t < u.hi + throttle) {
          const ended = whole.clone();
          ended.spUpdated = { lo: u.lo, hi: t - throttle };
          whole.spUpdated = { lo: t - throttle + 1, hi: u.hi };
          this.aim(b.core, ended, b.yams[0]!, t);
          this.commitDue(b.core, ended, t);
          this.aim(b.core, whole, b.yams[0]!, t);
          this.commitDue(b.core, whole, t);
          states = [ended, whole];
          split = true;
        }
        // where the last update was made by then (one the header leaves undated among them), what
        // follows may have come since: each part of a split is looked at as any state
        for (const sp of states) split = this.splitWindowEnded(b, sp, t, throttle, out) || split;
      }
      b.sps = out;
    }
    if (split) this.merger.settle(subject, line, t);
  }

  /**
   * `splitThrottle` for one state `sp` of `b`, put in `out` with the states split from it where its
   * window may have ended by `t`: the push of the changes its last update may have left waiting, or
   * an outside change's arrival, may have opened another since. Whether it split.
   */
  private splitWindowEnded(b: Branch, sp: SharePointSide, t: number, throttle: number, out: SharePointSide[]): boolean {
    let split = false;
    out.push(sp);
    // where the upload would stick at once
    const pushed = sp.spUpdated.hi + throttle <= t ? this.rewaitPushedBy(b.core, sp, b.yams[0]!, t, throttle) : undefined;
    if (pushed !== undefined) {
      out.push(pushed);
      split = true;
    }
    // SP-SYNC-WINDOW: whether an outside change arriving in SharePoint is an update that opens a
    // throttle window the sources do not say; where one may have arrived within the throttle,
    // that possibility is a state of its own, updated then, in which the upload does not stick.
    // Where the upload does not stick anyway, one that may have arrived since the last update moves
    // the push ending its window later (after the upload, `movedByArrival` follows them)
    let arrived: SharePointSide[] = [];
    if (sp.spUpdated.hi + throttle <= t && this.has('SP-SYNC-WINDOW')) arrived = arrivals(sp, t - throttle + 1, t, -Infinity, true);
    else if (sp.unstuck === null && this.c.arrivalMovesWindow)
      arrived = arrivals(sp, Math.max(sp.spUpdated.lo, t - throttle + 1), t - 1, sp.arrivalMadeBy, true);
    for (const a of arrived) {
      this.aim(b.core, a, b.yams[0]!, t);
      this.commitDue(b.core, a, t);
      out.push(a);
      split = true;
    }
    return split;
  }

  /**
   * `sp` where the changes its last update may have left waiting still waited and the push the
   * visit that counts for them makes was made by `t`, less than `throttle` ago: undefined where
   * that push may not have been made by then, or surely longer ago. Left by an upload that sticks
   * (a copy's are made apart, `Rewait.pushes`), that push takes the upload, which SharePoint shows
   * already; what it adds is the throttle window it opened. Where that push was surely made by `t`,
   * `sp` is left as the state where nothing waited (the push would have been made).
   */
  private rewaitPushedBy(
    core: ExchangeSide,
    sp: SharePointSide,
    yammer: WindowStore,
    t: number,
    throttle: number,
  ): SharePointSide | undefined {
    if (sp.rewait === null || sp.pending !== null) return undefined;
    this.aim(core, sp, yammer, t);
    const again = this.rewaitDue(sp);
    if (again === undefined || again.span.lo > t) return undefined;
    // surely made by `t` where they still waited: in `sp`, where it was not, they were settled (the
    // push took the upload SharePoint shows already, no other change waiting)
    const surely = again.span.hi <= t;
    let pushed: SharePointSide | undefined;
    if (again.span.hi + throttle > t) {
      pushed = sp.clone();
      pushed.missedProof();
      waitAgain(pushed);
      this.aim(core, pushed, yammer, t);
      this.push(core, pushed, { lo: Math.max(again.span.lo, t - throttle + 1), hi: Math.min(again.span.hi, t) }, again.rules);
      this.commitDue(core, pushed, t);
    }
    if (surely) sp.rewait = null;
    return pushed;
  }

  // ---- observations

  private observe(o: ObservationEvent, line: number, raw: unknown): Found | undefined {
    const visits = o.see === 'sp-mysite' && o.viewer === o.user;
    const subject = this.subjectOf(o.user);
    if (o.photo === UNKNOWN) {
      // Not seen, so nothing is learnt; but the subject may still have opened their My Site.
      if (!visits) return undefined;
      this.enter(subject, o.at, line);
      this.splitCollapse(subject, o.at, line);
      for (const b of subject.branches) {
        const visited = b.sps.map((sp) => sp.clone());
        for (const sp of visited) this.visitOne(b.core, sp, b.yams[0]!, o.at);
        b.sps.push(...visited);
      }
      this.merger.settle(subject, line, o.at);
      return undefined;
    }
    const provider = this.c.absent.surfaces.get(o.see);
    if (provider !== undefined) return { divergence: { line, event: raw, allowed: [], rules: [provider] } };
    this.enter(subject, o.at, line);
    // the collapsed state reads as the other does at this instant: split before, visited after
    if (visits) this.splitCollapse(subject, o.at, line);
    const part = partOf(o.see);
    if (part === 'sharepoint') {
      this.datePushes(subject, o);
      this.markPushSeen(subject, o);
    }
    // the common case: every possibility allows what was seen, so nothing is learnt but a visit
    if (this.allAllow(subject, part, o)) {
      this.learnFromRead(subject, o);
      if (visits) {
        for (const b of subject.branches) for (const sp of b.sps) this.visitOne(b.core, sp, b.yams[0]!, o.at);
        // a visit often makes states equal (their changes waiting are now pushed alike): merged at once
        if (subject.branches.length > 1 || subject.branches[0]!.sps.length > 1) this.merger.settle(subject, line, o.at);
      }
      return undefined;
    }
    return this.narrowTo(subject, part, o, visits, line, raw);
  }

  /**
   * A SharePoint read that reaches back no further than its instant `t`, of a state whose last
   * update is a push known only to a span (SPEC section 6, `spUpdated: "unknown"`): where no push
   * made by `t - spPickup`, landed by `t`, may show what was seen, the push came after then, and the
   * span is cut there (exact: a push lands within spPickup). Without it a read of the photo from
   * before would leave the push, and the throttle window it opens, anywhere in the span.
   */
  private datePushes(subject: Subject, o: ObservationEvent): void {
    const pickup = this.optionalParam('spPickup');
    if (pickup === undefined) return;
    const cut = o.at - pickup;
    for (const b of subject.branches) {
      for (const sp of b.sps) {
        const u = sp.spUpdated;
        if (!(u.lo <= cut && cut < u.hi)) continue;
        this.aim(b.core, sp, b.yams[0]!, o.at);
        const reading = this.read(o.see, o.viewer);
        if (reading.kind !== 'store' || reading.store !== 'sharepoint' || reading.from !== o.at) continue;
        const landed = sp.clone();
        if (!landed.redate({ lo: u.lo, hi: cut }, pickup)) continue;
        this.aim(b.core, landed, b.yams[0]!, o.at);
        const possible = this.shows(landed.sharepoint, 'sharepoint', o.at, o);
        if (!possible) sp.redate({ lo: cut + 1, hi: u.hi }, pickup);
      }
    }
  }

  /**
   * A SharePoint read in the last instant of a push that showed a photo only that push shows: in each
   * state so updated, the push came before the read's line, and so before a change on a later line of
   * that instant, which it can then neither take nor settle (`SharePointSide.seenAt`). Without it, a
   * read that saw the push's photo and a change a line later let the push take that change too.
   */
  private markPushSeen(subject: Subject, o: ObservationEvent): void {
    const pickup = this.optionalParam('spPickup');
    if (pickup === undefined) return;
    for (const b of subject.branches) {
      for (const sp of b.sps) {
        if (!sp.byPush || sp.spUpdated.hi !== o.at || !sp.lastIsNewest(pickup)) continue;
        this.aim(b.core, sp, b.yams[0]!, o.at);
        const reading = this.read(o.see, o.viewer);
        if (reading.kind !== 'store' || reading.store !== 'sharepoint') continue;
        // an upload that did not stick shows beside the store, as before the push (SP-NO-STICK)
        if (!sp.sharepoint.allowsBeforeNewest(o.photo, reading.from, o.at) && !this.alsoShown('sharepoint', reading.from, o))
          sp.seenAt = o.at;
      }
    }
  }

  /** Keeps the possibilities of `subject` that may show what `o` saw (apart from `observe`, as `fork` from `act`). */
  private narrowTo(subject: Subject, part: Part, o: ObservationEvent, visits: boolean, line: number, raw: unknown): Found | undefined {
    const kept: Branch[] = [];
    const narrowed: (SharePointSide[] | WindowStore[] | undefined)[] = [];
    for (const b of subject.branches) {
      this.aim(b.core, b.sps[0]!, b.yams[0]!, o.at);
      const reading = this.read(o.see, o.viewer);
      if (reading.kind === 'any') {
        kept.push(b);
        narrowed.push(undefined);
      } else if (reading.kind === 'fixed') {
        if (reading.fixed === o.photo) {
          kept.push(b);
          narrowed.push(undefined);
        }
      } else if (reading.store === 'exchange') {
        if (this.seenIn(b.core, b.sps[0]!, b.yams[0]!, o)) {
          kept.push(b);
          narrowed.push(undefined);
        }
      } else if (reading.store === 'sharepoint') {
        const sps = b.sps.filter((sp) => {
          this.aim(b.core, sp, b.yams[0]!, o.at);
          return this.shows(sp.sharepoint, 'sharepoint', reading.from, o, reading.kind === 'store');
        });
        if (sps.length > 0) {
          kept.push(b);
          narrowed.push(sps.length === b.sps.length ? undefined : sps);
        }
      } else {
        const yams = b.yams.filter((y) => {
          this.aim(b.core, b.sps[0]!, y, o.at);
          return this.shows(y, 'yammer', reading.from, o, reading.kind === 'store');
        });
        if (yams.length > 0) {
          kept.push(b);
          narrowed.push(yams.length === b.yams.length ? undefined : yams);
        }
      }
    }
    if (kept.length === 0) {
      this.landings.length = 0;
      this.copyLandings.length = 0;
      const divergence = this.explain(o, subject, line, raw);
      // a photo no store of the subject ever held: no possibility, dropped or not, shows it
      return subject.ever?.has(o.photo) === false ? { divergence } : this.certain(divergence, subject, part);
    }
    kept.forEach((b, i) => {
      const only = narrowed[i];
      if (only === undefined) return;
      if (part === 'sharepoint') b.sps = only as SharePointSide[];
      else b.yams = only as WindowStore[];
    });
    // a branch ruled out by SharePoint or Viva Engage states kept, where that part dropped some, may
    // have been the tenant's: the Exchange side counts as having dropped possibilities from here on
    if (kept.length < subject.branches.length && part !== 'exchange' && subject.lost[part] !== undefined) subject.lost.exchange ??= line;
    subject.branches = kept;
    this.learnFromRead(subject, o);
    if (visits) for (const b of kept) for (const sp of b.sps) this.visitOne(b.core, sp, b.yams[0]!, o.at);
    return undefined;
  }

  /** What the read `o`, which the possibilities of `subject` kept allow, told beyond them: writes that landed (`tieLandings`), collapses ruled out (`refuteCollapse`). */
  private learnFromRead(subject: Subject, o: ObservationEvent): void {
    this.landByCopies(subject, o);
    this.tieLandings(subject, o.at);
    if (this.c.collapseAtVisit) this.refuteCollapse(subject, o);
    // under AD-ONE-TIME the writes DirSync carried also say who may have used the sync (`ExchangeSide.choose`): `exportFirst` there
    if (this.c.oneTimeSync) this.exportFirst(subject, o);
    else this.exportedAd(subject, o);
  }

  /**
   * DIRSYNC: a read of Exchange showing a photo only one AD write DirSync carried can have shown
   * says DirSync had exported it by then: a later write, too large for Exchange or stopped, cannot
   * collapse it, nor one made before it (a run came after them), so neither may then never land.
   */
  private exportedAd(subject: Subject, o: ObservationEvent): void {
    const interval = this.param('dirSyncInterval');
    for (const b of subject.branches) {
      const carried = b.core.carriedAd;
      // only while a later write may still collapse one (`DIRSYNC`'s carriedWithin): most reads stop here
      if (carried.length === 0 || carried[carried.length - 1]! + interval <= o.at) continue;
      const from = this.exchangeFrom(b, o);
      const at = from === undefined ? undefined : b.core.exchange.soleCarrier(o.photo, from, o.at, 'DIRSYNC');
      if (at !== undefined && carried.includes(at)) b.core.carriedAd = carried.filter((x) => x > at);
    }
  }

  /**
   * Where a read the state of `b` allows reaches back to in Exchange's own store: undefined where
   * it reads no Exchange store, or a rule lets it show its photo besides what the store holds.
   */
  private exchangeFrom(b: Branch, o: ObservationEvent): number | undefined {
    this.aim(b.core, b.sps[0]!, b.yams[0]!, o.at);
    const reading = this.read(o.see, o.viewer);
    if (reading.kind !== 'store' || reading.store !== 'exchange' || this.alsoShown('exchange', reading.from, o)) return undefined;
    return reading.from;
  }

  /**
   * AD-ONE-TIME: where a read of Exchange showed a photo only the first AD write synced can have
   * shown, DirSync exported that write by then, so a later one cannot have been exported in its
   * place: every later AD write never reaches Exchange (`ExchangeSide.exportedFirst`), even one made
   * less than one interval after it. One made before the read, racing it (exported in its place, or
   * never carried), was never carried: Exchange keeps what it would hold without it, and so does
   * what travels from it (`followKept`); its photo never showed. Such a race may show the first
   * one's photo only so. The other way round, a read showing the photo only such a racing write may
   * have shown says DirSync exported it in the first one's place (`ExchangeSide.exportedInPlace`):
   * the first, collapsed into it, never landed (`WindowStore.neverLanded`) and never showed.
   */
  private exportFirst(subject: Subject, o: ObservationEvent): void {
    const interval = this.param('dirSyncInterval');
    for (const b of subject.branches) {
      const core = b.core;
      const first = core.syncedFirst;
      if (first === null || core.firstExported || core.adSynced !== true) continue;
      // past one interval no later write can race it, but one that did may still be undecided
      if (o.at - first >= interval && !core.exchange.keepsOne) continue;
      const from = this.exchangeFrom(b, o);
      if (from === undefined) continue;
      const races = core.exchange.racesCiting('AD-ONE-TIME', first);
      if (core.exchange.soleCarrier(o.photo, from, o.at, 'DIRSYNC', 'AD-ONE-TIME') === first) {
        core.exportedFirst();
        // each one's own photo comes first; what the store held without it, the rest: without the
        // photos of the others too, none of which was carried either
        const own = races.map((r) => r.values[0]!);
        for (const race of races) {
          const without = race.values.filter((v, i) => i > 0 && !own.includes(v));
          if (without.length !== 1) continue;
          core.exchange.onlyEver(race.index, without[0]!);
          followKept(b, race.at, without[0]!, race.keep, race.values[0]!);
        }
        continue;
      }
      // the photo of a write racing it, which only that write may have shown: DirSync exported it in
      // place of the first, collapsed into it, which never showed
      const carrier = core.exchange.carrierOf(o.photo, from, o.at);
      const race = races.find((r) => r.index === carrier && r.values[0] === o.photo);
      if (race === undefined || race.values.length !== 2) continue;
      core.exchange.onlyEver(race.index, o.photo);
      collapseIntoExported(core, first, race.at);
      followKept(b, race.at, o.photo, race.keep, o.photo);
    }
  }

  /**
   * Where every state of a branch that may show what a read of SharePoint or Viva Engage saw shows
   * it through a copy that took the photo of an Exchange write that may never have landed
   * (`WindowStore.keepSeen`), the write landed in that branch's Exchange (`WindowStore.landedAt`),
   * as a read of Exchange showing it would have told: what is tied to it follows (`tieLandings`).
   */
  private landByCopies(subject: Subject, o: ObservationEvent): void {
    const told = this.copyLandings;
    if (told.length === 0) return;
    const part = partOf(o.see);
    for (const b of subject.branches) {
      const stores = part === 'sharepoint' ? b.sps.map((sp) => sp.sharepoint) : part === 'yammer' ? b.yams : [];
      let at: number | undefined;
      for (const store of stores) {
        const t = told.find((x) => x.store === store);
        at = t === undefined || (at !== undefined && t.sourceAt !== at) ? undefined : t.sourceAt;
        if (at === undefined) break;
      }
      if (at === undefined) continue;
      const landed = b.core.exchange.landedAt(at, o.photo, o.at);
      if (landed !== undefined) this.landedIn(b.core, landed);
    }
    told.length = 0;
  }

  /** A write of `core` that may never have landed did (`Landed`): the side knows it, and what is tied to it follows once the read is checked (`tieLandings`). */
  private landedIn(core: ExchangeSide, landed: Landed): void {
    core.landed(landed.at);
    this.landings.push({ core, ...landed });
  }

  /**
   * What the read just made told of an Exchange write that may never have landed (it did:
   * `WindowStore.keepSeen`) holds for what travels from it too: each SharePoint and Viva Engage
   * state of that branch carries what a landed write sends, as where Exchange's choice is made
   * (`decideKept`); an AD write was exported alone (`exportedAlone`).
   */
  private tieLandings(subject: Subject, now: number): void {
    if (this.landings.length === 0) return;
    for (const { core, at, photo, keep } of this.landings)
      for (const b of subject.branches) {
        if (b.core !== core) continue;
        // an AD write DirSync may have collapsed that landed was exported alone
        if (this.c.collapseAtVisit && core.exchange.cites(at, 'DIRSYNC')) exportedAlone(b, at, now);
        // AD-ONE-TIME: one racing the first synced that landed was exported in its place, as a read
        // of its photo while it lands tells (`exportFirst`): the first, collapsed into it, never showed
        const first = core.syncedFirst;
        if (this.c.oneTimeSync && first !== null && at > first && !core.firstExported && core.exchange.cites(at, 'AD-ONE-TIME'))
          collapseIntoExported(core, first, at);
        // the write that landed carries its own photo, the one the read showed
        followKept(b, at, photo, keep, photo);
      }
    this.landings.length = 0;
  }

  /**
   * DIRSYNC's collapse (`splitCollapse`): where a read of Exchange showed a photo only one AD write
   * can have shown, DirSync exported that write alone, so it was not collapsed into a later one:
   * the SharePoint states that take it as collapsed go (only where others are left in the branch);
   * and, the later write yet to come, the changes waiting since it are no longer taken as AD writes
   * a later one may collapse (`Pending.ad`): a visit after it has something to push.
   */
  private refuteCollapse(subject: Subject, o: ObservationEvent): void {
    // past one interval after the oldest waiting, no later write can collapse them (`splitCollapse`)
    const until = o.at - this.param('dirSyncInterval');
    for (const b of subject.branches) {
      const collapsed = b.sps.length > 1 && b.sps.some((sp) => sp.collapsed !== null && sp.collapsed.until > o.at);
      const waiting = b.sps.some((sp) => sp.pending?.ad === true && sp.pending.since.lo > until);
      if (!collapsed && !waiting) continue;
      const from = this.exchangeFrom(b, o);
      const at = from === undefined ? undefined : b.core.exchange.soleCarrier(o.photo, from, o.at, 'DIRSYNC');
      if (at === undefined) continue;
      if (collapsed) exportedAlone(b, at, o.at);
      if (waiting) for (const sp of b.sps) if (sp.pending?.ad === true && at >= sp.pending.since.lo) sp.pending.ad = false;
    }
  }

  /** Whether every possibility of `subject` may show what `o` saw; `part` is the part the surface reads. */
  private allAllow(subject: Subject, part: Part, o: ObservationEvent): boolean {
    for (const b of subject.branches) {
      const { core, sps, yams } = b;
      if (part === 'sharepoint') {
        for (const sp of sps) if (!this.seenIn(core, sp, yams[0]!, o)) return false;
      } else if (part === 'yammer') {
        for (const y of yams) if (!this.seenIn(core, sps[0]!, y, o)) return false;
      } else if (!this.seenIn(core, sps[0]!, yams[0]!, o)) return false;
    }
    return true;
  }

  /**
   * Whether one possibility (one state of each part) may show what `o` saw. Where the reading says
   * the state does not tell (`either`), what was seen tells the rules, which learn it.
   */
  private seenIn(core: ExchangeSide, sp: SharePointSide, yammer: WindowStore, o: ObservationEvent): boolean {
    this.aim(core, sp, yammer, o.at);
    const reading = this.read(o.see, o.viewer);
    if (reading.kind === 'any') return true;
    if (reading.kind === 'fixed') return reading.fixed === o.photo;
    const store = reading.store === 'exchange' ? core.exchange : reading.store === 'sharepoint' ? sp.sharepoint : yammer;
    if (reading.kind === 'store') return this.shows(store, reading.store, reading.from, o, true);
    if (reading.fixed !== o.photo && !this.shows(store, reading.store, reading.from, o)) return false;
    for (const r of this.c.hooks.learns) r.learns!(o.see, o.photo, this.ctx);
    return true;
  }

  /**
   * Whether `store`, as the aimed context reads it, may show the observed photo over [from, at];
   * with `learn`, a store that keeps one photo of several learns which, where only it can have shown it.
   */
  private shows(store: WindowStore, kind: 'exchange' | 'sharepoint' | 'yammer', from: number, o: ObservationEvent, learn = false): boolean {
    if (!store.allows(o.photo, from, o.at)) return this.alsoShown(kind, from, o);
    // a Viva Engage sync under way that only it may have shown was made by then
    if (learn && kind === 'yammer' && this.c.yammerSyncs) store.copySeen(o.photo, from, o.at, 'YAMMER-FROM-ENTRA');
    if (learn && store.keepsOne && !this.alsoShown(kind, from, o)) {
      // SharePoint's copies each list every photo they may have taken: another landing hides none
      const landed = store.keepSeen(o.photo, from, o.at, kind === 'sharepoint');
      if (kind === 'sharepoint') this.ctx.sp.tookWaiting();
      if (landed === undefined) return true;
      if ('sourceAt' in landed) this.copyLandings.push({ store, ...landed });
      else if (kind === 'exchange') this.landedIn(this.ctx.core, landed);
    }
    return true;
  }

  /** Whether a rule lets the read show the observed photo besides what the store holds (SP-NO-STICK). */
  private alsoShown(kind: 'exchange' | 'sharepoint' | 'yammer', from: number, o: ObservationEvent): boolean {
    for (const r of this.c.hooks.alsoShows) if (r.alsoShows!(kind, from, this.ctx).includes(o.photo)) return true;
    return false;
  }

  private visitOne(core: ExchangeSide, sp: SharePointSide, yammer: WindowStore, at: number): void {
    this.aim(core, sp, yammer, at);
    this.visit();
    this.commitDue(core, sp, at);
  }

  private read(surface: Surface, viewer: string): Reading {
    const reader = this.c.readers.get(surface);
    if (reader !== undefined) return reader.reads!.read(surface, viewer, this.ctx);
    return readsStore(SURFACE_STORE[surface] as ReadableStore, this.ctx.at, NO_RULES);
  }

  /**
   * The photos the model allows for an observation at this point of the trace, without learning
   * from it (`unknown`: any photo). WARNING: call it only with an observation that would be the next event.
   */
  allowedFor(o: Omit<ObservationEvent, 'photo'>): Photo[] {
    const provider = this.c.absent.surfaces.get(o.see);
    if (provider !== undefined) return [];
    const subject = this.subjectOf(o.user);
    this.enter(subject, o.at, 0);
    return [...this.explain({ ...o, photo: UNKNOWN }, subject, 0, null, false).allowed];
  }

  /**
   * The results the model allows for an action at this point of the trace (`ok`, `rejected`, or
   * both), without learning from it. WARNING: call it only with an action that would be the next event.
   */
  resultsFor(a: Action & { at: number }): ('ok' | 'rejected')[] {
    if (a.do === 'setPhoto' && this.c.absent.vias.has(a.via)) return [];
    // a wait line changes nothing, whatever it says of itself (SPEC section 1)
    if (a.do === 'wait') return ['ok', 'rejected'];
    // an action no rule gives an effect changes nothing, refused or not
    if (!('user' in a)) return this.effectRule(a) === undefined || this.settingsInForce(a) ? ['ok', 'rejected'] : ['ok'];
    const subject = this.subjectOf(a.user);
    const event = { ...a, result: 'ok' } as ActionEvent;
    // brought to the instant as `act` brings it
    this.enter(subject, a.at, 0, this.writesExchange(event));
    const results = new Set<'ok' | 'rejected'>();
    const options = this.settingsAt(a.at, subject);
    for (const b of subject.branches) {
      for (const s of this.optionsOf(subject, b.core, a.at, options)) {
        this.aim(b.core, b.sps[0]!, b.yams[0]!, a.at, s);
        results.add(this.rejectedBy(event) === undefined ? 'ok' : 'rejected');
      }
    }
    if (
      !results.has('rejected') &&
      (subject.branches.some((b) => mayChangeNothing(b, event)) ||
        this.actingRules(subject, event, this.settingsAt(a.at, subject)[0]!).length === 0)
    )
      results.add('rejected');
    return [...results];
  }

  /** The divergence of an observation no possibility allows: what was allowed, the rules, and (`withWindows`) the windows behind them. */
  private explain(o: ObservationEvent, subject: Subject, line: number, raw: unknown, withWindows = true): Divergence {
    const allowed = new Map<Photo, Set<RuleId>>();
    const rules = new Set<RuleId>();
    const part = partOf(o.see);
    const windows = new Map<string, Window>();
    const open = (w: Window) => {
      if (!withWindows) return;
      const start = this.ctx.start;
      const from = Math.max(w.from, start);
      const clamped = { ...w, from, to: Math.max(from, w.to) };
      windows.set(`${w.lane}|${w.kind}|${clamped.from}|${clamped.to}|${w.photos.join('/')}`, clamped);
    };
    const consider = (store: WindowStore, kind: 'exchange' | 'sharepoint' | 'yammer', from: number) => {
      store.candidates(from, o.at, allowed);
      if (withWindows)
        for (const c of store.inFlight(from, o.at))
          open({ lane: kind, kind: 'in-flight', from: c.at, to: c.deadline, photos: c.values, rules: c.rules });
      for (const r of this.c.hooks.alsoShows) {
        for (const photo of r.alsoShows!(kind, from, this.ctx)) allowed.set(photo, (allowed.get(photo) ?? new Set()).add(r.id));
      }
      for (const r of this.c.hooks.explains) if (r.explains!(o.photo, o.see, this.ctx)) rules.add(r.id);
    };
    for (const b of subject.branches) {
      this.aim(b.core, b.sps[0]!, b.yams[0]!, o.at);
      const reading = this.read(o.see, o.viewer);
      for (const id of reading.rules) rules.add(id);
      // a photo a rule kept from Exchange never reached the stores that copy it either
      const stop = b.core.stoppedBy.get(o.photo);
      if (stop !== undefined && (part !== 'yammer' || this.c.onExchangeWriteYammer)) rules.add(stop);
      if (withWindows && reading.store !== undefined && reading.from < o.at) {
        // what the store may have held over the window: what the cache may show
        const store = reading.store === 'exchange' ? b.core.exchange : reading.store === 'sharepoint' ? b.sps[0]!.sharepoint : b.yams[0]!;
        open({
          lane: o.see,
          kind: 'reads-back',
          from: reading.from,
          to: o.at,
          photos: store.valuesDuring(reading.from, o.at),
          rules: reading.rules,
        });
      }
      if (reading.kind === 'any') allowed.set(UNKNOWN, allowed.get(UNKNOWN) ?? new Set());
      else if (reading.kind === 'fixed' || reading.kind === 'either') {
        if (reading.kind === 'either') consider(b.core.exchange, reading.store, reading.from);
        allowed.set(reading.fixed, allowed.get(reading.fixed) ?? new Set());
        for (const r of this.c.hooks.explains) if (r.explains!(o.photo, o.see, this.ctx)) rules.add(r.id);
      } else if (part === 'sharepoint') {
        for (const sp of b.sps) {
          this.aim(b.core, sp, b.yams[0]!, o.at);
          consider(sp.sharepoint, 'sharepoint', reading.from);
          if (withWindows) this.sharePointWindows(sp, o.at, open);
        }
      } else if (part === 'yammer') {
        for (const y of b.yams) {
          this.aim(b.core, b.sps[0]!, y, o.at);
          consider(y, 'yammer', reading.from);
        }
      } else consider(b.core.exchange, 'exchange', reading.from);
    }
    for (const ids of allowed.values()) for (const id of ids) rules.add(id);
    const divergence = { line, event: raw, allowed: [...allowed.keys()].sort(byPhoto), rules: ordered(rules) };
    return withWindows ? { ...divergence, windows: [...windows.values()].sort((a, b) => a.from - b.from || a.to - b.to) } : divergence;
  }

  /** The windows of a SharePoint state (aimed at `at`): changes waiting for it, and the throttle holding them back. */
  private sharePointWindows(sp: SharePointSide, at: number, open: (w: Window) => void): void {
    const waiting = (p: Pending, next: { span: Span; rules: RuleId[] } | undefined) =>
      open({
        lane: 'sharepoint',
        kind: 'waiting',
        from: p.since.lo,
        to: next === undefined ? at : next.span.hi,
        photos: p.values,
        rules: ordered([...(next?.rules ?? []), ...p.because]),
      });
    // changes the last copy may have missed wait for a push of their own
    if (sp.rewait !== null) waiting(sp.rewait.pending, this.rewaitDue(sp));
    if (sp.pending === null) return;
    waiting(sp.pending, this.nextPush(sp));
    const photos = sp.pending.values;
    for (const r of this.c.hooks.pushHold) {
      const hold = r.pushHold!(this.ctx);
      if (hold !== undefined && Number.isFinite(sp.spUpdated.lo) && hold.hi > sp.spUpdated.lo)
        open({ lane: 'sharepoint', kind: 'held-back', from: sp.spUpdated.lo, to: hold.hi, photos, rules: [r.id] });
    }
  }

  /** A divergence as found, or as uncertain when the part it reads (or the Exchange side it derives from) dropped possibilities. */
  private certain(divergence: Divergence, subject: Subject, part: Part): Found {
    const lost = subject.lost.exchange ?? (part === 'exchange' ? undefined : subject.lost[part]);
    const which: Part = subject.lost.exchange !== undefined ? 'exchange' : part;
    return lost === undefined ? { divergence } : { divergence, uncertain: { line: lost, user: subject.id, part: which } };
  }

  // ---- time and possibilities

  private subjectOf(user: string): Subject {
    let s = this.subjects.get(user);
    if (s === undefined) {
      s = this.initialSubject(this.inits.get(user) ?? defaultUser(user));
      this.subjects.set(user, s);
    }
    return s;
  }

  /** A subject as the header declares them (SPEC sections 2 and 6). */
  private initialSubject(u: UserInit): Subject {
    const start = this.ctx.start;
    const stores = u.stores ?? {};
    const exchange = stores.exchange ?? u.photo;
    const core = new ExchangeSide({ exchange, adSynced: u.adSynced, presence: u.lync, setPhotoEnabled: u.setPhotoEnabled });
    const spUpdated: Span =
      u.spUpdated === undefined ? NEVER : u.spUpdated === 'unknown' ? { lo: -Infinity, hi: start } : instant(u.spUpdated);
    const base = new SharePointSide({ sharepoint: stores.sharepoint ?? u.photo, mySite: u.mySite, spUpdated });
    const yammer = new WindowStore(stores.yammer ?? u.photo);
    const sps: SharePointSide[] = [];
    if (u.pending !== true) sps.push(base);
    if (u.pending === true || u.pending === 'unknown') {
      // what waits is Exchange's photo at the start, changed at an unknown instant before it, surely in Exchange
      const waiting = base.clone();
      this.outsideChange([exchange], { lo: -Infinity, hi: start }, -Infinity, [], this.aim(core, waiting, yammer, start));
      this.commitDue(core, waiting, start);
      sps.push(waiting);
    }
    const held = [u.photo, exchange, stores.sharepoint ?? u.photo, stores.yammer ?? u.photo, stores.ad ?? u.photo, NO_PHOTO];
    const ever = held.includes(UNKNOWN) ? undefined : new Set(held);
    const subject: Subject = { id: u.id, branches: [{ core, sps, yams: [yammer] }], lost: {}, ever, pushedTo: start };
    if (sps.length > 1) this.merger.settle(subject, 1, start);
    return subject;
  }

  private aim(core: ExchangeSide, sp: SharePointSide, yammer: WindowStore, at: number, settings?: PhotoSettings): CheckContext {
    const ctx = this.ctx;
    ctx.core = core;
    ctx.sp = sp;
    ctx.yammer = yammer;
    ctx.at = at;
    ctx.spUpdatedBefore = sp.spUpdated;
    ctx.settings = settings ?? this.initialSettings;
    return ctx;
  }

  /**
   * Brings every SharePoint state of `subject` to `t`: the pushes due by then are made, a push that
   * may or may not have happened splits. A push made at `t` itself is made before the event at `t`;
   * where the event `writes` to Exchange (`writesExchange`), it may also have come after it in that
   * instant: a twin where it is not made yet (`pushedAfter`), and the change's own steps
   * (`splitPushAtInstant`, `outsideChange`, `splitSettledByPush`).
   */
  private enter(subject: Subject, t: number, line: number, writes = false): void {
    let split = this.decideKept(subject, t, line);
    for (const b of subject.branches) {
      if (this.c.collapseAtVisit) this.dropUncollapsed(b, t);
      let out: SharePointSide[] | undefined;
      const sps = b.sps;
      for (let i = 0; i < sps.length; i++) {
        const sp = sps[i]!;
        const due = sp.dueAt <= t;
        const after = writes && due ? this.pushedAfter(b, sp.clone(), t) : undefined;
        const states = due ? this.bringTo(b, sp, t) : undefined;
        if (states === undefined && after === undefined) out?.push(sp);
        else {
          out ??= sps.slice(0, i);
          out.push(...(states ?? [sp]), ...(after ?? []));
        }
      }
      if (out !== undefined) {
        b.sps = out;
        split = true;
      }
    }
    if (this.followCut) {
      this.followCut = false;
      this.merger.dropped(subject, 'sharepoint', line);
    }
    if (writes && this.splitPushAtInstant(subject, t)) split = true;
    subject.pushedTo = t;
    if (split) this.merger.settle(subject, line, t);
  }

  /**
   * Before a change to Exchange at `t`, `sp` (a copy) brought to the instant before it: the states in
   * which a push is still due at `t`, to be made after the change in that instant, as any push made
   * after it (it takes the change or misses it, which then waits as the push leaves it: settled, or
   * pushed at the window's end where a visit counted); undefined where there is none. Without them, a
   * change made in the instant a throttle window ended after a visit could not wait for the next
   * window's end, as one made a second before could (review of 2026-12-07).
   */
  private pushedAfter(b: Branch, sp: SharePointSide, t: number): SharePointSide[] | undefined {
    const states = (this.bringTo(b, sp, t - 1) ?? [sp]).filter((s) => s.dueAt <= t);
    return states.length === 0 ? undefined : states;
  }

  /**
   * `sp`, with a push due by `t`, brought to `t`: the states its pushes split it into, and those in
   * which an arrival moved the push ending its window (`movedByArrival`); undefined where it did not split.
   */
  private bringTo(b: Branch, sp: SharePointSide, t: number): SharePointSide[] | undefined {
    const yammer = b.yams[0]!;
    // before the push below ends the window, where an arrival may have moved its end
    this.followed = 0;
    const moved = this.movedByArrival(b.core, sp, yammer, t);
    const states = this.resolve(b.core, sp, yammer, t);
    if (states === undefined && moved === undefined) return undefined;
    return [...(states ?? [sp]), ...(moved ?? [])];
  }

  /**
   * Before a change to Exchange at `t`: a push known only to a span that ends at `t` (made as the
   * states were brought to `t`, for this event or one on an earlier line of this instant) may have
   * been made in `t` itself, after the change, and taken it (`outsideChange`), as where its instant
   * is known; or before `t`, where it cannot. Each part is a state of its own. Whether it split.
   * Without it, an `openYammer` of the subject on the line before an AD write held the write for a
   * later push, where without that line the push could take it (review of 2026-12-07).
   */
  private splitPushAtInstant(subject: Subject, t: number): boolean {
    const pickup = this.optionalParam('spPickup');
    if (pickup === undefined || pickup === 0) return false;
    let split = false;
    for (const b of subject.branches) {
      const n = b.sps.length;
      for (let i = 0; i < n; i++) {
        const sp = b.sps[i]!;
        const u = sp.spUpdated;
        if (!sp.byPush || u.hi !== t || u.lo >= t || sp.seenAt === t) continue;
        const before = sp.clone();
        if (!before.redate({ lo: u.lo, hi: t - 1 }, pickup)) continue;
        sp.redate({ lo: t, hi: t }, pickup);
        b.sps.push(before);
        split = true;
      }
    }
    return split;
  }

  /**
   * Whether `a` changes what Exchange may hold: then a push made in its very instant may have come
   * before it or after it, taking its photo (SPEC section 4: the push takes whatever Exchange may hold
   * at the push time; a change is in flight from the instant it is made), and `enter` keeps both: made
   * first, the push is followed by the change's own steps (the change waits, or the push took or
   * settled it); left for after it (`pushedAfter`), the push is made as any push after a change. Not
   * for an upload that SharePoint takes itself (SP-ORIGIN), whose own rules weigh the push before it.
   */
  private writesExchange(a: ActionEvent): boolean {
    return (
      a.result !== 'rejected' &&
      (a.do === 'removePhoto' || (a.do === 'setPhoto' && a.via !== 'yammer' && (a.via !== 'sharepoint' || this.isOutside(a.via))))
    );
  }

  /**
   * Where Exchange keeps one of racing photos from an instant at or before `t` (AD-PERIODIC, or
   * AD writes DirSync may have collapsed), splits each branch by the photo it kept, so that what
   * SharePoint and Viva Engage copy from Exchange later, and what travels to SharePoint from that
   * write, is the same photo. Whether it split.
   */
  private decideKept(subject: Subject, t: number, line: number): boolean {
    let split = false;
    for (;;) {
      let out: Branch[] | undefined;
      const branches = subject.branches;
      for (let i = 0; i < branches.length; i++) {
        const b = branches[i]!;
        const race = b.core.exchange.undecided(t);
        if (race === undefined) {
          out?.push(b);
          continue;
        }
        out ??= branches.slice(0, i);
        // no closure here: it would give every call a context object, race or not
        const { at, values, keep, index } = race;
        // an AD write DirSync may have collapsed: where Exchange kept its photo, it was exported
        // alone, as at `keep` the states could still tell (no event of the subject came between)
        const own = this.c.collapseAtVisit ? b.core.exchange.ownPhoto(at, 'DIRSYNC') : undefined;
        for (let k = 0; k < values.length; k++) {
          const one = k === values.length - 1 ? b : cloneBranch(b);
          if (values[k] === own) exportedAlone(one, at, keep);
          one.core.choose(at, values[k]!, index);
          // the racing write's own photo comes first among its values (`writeExchange`)
          followKept(one, at, values[k]!, keep, values[0]!);
          out.push(one);
        }
      }
      if (out === undefined) return split;
      subject.branches = out;
      split = true;
      // a branch may hold several such changes (writes that may not have landed, joined past the
      // cap): what was kept of an older one no read can still tell once a newer one has landed, so
      // the branches are merged before the next is split, not multiplied out
      if (out.length > this.cap) this.merger.settle(subject, line, keyedAt(subject, t));
    }
  }

  /** Makes the pushes of `sp` due by `t`; undefined when it did not split, else the states it split into. */
  private resolve(core: ExchangeSide, sp: SharePointSide, yammer: WindowStore, t: number): SharePointSide[] | undefined {
    for (;;) {
      this.aim(core, sp, yammer, t);
      // no push is due before the one of changes an update may have left waiting (both wait for the throttle)
      const again = this.rewaitDue(sp)?.span;
      const due = this.nextPush(sp);
      if (again !== undefined && again.lo <= t) {
        // where the push due anyway is made at the same instants, both possibilities are one
        if (due !== undefined && due.span.lo === again.lo && due.span.hi === again.hi) {
          waitAgain(sp);
          continue;
        }
        // with a later change waiting, that push brought it too, or was made before it; left by a
        // copy, that push is the only way SharePoint shows them (`Rewait.pushes`): both
        // possibilities, apart
        if (sp.pending !== null || sp.rewait!.pushes) return this.splitRewait(core, sp, yammer, t, again);
        // else, left by an upload that sticks, that push takes the upload, which SharePoint shows
        // already; the throttle window it opened matters only to a change made in it
        if (t >= this.rewaitDueAt(sp, again, t)) {
          sp.rewait = null;
          continue;
        }
      }
      if (due === undefined || due.span.lo > t) {
        sp.dueAt = Math.min(due === undefined ? Infinity : due.span.lo, this.rewaitDueAt(sp, again, t));
        return undefined;
      }
      if (due.span.hi <= t) {
        const split = this.pushPieces(core, sp, yammer, due.span, due.rules, t);
        if (split === undefined) continue;
        return split;
      }
      // it may have happened by t, or not yet
      const waiting = sp.clone();
      waiting.pushAfter = t;
      const states = this.pushPieces(core, sp, yammer, { lo: due.span.lo, hi: t }, due.rules, t) ??
        this.resolve(core, sp, yammer, t) ?? [sp];
      this.commitDue(core, waiting, t);
      return [...states, waiting];
    }
  }

  /**
   * SP-SYNC-WINDOW with SP-NO-STICK: whether an outside change's arrival in SharePoint is an update
   * the sources do not say (`splitThrottle`). One made after the last update that may have arrived
   * while an upload did not stick may have opened a window of its own, whose push then comes
   * spThrottle after it (one made before it may have been that update: not followed). Where the
   * push ending the window `sp` is in was due by `t`, that is a state of its own, updated at the
   * instants such a change may have landed before the push, and brought to `t`; undefined where
   * there is none.
   */
  private movedByArrival(core: ExchangeSide, sp: SharePointSide, yammer: WindowStore, t: number): SharePointSide[] | undefined {
    if (sp.unstuck === null || !this.c.arrivalMovesWindow) return undefined;
    this.aim(core, sp, yammer, t);
    const due = this.nextPush(sp);
    // once per push: a state already known not pushed by an instant of its span had its moved state made then
    if (due === undefined || due.span.lo > t || sp.pushAfter >= due.span.lo || !due.rules.includes('SP-NO-STICK')) return undefined;
    // where the last update is an arrival, of a change made after the one it may have been (none is
    // taken twice: `arrivalMadeBy`; here after its last instant, so that the search ends: `arrivals`),
    // or travelling past it; else of any change still landing: a push, an Edit-Cancel or an upload
    // that sticks was no arrival of it
    const arrived = arrivals(sp, sp.unstuck.since, due.span.hi - 1, sp.arrivalMadeBy, false);
    if (arrived.length === 0) return undefined;
    let out: SharePointSide[] = [];
    for (const moved of arrived) {
      // each arrival followed may be followed by several: past a bound, the rest are dropped, as past the cap
      if (++this.followed > FOLLOWED_PER_PUSH) {
        this.followCut = true;
        break;
      }
      // its push is another, later one
      moved.pushAfter = -Infinity;
      moved.dueAt = -Infinity;
      const again = this.movedByArrival(core, moved, yammer, t) ?? [];
      out = out.concat(this.resolve(core, moved, yammer, t) ?? [moved], again);
    }
    return out;
  }

  /**
   * Makes a push known only to `span`. Where Exchange held other photos over parts of the span,
   * each part is a state of its own, brought to `t`: the photo SharePoint took then says when it
   * was updated, and so when the throttle ends. Kept as one state, a read that tells the photo
   * would leave the update anywhere in the span, and how much a read narrowed it would depend on
   * the instants the checker happened to be brought to. Undefined when `sp` was pushed whole and
   * is still to be brought to `t`; else the states.
   */
  private pushPieces(
    core: ExchangeSide,
    sp: SharePointSide,
    yammer: WindowStore,
    span: Span,
    rules: readonly RuleId[],
    t: number,
  ): SharePointSide[] | undefined {
    // a push at a known instant, the common case, has one part: no cutting to pay for
    if (span.lo === span.hi) {
      this.push(core, sp, span, rules);
      return undefined;
    }
    // cut where Exchange's photo changed, and where the changes waiting had surely reached it: a push
    // before then may miss one, a push after cannot (the same photo set twice changes no photo)
    const pieces = cutAt(core.exchange.piecesDuring(span.lo, span.hi), sp.pending?.reachedBy);
    if (pieces.length === 1) {
      this.push(core, sp, span, rules, pieces[0]!.values);
      return undefined;
    }
    const out: SharePointSide[] = [];
    // the last piece takes `sp` itself, once the others have cloned it
    for (let k = 0; k < pieces.length; k++) {
      const one = k === pieces.length - 1 ? sp : sp.clone();
      this.push(core, one, pieces[k]!.span, rules, pieces[k]!.values);
      const states = this.resolve(core, one, yammer, t);
      if (states === undefined) out.push(one);
      else for (const s of states) out.push(s);
    }
    return out;
  }

  /**
   * Splits `sp` into the possibility where its last update settled the changes it may have left
   * waiting and the one where they still wait, with the visit that counts for them
   * (`SharePointSide.rewait`), and brings both to `t`.
   */
  private splitRewait(core: ExchangeSide, sp: SharePointSide, yammer: WindowStore, t: number, again: Span): SharePointSide[] {
    const settled = sp.clone();
    // settled, or where only changes made after the visit that counts were missed, those wait on
    const alone = sp.rewait!.alone;
    settled.rewait = alone === null ? null : { ...sp.rewait!, pending: alone.pending, visitAt: alone.visitAt, alone: null, proof: null };
    // the visit that counted for them came before the copy that missed them: the sources do not say
    // whether it counts again (the push at the throttle's end) or they wait for a visit after the
    // copy, as a change made after a visit does; with no visit since, that one is a state of its own
    const r = sp.rewait!;
    const anew = r.pushes && r.visitAt === -Infinity && r.revisit === null ? sp.clone() : null;
    if (anew !== null) {
      anew.missedProof();
      anew.rewait = { ...anew.rewait!, visitAt: null, alone: null };
    }
    sp.missedProof();
    const later = sp.pending;
    if (later === null || later.since.lo <= again.hi) waitAgain(sp);
    else {
      // the changes waiting now were made after that push: it was made without them, and they wait on
      const { visitAt, fresh } = sp;
      sp.pending = null;
      sp.visitAt = null;
      sp.fresh = null;
      waitAgain(sp);
      this.aim(core, sp, yammer, t);
      this.push(core, sp, again, this.nextPush(sp)?.rules ?? NO_RULES);
      sp.pending = later;
      sp.visitAt = visitAt;
      sp.fresh = fresh;
    }
    const out = [...(this.resolve(core, settled, yammer, t) ?? [settled]), ...(this.resolve(core, sp, yammer, t) ?? [sp])];
    if (anew !== null) out.push(...(this.resolve(core, anew, yammer, t) ?? [anew]));
    return out;
  }

  /**
   * When `resolve` must look at `sp` again for the changes its last update may have left waiting
   * (`again`: the push they would make): when that push may be due, or, where it may have been made
   * with no later change waiting, when its throttle window closes (a change made in it splits).
   */
  private rewaitDueAt(sp: SharePointSide, again: Span | undefined, t: number): number {
    if (again === undefined) return Infinity;
    return again.lo > t || sp.pending !== null || sp.rewait!.pushes ? again.lo : again.hi + (this.optionalParam('spThrottle') ?? 0);
  }

  /** The push the changes the last update of the aimed `sp` may have left waiting would make, were they still waiting; undefined without such a push. */
  private rewaitDue(sp: SharePointSide): { span: Span; rules: RuleId[] } | undefined {
    if (sp.rewait === null) return undefined;
    const { pending: waiting, visitAt, rewait, spUpdated, fresh } = sp;
    waitAgain(sp);
    const due = this.nextPush(sp);
    sp.pending = waiting;
    sp.visitAt = visitAt;
    sp.rewait = rewait;
    sp.spUpdated = spUpdated;
    sp.fresh = fresh;
    return due;
  }

  /** Makes the pushes surely due by `t`, without splitting (right after an action), and works out `dueAt`. */
  private commitDue(core: ExchangeSide, sp: SharePointSide, t: number): void {
    for (;;) {
      this.aim(core, sp, this.ctx.yammer, t);
      if (sp.pending === null && sp.unstuck === null) {
        sp.dueAt = this.rewaitDueAt(sp, this.rewaitDue(sp)?.span, t);
        return;
      }
      const due = this.nextPush(sp);
      if (due === undefined || due.span.hi > t) {
        sp.dueAt = Math.min(due === undefined ? Infinity : due.span.lo, this.rewaitDueAt(sp, this.rewaitDue(sp)?.span, t));
        return;
      }
      this.push(core, sp, due.span, due.rules);
    }
  }

  /** When the next push to SharePoint is due (for the aimed context), and the rules that time it. */
  private nextPush(sp: SharePointSide): { span: Span; rules: RuleId[] } | undefined {
    const ctx = this.ctx;
    const hooks = this.c.hooks;
    let span: Span | undefined;
    let rules: RuleId[] = [];
    if (sp.pending !== null) {
      // the push comes with the first trigger: at the earliest instant any may fire, and surely by
      // the earliest instant one surely has (a visit pushes sooner than SP-MYSITE-ONCE's spSync)
      let trigger: Span | undefined;
      let triggerRules: RuleId[] = [];
      for (const r of hooks.pushTrigger) {
        const t = r.pushTrigger!(ctx);
        if (t === undefined) continue;
        if (trigger === undefined) [trigger, triggerRules] = [t, [r.id]];
        else ({ span: trigger, rules: triggerRules } = firstToCome(trigger, triggerRules, t, r.id));
      }
      if (trigger !== undefined) {
        span = trigger;
        rules = triggerRules;
        for (const r of hooks.pushHold) {
          const hold = r.pushHold!(ctx);
          if (hold === undefined) continue;
          if (hold.hi > span.lo) rules = [...rules, r.id];
          span = { lo: Math.max(span.lo, hold.lo), hi: Math.max(span.hi, hold.hi) };
        }
      }
    }
    for (const r of hooks.ownPushAt) {
      // a push of its own (the end of an SP-NO-STICK window) comes whatever else waits: the push is
      // the first of the two, at the earliest instant either may come and surely by the earliest
      // instant one surely has (a waiting change the header leaves undated may be due much later)
      const own = r.ownPushAt!(ctx);
      if (own === undefined) continue;
      if (span === undefined || (own.lo < span.lo && own.hi <= span.hi)) [span, rules] = [own, [r.id]];
      else if (own.lo <= span.lo || own.hi < span.hi) ({ span, rules } = firstToCome(span, rules, own, r.id));
    }
    if (span === undefined) return undefined;
    // nothing happened before the start, nor before the instant the push is known not to have happened
    // by, but for the push of a visit made at that very instant: that came after it, in the trace's order
    const lo = Math.max(span.lo, ctx.start, sp.visitAt === sp.pushAfter ? sp.pushAfter : sp.pushAfter + 1);
    return { span: { lo, hi: Math.max(lo, span.hi) }, rules };
  }

  /**
   * SharePoint takes whatever Exchange may hold at some instant of `span`, landing within spPickup:
   * one photo, which it keeps until a later change (reads that reach no further back agree). A
   * change waiting that may not have reached Exchange by then may be missed: settled, or left
   * waiting for a push of its own, which the checker makes apart (`SharePointSide.rewait`).
   */
  private push(
    core: ExchangeSide,
    sp: SharePointSide,
    span: Span,
    rules: readonly RuleId[],
    values: readonly Photo[] = core.exchange.valuesDuring(span.lo, span.hi),
  ): void {
    const because = sp.pending?.because ?? NO_RULES;
    const cited = because.length === 0 ? rules : ordered([...rules, ...because]);
    const pickup = this.param('spPickup');
    const lands = span.hi + pickup;
    const follows = followsMissed(this.optionalParam('spThrottle'));
    const keep = sp.copyKeep(span.lo, lands, follows, core.exchange.copyOutcome(values, span.lo, span.hi));
    // under SP-SYNC-WINDOW (the push at the end of an SP-NO-STICK window), a change not surely in
    // Exchange at the push travels on past it, as past an Edit-Cancel (SPEC section 4)
    if (this.has('SP-SYNC-WINDOW')) {
      // an upload through SharePoint too, the one whose window this push ends among them (README)
      const uploads = this.has('SP-ORIGIN') ? travellingUploads(core.exchange, sp.sharepoint, span.lo, this.param('spSync')) : [];
      const made = () => madeDuring(core.exchange, span, values);
      sp.sharepoint.writeCopy(span.lo, values, lands, cited, keep, made);
      settledByCopy(sp.sharepoint, uploads);
    } else sp.sharepoint.write(span.lo, values, lands, cited, span.lo, keep);
    if (sp.pending !== null) for (const v of sp.pending.values) if (!values.includes(v)) sp.skipped.add(v);
    for (const v of values) sp.skipped.delete(v);
    sp.updated(span, lands, 'unreached', follows);
    sp.byPush = true;
    // where the newest change alone may not have reached Exchange by the push, and Exchange held its
    // photo then only through it, a read that tells the push took that photo says it missed nothing
    const r = sp.rewait;
    if (r !== null && r.alone === null && values.length > 1) {
      const photo = core.exchange.onlyLanding(span.lo, span.hi);
      if (photo !== undefined && values.includes(photo) && r.pending.values.includes(photo)) sp.rewait = { ...r, proof: photo };
    }
  }
}

const NO_RULES: readonly RuleId[] = [];
/**
 * The instant at which states of `subject` brought to `t` but for their pushes (`decideKept`) may be
 * keyed: the first instant a push still to be made may be due, where it is before `t`. That push
 * takes what Exchange held then, which a key made at `t` no longer tells apart; merged at `t`, two
 * AD writes of unknown outcome in one instant lost a photo a push had taken (review of 2026-12-07).
 */
function keyedAt(subject: Subject, t: number): number {
  let at = t;
  for (const b of subject.branches) for (const sp of b.sps) if (sp.dueAt < at) at = sp.dueAt;
  return Math.max(at, subject.pushedTo);
}

/** A write to Exchange surely carried, raced by nothing. */
const SURELY: Pick<ExchangeWrite, 'carried' | 'raced'> = { carried: 'surely', raced: NO_RULES };

/** The actions of the tenant or of a viewer, not of a subject (a wait aside). */
type ActionOfNoSubject = Extract<Action, { do: 'setPhotoSettings' | 'restartClient' | 'clearBrowserCache' }>;

/** A divergence found, and why it is not certain when possibilities were dropped. */
type Found = { divergence: Divergence; uncertain?: { line: number; user: string; part: Part } };

function partOf(surface: Surface): Part {
  const store = SURFACE_STORE[surface];
  return store === 'sharepoint' ? 'sharepoint' : store === 'yammer' ? 'yammer' : 'exchange';
}

/**
 * Whether accepting `a` may leave `b` as refusing it does (a rejected action changes nothing): a
 * sign-in of a subject signed in, a sign-out of one signed out (either, after one of unknown
 * outcome), the policy the subject has.
 */
function mayChangeNothing(b: Branch, a: ActionEvent): boolean {
  if (a.do === 'lyncSignIn') return b.core.presence !== 'offline';
  if (a.do === 'lyncSignOut') return b.core.presence !== 'online';
  return a.do === 'setPolicy' && b.core.setPhotoEnabled === a.setPhotoEnabled;
}

function settingsOf(a: Extract<Action, { do: 'setPhotoSettings' }>): PhotoSettings {
  return { source: a.source, allowedRoles: a.allowedRoles ?? [] };
}

/** `b`, where `a` was refused by `rule`: the photo it carried is cited with that rule wherever it is seen. */
function refused(b: Branch, a: ActionEvent, rule: RuleId): Branch {
  if (a.do === 'setPhoto') b.core.stoppedBy.set(a.photo, rule);
  else if (a.do === 'removePhoto') b.core.stoppedBy.set(NO_PHOTO, rule);
  return b;
}

function spanOf(madeAt: Span | number): Span {
  return typeof madeAt === 'number' ? instant(madeAt) : madeAt;
}

/** What a subject's actions told of settings changes of unknown outcome, with what one possibility took of them (`ExchangeSide.settingsFacts`). */
function withFacts(told: SettingsFacts | undefined, own: SettingsFacts | undefined): SettingsFacts {
  if (own === undefined) return told ?? new Map();
  if (told === undefined) return own;
  return new Map([...told, ...own]);
}

/** `pieces` of a span with the one that holds `at` after its first instant cut there, into the instants before `at` and those from it on. */
function cutAt(pieces: { span: Span; values: Photo[] }[], at: number | undefined): { span: Span; values: Photo[] }[] {
  if (at === undefined) return pieces;
  const i = pieces.findIndex((p) => p.span.lo < at && at <= p.span.hi);
  if (i < 0) return pieces;
  const { span, values } = pieces[i]!;
  return [
    ...pieces.slice(0, i),
    { span: { lo: span.lo, hi: at - 1 }, values },
    { span: { lo: at, hi: span.hi }, values },
    ...pieces.slice(i + 1),
  ];
}

/**
 * When the change each of `values` came from was made, for a copy of `exchange` made at some
 * instant of `span`: the latest such change, and for a photo no change held at either end of the
 * span (one that showed only within it), Infinity, as newer than anything: what may still show
 * beside a change landing later is never less.
 */
function madeDuring(exchange: WindowStore, span: Span, values: readonly Photo[]): Map<Photo, number> {
  const out = exchange.valuesMadeAt(span.lo);
  for (const [photo, at] of exchange.valuesMadeAt(span.hi)) out.set(photo, Math.max(out.get(photo) ?? -Infinity, at));
  for (const v of values) if (!out.has(v)) out.set(v, Infinity);
  return out;
}

/**
 * The first of two pushes to come, one at some instant of `span` (timed by `rules`), the other of
 * `other` (by `id`): at the earliest instant either may come, surely by the earliest instant one
 * surely has; it cites the rules that bound it, the one that may come first and the one that surely has.
 */
function firstToCome(span: Span, rules: readonly RuleId[], other: Span, id: RuleId): { span: Span; rules: RuleId[] } {
  const first = other.lo < span.lo ? [id] : other.lo === span.lo ? [...rules, id] : rules;
  const sure = other.hi < span.hi ? [id] : other.hi === span.hi ? [...rules, id] : rules;
  return { span: { lo: Math.min(span.lo, other.lo), hi: Math.min(span.hi, other.hi) }, rules: ordered([...first, ...sure]) };
}

function ordered(ids: Iterable<RuleId>): RuleId[] {
  const set = new Set(ids);
  return RULE_IDS.filter((id) => set.has(id));
}

/**
 * AD-ONE-TIME: DirSync exported the AD write made at `at` in place of the first synced, made at
 * `first`: that one, and every write racing it made between them, collapsed into it, never landed.
 */
function collapseIntoExported(core: ExchangeSide, first: number, at: number): void {
  core.exchange.neverLanded(first, 'DIRSYNC');
  for (const race of core.exchange.racesCiting('AD-ONE-TIME', first)) if (race.at < at) core.exchange.raceNeverLanded(race.index);
  core.exportedInPlace(at);
}

/**
 * `sp` where the changes its last update may have left waiting (`rewait`) still wait, with the visit
 * that counts for them, and SharePoint last updated by that update: no later push of them came.
 */
function waitAgain(sp: SharePointSide): void {
  const r = sp.rewait!;
  // where the visit that counted for them counts again, every change made since is after it
  if (r.visitAt !== null && sp.pending !== null && sp.visitAt === null) sp.fresh = copyPending(sp.pending);
  sp.pending = joinPending(r.pending, sp.pending);
  sp.visitAt = r.visitAt ?? sp.visitAt;
  sp.spUpdated = r.updated;
  sp.rewait = null;
}

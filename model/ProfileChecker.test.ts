import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkEvents } from './checkEvents.js';
import { DAY, HOUR, MINUTE, SECOND } from './Params.js';
import type { Profile } from './Profile.js';
import { MAX_POSSIBILITIES, ProfileChecker, type TraceStart } from './ProfileChecker.js';
import { findProfile, PROFILES } from './profiles.js';
import { profileScope } from './profileScope.js';
import type { Verdict } from './Verdict.js';
import { check, events, setPhoto, T0, users, type Step as ScenarioStep } from './scenario.testkit.js';
import {
  CLIENTS,
  REMOVE_VIAS,
  PHOTO_SOURCES,
  SURFACE_STORE,
  UNKNOWN,
  type Action,
  type ActionEvent,
  type ActionResult,
  type ObservationEvent,
  type Photo,
  type PhotoSettings,
  type Surface,
  type TraceEvent,
  type UserInit,
  type Via,
} from './vocabulary.js';

// Property-based tests of the reference model (SPEC sections 1, 2, 4, 5): traces drawn from the
// model itself conform to it, and a single observation outside what the model allowed makes the
// trace diverge exactly there, with exactly that allowed set.

const POOL = ['p0', 'p1', 'p2', 'p3', 'p4', 'p5'] as const;
/** Every photo an observation can record (besides `unknown`). */
const ALL_PHOTOS: readonly Photo[] = [...POOL, 'none', 'unrecognized'];
const SUBJECT_IDS = ['alice', 'bob', 'carol'] as const;
const ROLES = ['photo-admin', 'helpdesk'] as const;
const VIEWER_IDS = ['dave', 'erin'] as const;

// ---- what each profile has (SPEC section 4: lync only with LYNC-PRESENCE, teams only with TEAMS-CACHE, delve only without DELVE-RETIRED)

function viasOf(p: Profile): readonly Via[] {
  return profileScope(p).vias;
}

function surfacesOf(p: Profile): readonly Surface[] {
  return profileScope(p).surfaces;
}

/** The durations a profile's windows are made of, plus the usual ones of SPEC section 5. */
function windowsOf(p: Profile): number[] {
  const ps = p.params;
  const out = new Set<number>([30 * SECOND, 60 * SECOND, 10 * MINUTE, HOUR, 24 * HOUR, 72 * HOUR]);
  for (const v of Object.values(ps)) if (v !== undefined && v <= 5 * DAY) out.add(v);
  if (ps.exoLag !== undefined && ps.owaCache !== undefined) out.add(ps.exoLag + ps.owaCache);
  if (ps.exoLag !== undefined && ps.dirSyncInterval !== undefined) out.add(ps.exoLag + ps.dirSyncInterval);
  if (ps.spThrottle !== undefined && ps.spPickup !== undefined) out.add(ps.spThrottle + ps.spPickup);
  if (ps.spSync !== undefined && ps.spPickup !== undefined) out.add(ps.spSync + ps.spPickup);
  return [...out].sort((a, b) => a - b);
}

// ---- plans: what happens, without the outcomes and photos the model decides

/** When a step happens: a gap after the previous event, or a window after an earlier action (just inside or outside). */
type Timing = { kind: 'gap'; gap: number } | { kind: 'anchor'; back: number; window: number; delta: number };

type ActStep = { kind: 'act'; timing: Timing; action: Action; unknown: boolean; preferRejected: boolean };
/** `follow`: look at the subject of the latest action instead of `user`, when there is one. */
type SeeStep = {
  kind: 'see';
  timing: Timing;
  see: Surface;
  user: string;
  follow: boolean;
  viewer: string;
  pick: number;
  unknownPhoto: boolean;
};
type Step = ActStep | SeeStep;
type Plan = { users: UserInit[]; steps: Step[]; photoSettings?: PhotoSettings };

/** Observations come sooner after what they look at than actions after each other (`soon`), to catch values in flight. */
function timingArb(p: Profile, soon: boolean): fc.Arbitrary<Timing> {
  const windows = windowsOf(p);
  const deltas = [-SECOND, -1, 0, 1, SECOND];
  const gap = fc.oneof(
    { weight: soon ? 4 : 2, arbitrary: fc.constant(0) },
    { weight: 4, arbitrary: fc.integer({ min: 1, max: 59 * SECOND }) },
    { weight: 3, arbitrary: fc.integer({ min: MINUTE, max: HOUR }) },
    { weight: soon ? 1 : 2, arbitrary: fc.integer({ min: HOUR, max: DAY }) },
    { weight: 1, arbitrary: fc.integer({ min: DAY, max: soon ? DAY : 4 * DAY }) },
    {
      weight: 3,
      arbitrary: fc.tuple(fc.constantFrom(...windows), fc.constantFrom(...deltas)).map(([w, d]) => Math.max(0, w + d)),
    },
  );
  return fc.oneof(
    { weight: 3, arbitrary: gap.map((g): Timing => ({ kind: 'gap', gap: g })) },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('anchor' as const),
        back: fc.nat({ max: 5 }),
        window: fc.constantFrom(...windows),
        delta: fc.constantFrom(...deltas),
      }),
    },
  );
}

/** `onPremAd`: most photos are written to on-premises AD (DirSync's collapses, races and one-time sync). */
function actionArb(p: Profile, subjects: readonly string[], everyone: readonly string[], onPremAd = false): fc.Arbitrary<Action> {
  const user = fc.constantFrom(...subjects);
  const viewer = fc.constantFrom(...everyone);
  const photo = fc.oneof({ weight: 9, arbitrary: fc.constantFrom(...POOL) }, { weight: 1, arbitrary: fc.constant('none') });
  const bytes = fc.option(fc.constantFrom(1_000, 10_240, 10_241, 50_000, 4 * 1024 * 1024, 4 * 1024 * 1024 + 1, 6_000_000), {
    nil: undefined,
    freq: 2,
  });
  const by = fc.option(fc.constantFrom(...subjects, 'admin'), { nil: undefined, freq: 2 });
  const settings = fc.record({
    do: fc.constant('setPhotoSettings' as const),
    source: fc.constantFrom(...PHOTO_SOURCES),
    allowedRoles: fc.subarray([...ROLES]),
  });
  const setPhoto = fc
    .record({
      user,
      photo,
      via: onPremAd ? fc.oneof(fc.constant('on-prem-ad' as const), fc.constantFrom(...viasOf(p))) : fc.constantFrom(...viasOf(p)),
      by,
      bytes,
    })
    .map(({ user, photo, via, by, bytes }): Action => {
      const a: Action = { do: 'setPhoto', user, photo, via };
      if (by !== undefined) a.by = by;
      if (bytes !== undefined) a.bytes = bytes;
      return a;
    });
  return fc.oneof(
    { weight: 12, arbitrary: setPhoto },
    {
      weight: 2,
      arbitrary: fc.record(
        { do: fc.constant('removePhoto' as const), user, via: fc.constantFrom(...REMOVE_VIAS), by },
        { requiredKeys: ['do', 'user', 'via'] },
      ),
    },
    { weight: p.rules.includes('PHOTO-SOURCE') ? 2 : 1, arbitrary: settings },
    { weight: 3, arbitrary: fc.record({ do: fc.constant('visitMySite' as const), user }) },
    { weight: 2, arbitrary: fc.record({ do: fc.constant('editCancel' as const), user }) },
    { weight: 1, arbitrary: fc.record({ do: fc.constant('lyncSignIn' as const), user }) },
    { weight: 1, arbitrary: fc.record({ do: fc.constant('lyncSignOut' as const), user }) },
    { weight: 2, arbitrary: fc.record({ do: fc.constant('restartClient' as const), viewer, client: fc.constantFrom(...CLIENTS) }) },
    { weight: 1, arbitrary: fc.record({ do: fc.constant('clearBrowserCache' as const), viewer }) },
    { weight: 2, arbitrary: fc.record({ do: fc.constant('openYammer' as const), user }) },
    { weight: 1, arbitrary: fc.record({ do: fc.constant('setPolicy' as const), user, setPhotoEnabled: fc.boolean() }) },
    { weight: 1, arbitrary: fc.record({ do: fc.constant('wait' as const), ms: fc.nat({ max: 4 * DAY }) }) },
  );
}

/**
 * `asIs`: headers may use every field of SPEC section 6, `unknown` values included; `resolvable`:
 * only those whose possibilities a trace can list (no `unknown` store or spUpdated).
 */
function planArb(
  p: Profile,
  opts: { maxSteps: number; unknownOneIn?: number; asIs?: 'all' | 'resolvable' | 'none'; onPremAd?: boolean },
): fc.Arbitrary<Plan> {
  const oneIn = opts.unknownOneIn ?? 15;
  const asIs = opts.asIs ?? 'all';
  return fc.integer({ min: 1, max: SUBJECT_IDS.length }).chain((n) => {
    const subjects = SUBJECT_IDS.slice(0, n);
    const everyone = [...subjects, ...VIEWER_IDS];
    const userInit = (id: string) =>
      fc
        .record({
          id: fc.constant(id),
          photo: fc.constantFrom<Photo>(...POOL, 'none'),
          mySite: fc.boolean(),
          lync: fc.constantFrom('online' as const, 'offline' as const),
          setPhotoEnabled: fc.oneof({ weight: 3, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
          adSynced: fc.boolean(),
        })
        .chain((u) => (asIs === 'none' ? fc.constant(u) : sectionSix(u, asIs === 'all')));
    const act: fc.Arbitrary<Step> = fc
      .record({
        kind: fc.constant('act' as const),
        timing: timingArb(p, false),
        action: actionArb(p, subjects, everyone, opts.onPremAd),
        unknown: fc.integer({ min: 1, max: oneIn }).map((x) => x === 1),
        preferRejected: fc.boolean(),
      })
      // a settings change of unknown outcome is tenant-wide: the checker keeps both settings open
      // instead of forking every user, until a subject's own action tells (PHOTO-SOURCE's reading),
      // so it is no fork to resolve
      .map((st) => (st.kind === 'act' && st.action.do === 'setPhotoSettings' && asIs === 'resolvable' ? { ...st, unknown: false } : st));
    const see: fc.Arbitrary<Step> = fc.record({
      kind: fc.constant('see' as const),
      timing: timingArb(p, true),
      see: fc.constantFrom(...surfacesOf(p)),
      user: fc.constantFrom(...subjects),
      follow: fc.boolean(),
      viewer: fc.constantFrom(...everyone),
      pick: fc.nat(),
      unknownPhoto: fc.integer({ min: 1, max: oneIn + 5 }).map((x) => x === 1),
    });
    const viewerInit = (id: string) => fc.record({ id: fc.constant(id), caches: fc.constantFrom('start' as const, 'unknown' as const) });
    return fc.record(
      {
        users: fc
          .tuple(fc.tuple(...subjects.map(userInit)), asIs === 'none' ? fc.constant([]) : fc.tuple(...VIEWER_IDS.map(viewerInit)))
          .map(([us, vs]) => users(...us, ...vs)),
        steps: fc.array(fc.oneof({ weight: 1, arbitrary: act }, { weight: 1, arbitrary: see }), { minLength: 1, maxLength: opts.maxSteps }),
        photoSettings: fc.record({ source: fc.constantFrom(...PHOTO_SOURCES), allowedRoles: fc.subarray([...ROLES]) }),
      },
      { requiredKeys: ['users', 'steps'] },
    );
  });
}

/** A header user with some of the fields of SPEC section 6 (`unknown` ones only when `unknowns`). */
function sectionSix(u: UserInit & { photo: Photo }, unknowns: boolean): fc.Arbitrary<UserInit> {
  const photo = fc.constantFrom<Photo>(...POOL, 'none', ...(unknowns ? [UNKNOWN] : []));
  return fc
    .record(
      {
        stores: fc.record({ exchange: photo, sharepoint: photo, yammer: photo, ad: photo }, { requiredKeys: [] }),
        spUpdated: unknowns
          ? fc.oneof(fc.constant('unknown' as const), fc.integer({ min: T0 - 4 * DAY, max: T0 }))
          : fc.integer({ min: T0 - 4 * DAY, max: T0 }),
        pending: fc.constantFrom(true, false, 'unknown' as const),
        roles: fc.subarray([...ROLES]),
        caches: fc.constantFrom('start' as const, 'unknown' as const),
      },
      { requiredKeys: [] },
    )
    .map((extra) => ({ ...u, ...extra }));
}

// ---- building a trace from a plan, asking the model at every step

type Built = {
  start: TraceStart;
  events: TraceEvent[];
  /** for each event: the photos the model allowed, for an observation with a known photo */
  allowed: Array<readonly Photo[] | undefined>;
};

function replay(profile: Profile, start: TraceStart, events: readonly TraceEvent[]): ProfileChecker {
  const checker = new ProfileChecker(profile, start);
  events.forEach((e, i) => {
    const v = checker.feed(e, i + 2);
    if (v !== undefined) throw new Error(`replaying the prefix decided ${JSON.stringify(v)} at line ${i + 2}`);
  });
  return checker;
}

/** Whether the action, recorded with `result`, is what the model allows as the next event. */
function accepts(profile: Profile, start: TraceStart, events: readonly TraceEvent[], a: ActionEvent): readonly string[] | true {
  const v = replay(profile, start, events).feed(a, events.length + 2);
  if (v === undefined) return true;
  if (v.verdict !== 'diverges') throw new Error(`probe of ${JSON.stringify(a)} decided ${JSON.stringify(v)}`);
  return v.divergence.allowed;
}

function timeOf(t: Timing, prev: number, actionTimes: readonly number[]): number {
  if (t.kind === 'gap') return prev + t.gap;
  const anchor = actionTimes[actionTimes.length - 1 - t.back];
  if (anchor === undefined) return prev;
  return Math.max(prev, anchor + t.window + t.delta);
}

/** Surfaces that read their store fresh, with no cache, whoever the viewer (sp-mysite: a viewer who is not the subject). */
const FRESH: readonly Surface[] = ['sp-mysite', 'sp-newsfeed', 'sp-people-picker', 'delve', 'graph', 'yammer'];
const OUTSIDER = VIEWER_IDS[0];

/** Surfaces of `subject` that an action may change at once, by SPEC section 4 (everything else goes through a window). */
function changedAtOnce(a: Action, subject: string, p: Profile): (s: Surface) => boolean {
  if (!('user' in a) || a.user !== subject) return () => false;
  if (a.do === 'editCancel' && p.rules.includes('EDIT-CANCEL')) return (s) => SURFACE_STORE[s] === 'sharepoint'; // EDIT-CANCEL: at once
  if (a.do === 'setPhoto' && a.via === 'sharepoint' && p.rules.includes('SP-ORIGIN')) return (s) => SURFACE_STORE[s] === 'sharepoint'; // SP-ORIGIN: at once
  if (a.do === 'setPhoto' && a.via === 'yammer') return (s) => s === 'yammer'; // YAMMER-ISOLATED
  return () => false;
}

/** What the model allows, at `at`, on every surface of every subject for every viewer. */
function everything(checker: ProfileChecker, profile: Profile, plan: Plan, at: number): Map<string, readonly Photo[]> {
  const out = new Map<string, readonly Photo[]>();
  // a cache depends on its viewer: one viewer who may be a subject, one who never is
  const viewers = [plan.users[0]!.id, OUTSIDER];
  for (const u of plan.users) {
    for (const see of surfacesOf(profile)) {
      for (const viewer of FRESH.includes(see) ? [OUTSIDER] : viewers) {
        out.set(`${u.id}|${see}|${viewer}`, checker.allowedFor({ at, see, user: u.id, viewer }));
      }
    }
  }
  return out;
}

/**
 * SPEC section 4, "Time windows": an action at t takes effect through its windows, so right after it,
 * at the same instant t, a surface reading its store fresh still allows whatever it allowed right
 * before (only the writes the SPEC makes at once may replace a value at t); and an action on one
 * subject changes nothing for another (a viewer's own reset aside, which only concerns caches).
 */
function checkInstant(before: Map<string, readonly Photo[]>, after: Map<string, readonly Photo[]>, e: ActionEvent, p: Profile): void {
  for (const [key, was] of before) {
    const [subject, see] = key.split('|') as [string, Surface, string];
    const now = after.get(key)!;
    const concerned = 'user' in e && e.user === subject;
    const where = `${key} at the instant of ${JSON.stringify(e)}`;
    // a viewer's reset concerns caches, and the tenant's settings only what later actions may do
    if (!concerned && !('viewer' in e) && e.do !== 'setPhotoSettings')
      expect(now, `${where}: an action on another subject changed it`).toEqual(was);
    if (concerned && FRESH.includes(see) && !changedAtOnce(e, subject, p)(see)) {
      for (const p of was) expect(now, `${where}: ${p} vanished at once`).toContain(p);
    }
  }
}

function build(profile: Profile, plan: Plan, opts: { instants?: boolean } = {}): Built {
  const start: TraceStart = { start: T0, users: plan.users, photoSettings: plan.photoSettings };
  const checker = new ProfileChecker(profile, start);
  const events: TraceEvent[] = [];
  const allowed: Array<readonly Photo[] | undefined> = [];
  const actionTimes: number[] = [];
  let lastSubject: string | undefined;
  let now = T0;
  for (const step of plan.steps) {
    now = timeOf(step.timing, now, actionTimes);
    const line = events.length + 2;
    let e: TraceEvent;
    if (step.kind === 'act') {
      let result: ActionResult = 'unknown';
      if (!step.unknown) {
        const ok = accepts(profile, start, events, { ...step.action, at: now, result: 'ok' });
        if (ok === true) {
          result = 'ok';
          if (step.preferRejected && accepts(profile, start, events, { ...step.action, at: now, result: 'rejected' }) === true) {
            result = 'rejected';
          }
        } else {
          expect(ok, `the model allows neither ok nor rejected for ${JSON.stringify(step.action)}`).toEqual(['rejected']);
          result = 'rejected';
        }
      }
      if (!step.unknown) {
        // what the checker says it allows, asked without learning, is what feeding it accepts
        const ok = accepts(profile, start, events, { ...step.action, at: now, result: 'ok' }) === true;
        const rejected = accepts(profile, start, events, { ...step.action, at: now, result: 'rejected' }) === true;
        const expected = [...(ok ? ['ok'] : []), ...(rejected ? ['rejected'] : [])];
        expect(new Set(checker.resultsFor({ ...step.action, at: now })), JSON.stringify(step.action)).toEqual(new Set(expected));
      }
      e = { ...step.action, at: now, result };
      actionTimes.push(now);
      if ('user' in step.action) lastSubject = step.action.user;
      allowed.push(undefined);
    } else {
      const o = { at: now, see: step.see, user: (step.follow ? lastSubject : undefined) ?? step.user, viewer: step.viewer };
      // allowedFor brings the subject's state to `now`, which a look recorded as unknown does not (unless it
      // is a visit): asking for it there would split pushes at an instant the check never splits at, and
      // make the allowed sets recorded later more precise than the check's own
      const photos = step.unknownPhoto ? undefined : checker.allowedFor(o);
      if (photos?.length === 0) throw new Error(`the model allows no photo at all for ${JSON.stringify(o)} (line ${line})`);
      const photo = photos === undefined ? UNKNOWN : photos[step.pick % photos.length]!;
      e = { ...o, photo } satisfies ObservationEvent;
      allowed.push(photos);
    }
    const before = opts.instants && !('see' in e) ? everything(checker, profile, plan, now) : undefined;
    const v = checker.feed(e, line);
    if (v !== undefined) throw new Error(`the model refused its own choice at line ${line}: ${JSON.stringify(v)}`);
    if (before !== undefined) checkInstant(before, everything(checker, profile, plan, now), e as ActionEvent, profile);
    events.push(e);
  }
  return { start, events, allowed };
}

/** `events`, with one observation (the `spoil[0]`th, round) recorded as `spoil[1]`, allowed or not: none spoiled without `spoil`. */
function spoiled(events: readonly TraceEvent[], spoil: readonly [number, Photo] | undefined): TraceEvent[] {
  const out = events.slice();
  const looks = out.flatMap((e, i) => ('see' in e && e.photo !== UNKNOWN ? [i] : []));
  if (spoil !== undefined && looks.length > 0) {
    const i = looks[spoil[0] % looks.length]!;
    out[i] = { ...(out[i] as ObservationEvent), photo: spoil[1] };
  }
  return out;
}

// ---- resolving what the trace does not know

/** A line that changes nothing (SPEC section 1: in a trace, a `wait` line changes nothing). */
function nothingAt(at: number): TraceEvent {
  return { at, do: 'wait', ms: 0, result: 'ok' };
}

/**
 * Every way the faults of a trace may have gone (SPEC section 2): an action of unknown outcome took
 * effect or did not; an observation that could not be made is skipped, except that the subject may
 * have opened their own My Site. Only the first `limit` two-way choices are resolved; the others stay.
 */
function resolutions(events: readonly TraceEvent[], limit: number): TraceEvent[][] {
  let out: TraceEvent[][] = [[...events]];
  let forks = 0;
  events.forEach((e, i) => {
    let options: TraceEvent[];
    if ('see' in e) {
      if (e.photo !== UNKNOWN) return;
      options =
        e.see === 'sp-mysite' && e.viewer === e.user
          ? [{ at: e.at, do: 'visitMySite', user: e.user, result: 'ok' }, nothingAt(e.at)]
          : [nothingAt(e.at)];
    } else {
      if (e.result !== 'unknown') return;
      options = [{ ...e, result: 'ok' }, nothingAt(e.at)];
    }
    if (options.length > 1 && ++forks > limit) return;
    out = out.flatMap((r) => options.map((o) => r.map((x, j) => (j === i ? o : x))));
  });
  return out;
}

/** Every way a header's `pending: "unknown"` may have been (SPEC section 6): true or false, user by user. */
function headerResolutions(start: TraceStart): TraceStart[] {
  let out: TraceStart[] = [start];
  start.users.forEach((u, i) => {
    if (u.pending !== 'unknown') return;
    out = out.flatMap((s) => [true, false].map((pending) => ({ ...s, users: s.users.map((x, j) => (j === i ? { ...x, pending } : x)) })));
  });
  return out;
}

// ---- the properties

const RUNS = Number(process.env.PHOTOSYNC_RUNS ?? 250);

function act(gap: number, action: Action): Step {
  return { kind: 'act', timing: { kind: 'gap', gap }, action, unknown: false, preferRejected: false };
}
function look(gap: number, see: Surface, user: string, viewer: string): Step {
  return { kind: 'see', timing: { kind: 'gap', gap }, see, user, follow: false, viewer, pick: 0, unknownPhoto: false };
}

/** Counterexamples the properties found (shrunk), replayed on every run and for every profile. */
const FOUND = {
  // microsoft-2014: the visit creates the My Site at +30h, yet SP-MYSITE-ONCE's push is placed at +24h
  pushBeforeTheMySite: {
    users: users({ id: 'alice', photo: 'p0' }),
    steps: [
      act(0, { do: 'setPhoto', user: 'alice', photo: 'p4', via: 'outlook-web' }),
      act(30 * HOUR, { do: 'visitMySite', user: 'alice' }),
    ],
  },
  // microsoft-2014: the same push copies Exchange at +24h, from a store compacted at +26h: no value at all
  sharePointLeftEmpty: {
    users: users({ id: 'alice', photo: 'p0' }),
    steps: [
      act(0, { do: 'setPhoto', user: 'alice', photo: 'p1', via: 'outlook-web' }),
      act(25 * HOUR, { do: 'setPhoto', user: 'alice', photo: 'p2', via: 'outlook-web' }),
      act(HOUR, { do: 'setPhoto', user: 'alice', photo: 'p1', via: 'outlook-web' }),
      act(4 * HOUR, { do: 'visitMySite', user: 'alice' }),
      look(0, 'sp-newsfeed', 'alice', 'dave'),
    ],
  },
  // microsoft-2014: SharePoint still shows p3 at 09:12, so the waiting p0 was not pushed by 09:02, when
  // Graph's p1 had reached Exchange: brought to 09:02 or not, the check allows only p1 at 10:12
  pushAfterTheChange: {
    users: users({ id: 'alice', photo: 'p3', mySite: true, stores: { exchange: 'p0' }, pending: true }),
    steps: [
      act(MINUTE, { do: 'setPhoto', user: 'alice', photo: 'p1', via: 'graph' }),
      // the third photo allowed at 09:12 (p0, p1, p3): nothing has landed yet
      {
        kind: 'see',
        timing: { kind: 'gap', gap: 11 * MINUTE },
        see: 'sp-mysite',
        user: 'alice',
        follow: false,
        viewer: 'alice',
        pick: 2,
        unknownPhoto: false,
      },
      look(HOUR, 'sp-mysite', 'alice', 'alice'),
    ],
  },
} satisfies Record<string, Plan>;

describe.each(PROFILES.map((p) => [p.id, p] as const))('%s', (_id, profile) => {
  it('model-drawn traces conform, replayed from scratch', () => {
    fc.assert(
      fc.property(planArb(profile, { maxSteps: 30 }), (plan) => {
        const built = build(profile, plan);
        expect(checkEvents(profile, built.start, built.events)).toEqual({ profile: profile.id, verdict: 'conforms' });
      }),
      { numRuns: RUNS, examples: [[FOUND.sharePointLeftEmpty]] },
    );
  });

  it('an action changes no fresh read at its own instant, except the writes made at once, and nothing of another subject', () => {
    fc.assert(
      fc.property(planArb(profile, { maxSteps: 30 }), (plan) => {
        build(profile, plan, { instants: true });
      }),
      { numRuns: RUNS, examples: [[FOUND.pushBeforeTheMySite]] },
    );
  });

  it('an unknown outcome keeps exactly both possibilities open: the verdict is that of the best resolution', () => {
    fc.assert(
      fc.property(
        planArb(profile, { maxSteps: 20, unknownOneIn: 4, asIs: 'resolvable' }),
        fc.option(fc.tuple(fc.nat(), fc.constantFrom(...ALL_PHOTOS)), { nil: undefined }),
        (plan, spoil) => {
          const built = build(profile, plan);
          const events = spoiled(built.events, spoil);
          const lineOf = (v: Verdict) => (v.verdict === 'diverges' ? v.divergence.line : Infinity);
          const each = headerResolutions(built.start).flatMap((start) => resolutions(events, 6).map((r) => checkEvents(profile, start, r)));
          for (const v of each) expect(v.verdict).not.toBe('unknown');
          const last = Math.max(...each.map(lineOf));
          const v = checkEvents(profile, built.start, events);
          if (last === Infinity) {
            expect(v).toEqual({ profile: profile.id, verdict: 'conforms' });
            return;
          }
          // every possibility died: the trace diverges where the last one did, allowing what those allowed there
          expect(v.verdict).toBe('diverges');
          if (v.verdict !== 'diverges') return;
          expect(v.divergence.line).toBe(last);
          const allowedThere = new Set(
            each.flatMap((r) => (r.verdict === 'diverges' && r.divergence.line === last ? r.divergence.allowed : [])),
          );
          expect(new Set(v.divergence.allowed)).toEqual(allowedThere);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it.each([
    ['', false],
    [', most photos written to on-premises AD', true],
  ] as const)(
    'past the cap, what is joined, widened or dropped never makes a divergence: with a cap of 1 a trace diverges only where, or after, it does with every state kept%s',
    (_what, onPremAd) => {
      let capped = 0;
      fc.assert(
        fc.property(
          planArb(profile, { maxSteps: 20, unknownOneIn: 2, onPremAd }),
          fc.option(fc.tuple(fc.nat(), fc.constantFrom(...ALL_PHOTOS)), { nil: undefined }),
          (plan, spoil) => {
            const built = build(profile, plan);
            const events = spoiled(built.events, spoil);
            const run = (maxPossibilities: number) => {
              const checker = new ProfileChecker(profile, built.start, { maxPossibilities });
              for (let i = 0; i < events.length && checker.feed(events[i]!, i + 2) === undefined; i++);
              return { verdict: checker.finish(), caps: checker.caps };
            };
            const low = run(1);
            const all = run(4096);
            expect(all.caps).toEqual({ exchange: 0, sharepoint: 0, yammer: 0 });
            if (low.caps.exchange + low.caps.sharepoint + low.caps.yammer > 0) capped++;
            if (low.verdict.verdict !== 'diverges') return;
            expect(all.verdict.verdict).toBe('diverges');
            if (all.verdict.verdict !== 'diverges') return;
            expect(all.verdict.divergence.line).toBeLessThanOrEqual(low.verdict.divergence.line);
          },
        ),
        { numRuns: RUNS },
      );
      // the property must reach the cap, not only check traces that never do
      expect(capped).toBeGreaterThan(RUNS / 20);
    },
  );

  // A stop can only tell the checker more: it may settle, at the stop's instant, a span the checker
  // would otherwise join (the documented superset of a push known only to a span). So a stopped
  // checker is never more lenient, and is stricter only rarely (about one run in 500 under
  // microsoft-2014, seed -1216288387 at 20,000 runs): the bound keeps the property able to fail
  // where stops would change the check at large.
  it('where the check is brought to changes little: extra stops between the lines never allow more, and rarely less', () => {
    let stricter = 0;
    fc.assert(
      fc.property(
        planArb(profile, { maxSteps: 20, unknownOneIn: 4, asIs: 'resolvable' }),
        fc.option(fc.tuple(fc.nat(), fc.constantFrom(...ALL_PHOTOS)), { nil: undefined }),
        // each stop: before which line, where between it and the line before (a share of the gap, or an
        // offset where windows open and close, such as exoLag and spPickup), and for whom
        fc.array(
          fc.tuple(
            fc.nat(),
            fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(SECOND, MINUTE, 10 * MINUTE, HOUR, 4 * HOUR, DAY)),
            fc.constantFrom(...SUBJECT_IDS),
          ),
          { maxLength: 8 },
        ),
        (plan, spoil, stops) => {
          const events = spoiled(build(profile, plan).events, spoil);
          const start: TraceStart = { start: T0, users: plan.users, photoSettings: plan.photoSettings };
          // `stopped` is also brought to some instants between the lines (asking what a look would allow)
          const plain = new ProfileChecker(profile, start);
          const stopped = new ProfileChecker(profile, start);
          const at = new Map<number, { t: number; user: string }[]>();
          for (const [i, where, user] of stops) {
            const before = i % events.length;
            const from = events[before - 1]?.at ?? T0;
            const to = events[before]!.at;
            const t = where <= 1 ? Math.floor(from + where * (to - from)) : Math.min(to, from + where);
            at.set(before, [...(at.get(before) ?? []), { t, user }]);
          }
          // the windows of a divergence show the states kept, which the stops may cut apart: not compared
          const bare = (v: Verdict | undefined) =>
            v?.verdict === 'diverges' ? { ...v, divergence: { ...v.divergence, windows: undefined } } : v;
          for (let i = 0; i < events.length; i++) {
            const e = events[i]!;
            for (const { t, user } of (at.get(i) ?? []).sort((a, b) => a.t - b.t))
              stopped.allowedFor({ at: t, see: 'graph', user, viewer: user });
            if ('see' in e && e.photo !== UNKNOWN) {
              const o = { at: e.at, see: e.see, user: e.user, viewer: e.viewer };
              const narrow = new Set(stopped.allowedFor(o));
              const wide = new Set(plain.allowedFor(o));
              expect(
                [...narrow].filter((p) => !wide.has(p)),
                `line ${i + 2}: allowed only after the stops`,
              ).toEqual([]);
              if (narrow.size < wide.size) {
                stricter++;
                return;
              }
            }
            const v = plain.feed(e, i + 2);
            expect(bare(stopped.feed(e, i + 2))).toEqual(bare(v));
            if (v !== undefined) return;
          }
        },
      ),
      // the second look spoilt as p0, and a stop at 09:02 before the first
      { numRuns: RUNS, examples: [[FOUND.pushAfterTheChange, [1, 'p0'], [[1, 1 / 11, 'alice']]]] },
    );
    expect(stricter).toBeLessThanOrEqual(Math.max(2, RUNS / 50));
  });

  it('one wrong observation diverges exactly there, with the allowed set recorded for it', () => {
    const lastLook = fc.record({
      see: fc.constantFrom(...surfacesOf(profile)),
      user: fc.constantFrom(...SUBJECT_IDS),
      viewer: fc.constantFrom(...SUBJECT_IDS, ...VIEWER_IDS),
      gap: fc.constantFrom(0, SECOND, MINUTE, HOUR, DAY),
    });
    fc.assert(
      fc.property(planArb(profile, { maxSteps: 25 }), lastLook, fc.nat(), fc.nat(), (plan, last, which, wrongPick) => {
        // one more observation at the end, so that every trace has one to spoil
        const subjects = plan.users.map((u) => u.id);
        const steps: Step[] = [
          ...plan.steps,
          {
            kind: 'see',
            timing: { kind: 'gap', gap: last.gap },
            see: last.see,
            user: subjects.includes(last.user) ? last.user : subjects[0]!,
            follow: true,
            viewer: last.viewer,
            pick: 0,
            unknownPhoto: false,
          },
        ];
        const built = build(profile, { ...plan, steps });
        // an allowed `unknown` is any photo (a store or cache the header does not know): nothing there is wrong
        const candidates = built.allowed.flatMap((a, i) =>
          a !== undefined && !a.includes(UNKNOWN) && ALL_PHOTOS.some((p) => !a.includes(p)) ? [i] : [],
        );
        fc.pre(candidates.length > 0);
        const i = candidates[which % candidates.length]!;
        const allowedThere = built.allowed[i]!;
        const outside = ALL_PHOTOS.filter((p) => !allowedThere.includes(p));
        const wrong = outside[wrongPick % outside.length]!;
        const events = built.events.slice();
        const spoilt = { ...(events[i] as ObservationEvent), photo: wrong };
        events[i] = spoilt;
        const v = checkEvents(profile, built.start, events);
        expect(v.verdict).toBe('diverges');
        if (v.verdict !== 'diverges') return;
        expect(v.divergence.line).toBe(i + 2);
        expect(v.divergence.event).toEqual(spoilt);
        expect(new Set(v.divergence.allowed)).toEqual(new Set(allowedThere));
      }),
      { numRuns: RUNS },
    );
  });
});

// ---- the counterexamples above, as traces, with what the SPEC says of them

describe('counterexamples found by these properties and by WindowStore.test.ts', () => {
  const people = users({ id: 'alice', photo: 'p0' }, { id: 'bob' });

  it('microsoft-2014: a visit that creates the My Site pushes within spPickup of the visit, not at once', () => {
    // SPEC 4, SP-NEEDS-VISIT/SP-MYSITE-ONCE: the My Site does not exist before the visit at +30h, so
    // the push is the visit's, landing within spPickup (10 min): SharePoint may still show p0 at +30h1m.
    const v = check('microsoft-2014', people, [
      { at: '+0s', do: 'setPhoto', user: 'alice', via: 'outlook-web', photo: 'p1' },
      { at: '+30h', do: 'visitMySite', user: 'alice' },
      { at: '+30h1m', see: 'sp-newsfeed', user: 'alice', viewer: 'bob', photo: 'p0' },
    ]);
    expect(v).toEqual({ profile: 'microsoft-2014', verdict: 'conforms' });
  });

  it.each(['p0', 'p1'])('microsoft-2014: after a late first visit SharePoint still shows a photo (%s), not none at all', (photo) => {
    // p1 is Exchange's photo from +26h1m on; the visit at +30h pushes it within 10 min
    const v = check('microsoft-2014', people, [
      { at: '+0s', do: 'setPhoto', user: 'alice', via: 'outlook-web', photo: 'p1' },
      { at: '+25h', do: 'setPhoto', user: 'alice', via: 'outlook-web', photo: 'p2' },
      { at: '+26h', do: 'setPhoto', user: 'alice', via: 'outlook-web', photo: 'p1' },
      { at: '+30h', do: 'visitMySite', user: 'alice' },
      { at: '+30h', see: 'sp-newsfeed', user: 'alice', viewer: 'bob', photo },
    ]);
    expect(v).toEqual({ profile: 'microsoft-2014', verdict: 'conforms' });
  });

  it.each([
    ['openYammer ok', { do: 'openYammer', user: 'alice', result: 'ok' }],
    ['openYammer unknown', { do: 'openYammer', user: 'alice', result: 'unknown' }],
    ['a wait line', { do: 'wait', ms: 60_000 }],
  ] as const)(
    'microsoft-2014: a push the header leaves waiting that had not landed by the visit, then p1 from the visit: never p0 again (%s at 09:02)',
    (_, between) => {
      // SP-MYSITE-ONCE pushes the waiting p0 at some instant of [start, start + spSync]; p1 reaches
      // Exchange by 09:02. SharePoint still shows p3 at 09:12, so no push had landed: any push came
      // after 09:02 and took p1, and the visit at 09:12 pushes p1 too (SPEC 4 and 6). An openYammer
      // changes nothing here, whatever its outcome (found with result unknown, seed -1311940946);
      // nor does a wait line, which never brings the checker to 09:02: the push's span is cut where
      // Exchange's photo changed, not where the checker happened to stop.
      const v = check('microsoft-2014', users({ id: 'alice', photo: 'p3', mySite: true, stores: { exchange: 'p0' }, pending: true }), [
        { at: '+1m', do: 'setPhoto', user: 'alice', via: 'lync', photo: 'p1' },
        { at: '+2m', ...between },
        { at: '+12m', see: 'sp-mysite', user: 'alice', viewer: 'alice', photo: 'p3' },
        { at: '+72m', see: 'sp-mysite', user: 'alice', viewer: 'alice', photo: 'p0' },
      ]);
      expect(v.verdict).toBe('diverges');
      if (v.verdict === 'diverges') expect(v.divergence.line).toBe(5);
    },
  );

  it('threewill-2014: a cached sighting of the first photo does not prove that its later repeat has landed', () => {
    // exchange: p1 lands in [0, 60s), p2 in [100s, 160s), p0 again in [200s, 260s). Outlook (never
    // restarted) may show the p0 of the start; at 220s Graph may still show p2 (SPEC 4, EXO-FAST).
    const v = check('threewill-2014', people, [
      { at: '+0s', do: 'setPhoto', user: 'alice', via: 'outlook-web', photo: 'p1' },
      { at: '+100s', do: 'setPhoto', user: 'alice', via: 'outlook-web', photo: 'p2' },
      { at: '+200s', do: 'setPhoto', user: 'alice', via: 'outlook-web', photo: 'p0' },
      { at: '+210s', see: 'outlook-desktop', user: 'alice', viewer: 'bob', photo: 'p0' },
      { at: '+220s', see: 'graph', user: 'alice', viewer: 'bob', photo: 'p2' },
    ]);
    expect(v).toEqual({ profile: 'threewill-2014', verdict: 'conforms' });
  });

  it('exchange-2015: two changes in the same second do not erase a photo from a browser cache', () => {
    // SharePoint: p2 on its way from +0s (within 72h), p5 from +1m; bob's cache starts at +1h, when p2
    // may be showing (SPEC 4, SP-SYNC-WINDOW, SP-BROWSER-CACHE). Two changes at +73h must not erase it.
    const v = check('exchange-2015', people, [
      { at: '+0s', do: 'setPhoto', user: 'alice', via: 'graph', photo: 'p2' },
      { at: '+1m', do: 'setPhoto', user: 'alice', via: 'graph', photo: 'p5' },
      { at: '+1h', do: 'clearBrowserCache', viewer: 'bob' },
      { at: '+73h', do: 'setPhoto', user: 'alice', via: 'graph', photo: 'p2' },
      { at: '+73h', do: 'setPhoto', user: 'alice', via: 'sharepoint', photo: 'p3' },
      { at: '+73h1s', see: 'sp-search', user: 'alice', viewer: 'bob', photo: 'p2' },
    ]);
    expect(v).toEqual({ profile: 'exchange-2015', verdict: 'conforms' });
  });

  it('exchange-2015: Edit-Cancel does not bring back a photo that could no longer show', () => {
    // p1 travels to SharePoint from +0s, and on past the upload of p2 at +1h (SP-ORIGIN ends no
    // travel). Edit-Cancel at +3h copies Exchange's p2 and ends p1's travel: from then on p1 never
    // shows, and a visit after it does not bring it back.
    const steps = [
      { at: '+0s', do: 'setPhoto', user: 'alice', via: 'graph', photo: 'p1' },
      { at: '+1h', do: 'setPhoto', user: 'alice', via: 'sharepoint', photo: 'p2' },
    ] as const;
    const p1 = (at: string) => ({ at, see: 'sp-newsfeed', user: 'alice', viewer: 'bob', photo: 'p1' }) as const;
    expect(check('exchange-2015', people, [...steps, p1('+2h')]).verdict).toBe('conforms');
    const ended = [...steps, { at: '+3h', do: 'editCancel', user: 'alice' }] as const;
    expect(check('exchange-2015', people, [...ended, p1('+3h1m')])).toMatchObject({
      verdict: 'diverges',
      divergence: { line: 5, allowed: ['p2'] },
    });
    expect(check('exchange-2015', people, [...ended, { at: '+4h', do: 'visitMySite', user: 'alice' }, p1('+4h1m')])).toMatchObject({
      verdict: 'diverges',
      divergence: { line: 6, allowed: ['p2'] },
    });
  });

  it('exchange-2015: a visit does not bring back a photo SharePoint replaced before the browser cache was cleared', () => {
    // SharePoint: p1 at once at +0s (SP-ORIGIN), p1 again at +2m (EDIT-CANCEL), p2 on its way from +3m.
    // bob's cache starts at +30s, so sp-search may show p1 or p2, never p0 (SPEC 4, SP-BROWSER-CACHE).
    const v = check('exchange-2015', people, [
      { at: '+0s', do: 'setPhoto', user: 'alice', via: 'sharepoint', photo: 'p1' },
      { at: '+30s', do: 'clearBrowserCache', viewer: 'bob' },
      { at: '+2m', do: 'editCancel', user: 'alice' },
      { at: '+3m', do: 'setPhoto', user: 'alice', via: 'outlook-web', photo: 'p2' },
      { at: '+4m', do: 'visitMySite', user: 'alice' },
      { at: '+5m', see: 'sp-search', user: 'alice', viewer: 'bob', photo: 'p0' },
    ]);
    expect(v).toMatchObject({ verdict: 'diverges', divergence: { line: 7, allowed: ['p1', 'p2'] } });
  });
});

describe('many actions of unknown outcome', () => {
  // 40 uploads of unknown outcome, each of a photo of its own: far more possibilities than are kept
  const people = users({ id: 'alice', photo: 'p0' }, { id: 'bob' });
  const uploads: ScenarioStep[] = Array.from({ length: 40 }, (_, i) => ({
    at: `+${i}h`,
    do: 'setPhoto',
    user: 'alice',
    via: 'graph',
    photo: `q${i}`,
    result: 'unknown',
  }));

  it('still conforms when what was seen is allowed by a possibility it kept', () => {
    expect(check('threewill-2014', people, [...uploads, { at: '+2d', see: 'graph', user: 'alice', viewer: 'bob', photo: 'p0' }])).toEqual({
      profile: 'threewill-2014',
      verdict: 'conforms',
    });
  });

  it(`answers unknown, not diverges, once more than ${MAX_POSSIBILITIES} were open and one that may show it was dropped`, () => {
    // each upload may be what Exchange kept: 41 sides, one per newest photo, too many to keep all;
    // a photo a dropped side holds is unknown, one a kept side holds conforms, none diverges
    const verdicts = Array.from({ length: 40 }, (_, i) => `q${i}`).map((photo) =>
      check('threewill-2014', people, [...uploads, { at: '+2d', see: 'graph', user: 'alice', viewer: 'bob', photo }]),
    );
    for (const v of verdicts) expect(v.verdict).not.toBe('diverges');
    const unknown = verdicts.filter((v) => v.verdict === 'unknown');
    expect(unknown.length).toBeGreaterThan(0);
    expect(unknown.length).toBeLessThan(verdicts.length);
    for (const v of unknown) {
      if (v.verdict !== 'unknown') continue;
      expect(v.line).toBe(42);
      expect(v.reason).toMatch(/dropped/);
    }
  });

  it('diverges whatever was dropped when what was seen is a photo no store of the subject ever held', () => {
    for (const photo of ['unrecognized', 'p9'])
      expect(check('threewill-2014', people, [...uploads, { at: '+2d', see: 'graph', user: 'alice', viewer: 'bob', photo }])).toMatchObject(
        {
          verdict: 'diverges',
          divergence: { line: 42 },
        },
      );
    // a store the header does not know may have held any photo: then a dropped possibility may show it
    const unknownStore = users({ id: 'alice', photo: 'p0', stores: { exchange: 'unknown' } }, { id: 'bob' });
    const v = check('threewill-2014', unknownStore, [...uploads, { at: '+2d', see: 'graph', user: 'alice', viewer: 'bob', photo: 'p9' }]);
    expect(v.verdict).not.toBe('diverges');
  });

  it('diverges as usual when every possibility was kept', () => {
    const few = uploads.slice(0, 3);
    expect(
      check('threewill-2014', people, [...few, { at: '+2d', see: 'graph', user: 'alice', viewer: 'bob', photo: 'unrecognized' }]),
    ).toMatchObject({
      verdict: 'diverges',
      divergence: { line: 5, allowed: ['p0', 'q0', 'q1', 'q2'] },
    });
  });
});

describe('states merged while the kept photos of racing writes are decided', () => {
  // review of 2026-12-07 (evening): two AD writes of unknown outcome in one instant split into more
  // possibilities than are kept while Exchange's kept photos were decided; merged as at the read's
  // instant, before the pushes due by then were made, states a push tells apart became one
  it('keys them as at the first instant a push still to be made may be due', () => {
    const alone = users({ id: 'alice' }, { id: 'bob' });
    const ad = (at: string, photo: string, result: 'ok' | 'unknown' = 'ok'): ScenarioStep => setPhoto(at, 'on-prem-ad', photo, result);
    const steps = (result: 'ok' | 'unknown', read: string): ScenarioStep[] => [
      ad('+1s', 'p3', result),
      ad('+1s', 'p1', result),
      { at: '+1s', do: 'setPhoto', user: 'alice', via: 'sharepoint', photo: 'p3' },
      setPhoto('+1s', 'on-prem-ad', 'p1', 'ok', 20_000),
      ad('+1m3s', 'p2'),
      ad('+1m3s', 'p2'),
      { at: read, see: 'sp-people-picker', user: 'alice', viewer: 'bob', photo: 'p1' },
    ];
    expect(check('exchange-2015', alone, steps('ok', '+3d1h32m2s'))).toEqual({ profile: 'exchange-2015', verdict: 'conforms' });
    // both writes took effect is one of the possibilities of unknown outcome
    expect(check('exchange-2015', alone, steps('unknown', '+3d1h32m2s'))).toEqual({ profile: 'exchange-2015', verdict: 'conforms' });
    // once the first AD photo has surely landed, and the window of its arrival has closed
    expect(check('exchange-2015', alone, steps('unknown', '+7d1h32m2s'))).toMatchObject({
      verdict: 'diverges',
      divergence: { line: 8, allowed: ['p2', 'p3'] },
    });
  });
});

describe('faults never blind the checker', () => {
  // 60 cycles of a Graph change, a visit and an opening of Viva Engage of unknown outcome: the
  // possibilities of SharePoint and Yammer pile up, but Exchange's history does not depend on them
  const people = users({ id: 'alice', photo: 'p0', mySite: true }, { id: 'bob' });
  const cycles: ScenarioStep[] = Array.from({ length: 60 }, (_, i): ScenarioStep[] => [
    { at: `+${i}d`, do: 'setPhoto', user: 'alice', via: 'graph', photo: `p${i % 5}` },
    { at: `+${i}d1h`, do: 'visitMySite', user: 'alice', result: 'unknown' },
    { at: `+${i}d2h`, do: 'openYammer', user: 'alice', result: 'unknown' },
  ]).flat();
  const neverSet: ScenarioStep = { at: '+61d', see: 'graph', user: 'alice', viewer: 'bob', photo: 'p9' };

  it.each(PROFILES.map((p) => p.id))('%s: a photo never set anywhere, seen in Graph, diverges at its line', (id) => {
    const v = check(id, people, [...cycles, neverSet]);
    expect(v).toMatchObject({ verdict: 'diverges', divergence: { line: 182, allowed: ['p4'] } });
  });

  it.each(PROFILES.map((p) => p.id))('%s: and so does one seen in SharePoint or Yammer, where the states stayed few', (id) => {
    for (const see of ['sp-newsfeed', 'yammer'] as const) {
      const v = check(id, people, [...cycles, { ...neverSet, see }]);
      expect(v, see).toMatchObject({ verdict: 'diverges', divergence: { line: 182 } });
    }
  });

  it.each(PROFILES.map((p) => [p.id, p] as const))('%s: keeps the states of each part few: the cap is never reached', (_id, profile) => {
    const checker = new ProfileChecker(profile, { start: T0, users: people });
    events(cycles).forEach((e, i) => expect(checker.feed(e, i + 2)).toBeUndefined());
    expect(checker.caps).toEqual({ exchange: 0, sharepoint: 0, yammer: 0 });
  });

  it('forks nothing for an action of unknown outcome that changes nothing under the profile', () => {
    // without YAMMER-FROM-ENTRA an opening of Yammer does nothing: both outcomes are one state
    const opens: ScenarioStep[] = Array.from({ length: 40 }, (_, i) => ({
      at: `+${i}h`,
      do: 'openYammer',
      user: 'alice',
      result: 'unknown',
    }));
    const checker = new ProfileChecker(PROFILES[0]!, { start: T0, users: people });
    events(opens).forEach((e, i) => checker.feed(e, i + 2));
    expect(checker.feed({ at: T0 + 2 * DAY, see: 'yammer', user: 'alice', viewer: 'bob', photo: 'p9' }, 42)).toMatchObject({
      verdict: 'diverges',
    });
    expect(checker.caps).toEqual({ exchange: 0, sharepoint: 0, yammer: 0 });
  });

  // 40 actions of unknown outcome that no rule of the profile acts on: a policy change where no rule
  // reads the policy (PHOTO-POLICY, PHOTO-POLICY-OWA), a Lync sign-in where Lync is gone. Each is
  // one state whatever its outcome; kept apart, the two policies would double every later state
  const faults = (make: (i: number) => ScenarioStep): ScenarioStep[] => Array.from({ length: 40 }, (_, i) => make(i));
  const policies = faults((i) => ({ at: `+${i}h`, do: 'setPolicy', user: 'alice', setPhotoEnabled: i % 2 === 0, result: 'unknown' }));
  const signIns = faults((i) => ({ at: `+${i}h`, do: i % 2 === 0 ? 'lyncSignIn' : 'lyncSignOut', user: 'alice', result: 'unknown' }));

  it.each([
    ['a policy change', 'threewill-2014', 1, policies],
    ['a policy change', 'microsoft-2014', 1, policies],
    ['a policy change', 'exchange-2015', 2, policies],
    ['a policy change', 'microsoft-2026', 2, policies],
    ['a Lync sign-in or sign-out', 'microsoft-2024', 1, signIns],
    ['a Lync sign-in or sign-out', 'microsoft-2026', 1, signIns],
  ] as const)('%s of unknown outcome under %s leaves %i Exchange side(s)', (_what, id, sides, steps) => {
    const checker = new ProfileChecker(findProfile(id)!, { start: T0, users: people });
    events(steps).forEach((e, i) => expect(checker.feed(e, i + 2)).toBeUndefined());
    expect(checker.openStates('alice')).toEqual({ exchange: sides, sharepoint: sides, yammer: sides });
  });

  // a burst of ten uploads of different photos, 5 minutes apart, none of known outcome: where
  // Exchange's lag is longer than that (microsoft-2024: an hour), 1,024 possibilities while they
  // land. Past the cap the one where the latest did not happen joins the one where it did (its
  // write may not have landed); a week later, a read of the last photo and then one of the photo
  // before it is a certain divergence
  const burst: ScenarioStep[] = Array.from({ length: 10 }, (_, i) => ({
    at: `+${5 * (i + 1)}m`,
    do: 'setPhoto',
    user: 'alice',
    via: 'graph',
    photo: `p${i + 1}`,
    result: 'unknown',
  }));

  /** After `writes` (p1, p2, ...), a week later: a read of the last photo conforms, then one of the photo before it diverges. */
  function staysDecided(id: string, writes: readonly ScenarioStep[]): void {
    const [last, before] = [`p${writes.length}`, `p${writes.length - 1}`];
    for (const see of ['graph', 'outlook-desktop'] as const) {
      const looks: ScenarioStep[] = [
        { at: '+7d', do: 'restartClient', viewer: 'bob', client: 'outlook-desktop' },
        { at: '+7d1m', see, user: 'alice', viewer: 'bob', photo: last },
        { at: '+7d2m', see, user: 'alice', viewer: 'bob', photo: before },
      ];
      expect(check(id, people, [...writes, ...looks.slice(0, 2)]), see).toEqual({ profile: id, verdict: 'conforms' });
      expect(check(id, people, [...writes, ...looks]), see).toMatchObject({
        verdict: 'diverges',
        divergence: { line: writes.length + 4, allowed: [last] },
      });
    }
  }

  it.each(['threewill-2014', 'microsoft-2014', 'exchange-2015', 'microsoft-2024', 'microsoft-2026'])(
    '%s: stays decided in Exchange after a burst of ten uploads of different photos of unknown outcome',
    (id) => staysDecided(id, burst),
  );

  // the same burst written to on-premises AD: DirSync's bookkeeping (the write it carried last, the
  // latest AD write, the one-time sync) is joined with the store, or the sides never pair
  it.each(['threewill-2014', 'microsoft-2014', 'microsoft-2026'])(
    '%s: stays decided in Exchange after a burst of six AD writes of different photos of unknown outcome',
    (id) =>
      staysDecided(
        id,
        burst.slice(0, 6).map((step) => ({ ...step, via: 'on-prem-ad' }) as ScenarioStep),
      ),
  );

  // twenty uploads of unknown outcome blind the check of alice's SharePoint: her reads go `unknown`;
  // the check goes on, and bob's photo, which her faults cannot explain, is still checked
  // (microsoft-2024 sends the uploads to Exchange, an hour each: slow to reach the cap, left out here)
  it.each(['threewill-2014', 'microsoft-2014', 'exchange-2015', 'microsoft-2026'])(
    "%s: one user's faults do not blind the check of another",
    (id) => {
      const uploads = Array.from({ length: 40 }, (_, i): ScenarioStep => ({
        at: `+${i + 1}m`,
        do: 'setPhoto',
        user: 'alice',
        via: 'sharepoint',
        photo: `p${i + 1}`,
        result: 'unknown',
      }));
      const blinded: ScenarioStep[] = [
        ...uploads,
        { at: '+1h', do: 'visitMySite', user: 'alice', result: 'unknown' },
        { at: '+3h', see: 'sp-newsfeed', user: 'alice', viewer: 'bob', photo: 'p1' },
        { at: '+3h', see: 'sp-search', user: 'alice', viewer: 'bob', photo: 'p2' },
        { at: '+3h', see: 'graph', user: 'alice', viewer: 'bob', photo: 'p3' },
      ];
      const bob: ScenarioStep[] = [
        { at: '+3h1m', do: 'setPhoto', user: 'bob', via: 'graph', photo: 'p5' },
        { at: '+9h', see: 'graph', user: 'bob', viewer: 'alice', photo: 'none' },
      ];
      expect(check(id, people, blinded).verdict).toBe('unknown');
      expect(check(id, people, [...blinded, ...bob])).toMatchObject({
        verdict: 'diverges',
        divergence: { line: uploads.length + 7, allowed: ['p5'] },
      });
    },
  );

  it('microsoft-2026: an AD write just after such a burst races with the latest upload of either joined side', () => {
    const synced = users({ id: 'alice', photo: 'p0', mySite: true, adSynced: true }, { id: 'bob' });
    const ad: ScenarioStep = { at: '+55m', do: 'setPhoto', user: 'alice', via: 'on-prem-ad', photo: 'p11' };
    // p10 did not happen, p9 did, and Exchange kept p9 of its race with the AD write
    for (const photo of ['p9', 'p10', 'p11'])
      expect(
        check('microsoft-2026', synced, [...burst, ad, { at: '+7d', see: 'graph', user: 'alice', viewer: 'bob', photo }]),
        photo,
      ).toEqual({ profile: 'microsoft-2026', verdict: 'conforms' });
  });

  // a burst of retries, as after a timeout: six actions of unknown outcome, each rewriting the photo
  // the store shows; their states differ only in when a copy of the same photo lands
  it.each([
    ['openYammer', { do: 'openYammer', user: 'alice' }],
    ['a Graph upload of the same photo', { do: 'setPhoto', user: 'alice', via: 'graph', photo: 'p1' }],
    ['an AD write of the same photo', { do: 'setPhoto', user: 'alice', via: 'on-prem-ad', photo: 'p1' }],
  ] as const)('stays decided after a burst of six %s of unknown outcome', (_what, action) => {
    const burst: ScenarioStep[] = Array.from({ length: 6 }, (_, i) => ({ ...action, at: `+${5 * (i + 1)}m`, result: 'unknown' }));
    for (const profile of PROFILES) {
      for (const see of ['graph', 'yammer', 'sp-newsfeed'] as const) {
        const v = check(profile.id, people, [...burst, { at: '+35m', see, user: 'alice', viewer: 'bob', photo: 'p999' }]);
        expect(v.verdict, `${profile.id} ${see}`).toBe('diverges');
      }
    }
  });
});

// SPEC section 4: "A rejected action changes nothing": a refusal diverges only where a rule gives the
// action an effect that the refusal denies, and the divergence cites that rule
describe('an action refused where no rule refuses it', () => {
  const people = users({ id: 'alice', photo: 'p0' }, { id: 'bob' });
  const graph = (at: string, photo: string): ScenarioStep => ({ at, see: 'graph', user: 'alice', viewer: 'bob', photo });
  const refused = (a: Record<string, unknown>): ScenarioStep => ({ ...a, at: '+0s', result: 'rejected' }) as ScenarioStep;

  it.each<[string, string, Record<string, unknown>]>([
    ['a Lync sign-in, where Skype for Business is retired', 'microsoft-2024', { do: 'lyncSignIn', user: 'alice' }],
    ['a Lync sign-out, where Skype for Business is retired', 'microsoft-2026', { do: 'lyncSignOut', user: 'alice' }],
    ['a restart of Lync, which empties no cache', 'threewill-2014', { do: 'restartClient', viewer: 'bob', client: 'lync' }],
    ['a restart of Teams, where there is no Teams', 'exchange-2015', { do: 'restartClient', viewer: 'bob', client: 'teams' }],
    ['an opening of Viva Engage, where nothing syncs it', 'threewill-2014', { do: 'openYammer', user: 'alice' }],
    ['an OWA policy change, where no policy rule reads it', 'microsoft-2014', { do: 'setPolicy', user: 'alice', setPhotoEnabled: false }],
    ['a change of the photo settings, without PHOTO-SOURCE', 'microsoft-2024', { do: 'setPhotoSettings', source: 'cloud' }],
  ])('conforms for %s (%s): it changes nothing, refused or not', (_what, profile, action) => {
    expect(check(profile, people, [refused(action), graph('+1m', 'p0')])).toEqual({ profile, verdict: 'conforms' });
    // and what was seen is still checked after it
    expect(check(profile, people, [refused(action), graph('+1m', 'p1')])).toMatchObject({ verdict: 'diverges', divergence: { line: 3 } });
    const checker = new ProfileChecker(
      PROFILES.find((p) => p.id === profile)!,
      { start: T0, users: people },
    );
    expect(checker.resultsFor({ ...action, at: T0 } as Action & { at: number })).toEqual(expect.arrayContaining(['ok', 'rejected']));
  });

  it.each<[string, string, Record<string, unknown>, string]>([
    ['a restart of Outlook', 'threewill-2014', { do: 'restartClient', viewer: 'bob', client: 'outlook-desktop' }, 'OUTLOOK-CACHE'],
    ['a restart of Teams', 'microsoft-2026', { do: 'restartClient', viewer: 'bob', client: 'teams' }, 'TEAMS-CACHE'],
    ['a browser cache emptied', 'microsoft-2024', { do: 'clearBrowserCache', viewer: 'bob' }, 'SP-BROWSER-CACHE'],
    ['a Lync sign-in, where Lync shows presence', 'threewill-2014', { do: 'lyncSignIn', user: 'alice' }, 'LYNC-PRESENCE'],
    ['an opening of Viva Engage that syncs it', 'microsoft-2024', { do: 'openYammer', user: 'alice' }, 'YAMMER-FROM-ENTRA'],
    ['an OWA policy change', 'exchange-2015', { do: 'setPolicy', user: 'alice', setPhotoEnabled: false }, 'PHOTO-POLICY'],
    ['a change of the photo settings', 'microsoft-2026', { do: 'setPhotoSettings', source: 'cloud' }, 'PHOTO-SOURCE'],
    ['a photo set through Graph', 'microsoft-2026', { do: 'setPhoto', user: 'alice', via: 'graph', photo: 'p1' }, 'EXO-FAST'],
  ])('diverges at its line for %s (%s), citing the rule that gives it an effect', (_what, profile, action, rule) => {
    expect(check(profile, people, [refused(action), graph('+1m', 'p0')])).toMatchObject({
      verdict: 'diverges',
      divergence: { line: 2, allowed: ['ok'], rules: expect.arrayContaining([rule]) },
    });
  });
});

describe('SP-SYNC-WINDOW: arrivals followed for one push', () => {
  // A simulated tenant's long run under exchange-2015 (shrunk to these lines): changes made
  // milliseconds apart, each of which may have been the arrival that moved the push ending a
  // no-stick window, and each such arrival followed by as many again. The states grew as a power of
  // their number, and the check of line 18 ran out of stack.
  it('stay bounded for changes made milliseconds apart: past the bound the rest are dropped, as past the cap, and other parts still decide', () => {
    const steps: ScenarioStep[] = [
      { at: '+10d6h32m41s954ms', do: 'removePhoto', user: 'alice', via: 'graph' },
      setPhoto('+10d6h32m41s956ms', 'graph', 'p0', 'ok', 50000),
      setPhoto('+10d6h33m21s552ms', 'sharepoint', 'p1', 'ok', 4194305),
      { at: '+14d10h3m19s641ms', do: 'removePhoto', user: 'alice', via: 'graph' },
      setPhoto('+17d11h9m50s655ms', 'graph', 'p2', 'ok', 4194305),
      { at: '+18d15h37m35s528ms', do: 'removePhoto', user: 'alice', via: 'graph' },
      { at: '+18d15h37m35s530ms', do: 'removePhoto', user: 'alice', via: 'graph' },
      setPhoto('+18d18h37m35s532ms', 'outlook-desktop', 'p0', 'ok', 10240),
      setPhoto('+18d18h37m35s535ms', 'graph', 'p2', 'ok'),
      { at: '+18d18h37m35s536ms', do: 'removePhoto', user: 'alice', via: 'graph' },
      setPhoto('+18d18h48m35s535ms', 'outlook-web', 'p4', 'ok', 50000),
      { at: '+18d18h50m5s534ms', do: 'removePhoto', user: 'alice', via: 'admin-cmdlet' },
      setPhoto('+18d18h50m5s536ms', 'outlook-desktop', 'p3', 'ok', 10240),
      setPhoto('+18d19h17m34s569ms', 'outlook-web', 'p0', 'ok', 1000),
      setPhoto('+18d19h19m34s571ms', 'graph', 'p2', 'ok', 4194304),
      setPhoto('+18d19h19m34s573ms', 'graph', 'p0', 'ok', 1000),
      { at: '+21d22h1m6s542ms', see: 'lync', user: 'alice', viewer: 'dave', photo: 'none' },
    ];
    const checker = new ProfileChecker(findProfile('exchange-2015')!, {
      start: T0,
      users: users({ id: 'alice', photo: 'p4', mySite: true, lync: 'online', adSynced: true }),
    });
    const trace = events(steps);
    for (let i = 0; i < trace.length && checker.feed(trace[i]!, i + 2) === undefined; i++);
    // the read of Lync is of Exchange, which no drop of SharePoint states touches: certain
    expect(checker.finish()).toMatchObject({
      verdict: 'diverges',
      divergence: { line: 18, allowed: ['p0'], rules: ['EXO-FAST', 'LYNC-PRESENCE'] },
    });
    expect(checker.caps.sharepoint).toBeGreaterThan(0);
    expect(checker.caps.exchange).toBe(0);
  });
});

import { closeSync, mkdirSync, openSync, renameSync, writeSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { ProfileChecker } from '../model/ProfileChecker.js';
import type { Profile } from '../model/Profile.js';
import { PROFILES, findProfile } from '../model/profiles.js';
import { profileScope } from '../model/profileScope.js';
import {
  CLIENTS,
  SURFACES,
  UNKNOWN,
  VIAS,
  defaultUser,
  type Action,
  type ActionEvent,
  type ActionKind,
  type ActionResult,
  type ObservationEvent,
  type Photo,
  type Surface,
  type Via,
} from '../model/vocabulary.js';
import { Prng } from './Prng.js';

export type GenerateOptions = {
  path: string;
  events: number;
  users: number;
  seed: number;
  /** the profiles the trace is made to conform to; default: all five */
  conform?: readonly Profile[];
  /** how many actions (at most one per user) may have a result the profiles disagree on, recorded `unknown` */
  disagreed?: number;
  /**
   * `guarded` (default): 2.5% of actions drawn as faults, only of the kinds and photos whose two
   * outcomes a later observation can tell apart (see `faultable`), each photo change probed by Graph.
   * `every-kind`: 1% of actions of every kind, as drawn, with no probe: the faults of a live campaign.
   */
  faults?: FaultMode;
};

export type FaultMode = 'guarded' | 'every-kind';
export const FAULT_MODES: readonly FaultMode[] = ['guarded', 'every-kind'];

export type GenerateStats = {
  seed: number;
  users: number;
  events: number;
  lines: number;
  bytes: number;
  span: { start: string; end: string };
  observations: number;
  /** `photo: "unknown"` observations: drawn as faults, or because the profiles share no allowed value */
  unknownObservations: { fault: number; noCommonValue: number };
  noCommonValueBySurface: { [S in Surface]?: number };
  actions: { [K in ActionKind]?: number };
  setPhotoVias: { [V in Via]?: number };
  results: { [R in ActionResult]: number };
  /** actions scheduled by an earlier one (an Edit-Cancel a few minutes after a photo change) */
  followUps: number;
  /** Graph observations made after a photo change of unknown outcome, to learn whether it took effect */
  probes: number;
  /** `unknown` results forced because the profiles disagree on whether the action is rejected */
  disagreedResults: number;
  faultMode: FaultMode;
  /** actions drawn as faults (recorded `unknown`), by kind; the disagreed results are not among them */
  faultedActions: { [K in ActionKind]?: number };
  /** of the faulted actions, how many really took effect (the coin) */
  faultsTookEffect: number;
  conform: string[];
  /** surfaces and vias left out because a profile to conform to does not have them */
  omitted: { surfaces: Surface[]; vias: Via[] };
  seconds: number;
};

/** An event due later: an action an earlier one called for, or a Graph probe of a user's photo. */
type FollowUp = { at: number; action: Action } | { at: number; probe: string };

export const TRACE_START = '2014-04-01T09:00:00Z';
export const PHOTO_POOL = 10;

const OBSERVATION_SHARE = 0.72;
const FAULT_OBSERVATION = 0.01;
/** the share of actions drawn as faults, by mode */
const FAULT_ACTION: { readonly [M in FaultMode]: number } = { guarded: 0.025, 'every-kind': 0.01 };
const LOCALITY = 0.5;
const DISAGREED = 24;
const EDIT_CANCEL_AFTER_SET = 0.5;
const RECENT = 8;

const ACTION_WEIGHTS: readonly (readonly [ActionKind, number])[] = [
  ['setPhoto', 24],
  ['removePhoto', 3],
  ['visitMySite', 12],
  ['editCancel', 4],
  ['lyncSignIn', 7],
  ['lyncSignOut', 7],
  ['restartClient', 10],
  ['clearBrowserCache', 8],
  ['openYammer', 6],
  ['setPolicy', 4],
  ['wait', 8],
  ['setPhotoSettings', 0.5],
];

const VIA_WEIGHTS: readonly (readonly [Via, number])[] = [
  ['sharepoint', 20],
  ['outlook-web', 20],
  ['outlook-desktop', 10],
  ['graph', 15],
  ['on-prem-ad', 4],
  ['lync', 5],
  ['teams', 5],
  ['admin-cmdlet', 2],
  ['yammer', 2],
];

const SURFACE_WEIGHTS: readonly (readonly [Surface, number])[] = SURFACES.map((s) => [s, s === 'yammer' ? 0.3 : 1]);

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/**
 * Writes a deterministic, realistic trace of `events` events about `users` users to `path`,
 * streaming (it never holds more than about a megabyte of text).
 *
 * The generator plays the tenant: for each profile of `conform` it keeps a checker fed with what
 * "really" happened (an action of unknown outcome took effect or not, by a coin flip; an action a
 * profile rejects did not), and every observed photo is one that all these checkers allow at that
 * point. A checker of the trace itself, which must keep both outcomes of each unknown action open,
 * therefore conforms on every line, and observations prune the possibilities that did not happen.
 * Where the profiles share no allowed value the observation is recorded as `unknown`; where they
 * disagree on whether an action is rejected its result is `unknown`. Faults (`faults`) add actions
 * of unknown outcome: the guarded ones the old checker could bear, or 1% of every kind.
 */
export function generateTrace(options: GenerateOptions): GenerateStats {
  const began = performance.now();
  const rng = new Prng(options.seed);
  const conform = options.conform ?? PROFILES;
  const faultMode = options.faults ?? 'guarded';
  const guarded = faultMode === 'guarded';
  const { surfaces, vias, omitted } = commonVocabulary(conform);
  const viaWeights = VIA_WEIGHTS.filter(([v]) => vias.includes(v));
  const surfaceWeights = SURFACE_WEIGHTS.filter(([s]) => surfaces.includes(s));

  const width = Math.max(3, String(options.users - 1).length);
  const ids = Array.from({ length: options.users }, (_, i) => `u${String(i).padStart(width, '0')}`);
  const headerUsers = ids.map((id) => {
    const u: { id: string; photo?: Photo; mySite?: boolean; lync?: 'online' } = { id };
    if (rng.chance(0.6)) u.photo = `p${rng.int(PHOTO_POOL)}`;
    if (rng.chance(0.4)) u.mySite = true;
    if (rng.chance(0.3)) u.lync = 'online';
    return u;
  });
  const start = Date.parse(TRACE_START);
  const header = {
    format: 'photosync-trace',
    version: 1,
    start: TRACE_START,
    users: headerUsers,
    generator: {
      name: 'photosync-bench',
      seed: options.seed,
      users: options.users,
      events: options.events,
      conform: conform.map((p) => p.id),
      ...(guarded ? {} : { faults: faultMode }),
    },
  };
  const truths = conform.map((p) => new ProfileChecker(p, { start, users: headerUsers.map((u) => ({ ...defaultUser(u.id), ...u })) }));

  const stats: GenerateStats = {
    seed: options.seed,
    users: options.users,
    events: options.events,
    lines: 1 + options.events,
    bytes: 0,
    span: { start: TRACE_START, end: TRACE_START },
    observations: 0,
    unknownObservations: { fault: 0, noCommonValue: 0 },
    noCommonValueBySurface: {},
    actions: {},
    setPhotoVias: {},
    results: { ok: 0, rejected: 0, unknown: 0 },
    followUps: 0,
    probes: 0,
    disagreedResults: 0,
    faultMode,
    faultedActions: {},
    faultsTookEffect: 0,
    conform: conform.map((p) => p.id),
    omitted,
    seconds: 0,
  };

  mkdirSync(dirname(options.path), { recursive: true });
  const tmp = `${options.path}.tmp`;
  const out = new ChunkedWriter(tmp);
  out.line(JSON.stringify(header));

  const policy = new Map<string, boolean>(ids.map((id) => [id, true]));
  let disagreedLeft = options.disagreed ?? DISAGREED;
  const disagreedUsers = new Set<string>();
  const recent: string[] = [];
  const followUps: FollowUp[] = [];
  const schedule = (f: FollowUp): void => {
    followUps.splice(followUps.findIndex((g) => g.at > f.at) >>> 0, 0, f);
  };
  // guarded faults: a user whose photo change has an unknown outcome gets no other change until a
  // Graph probe after the longest exoLag tells whether it took effect (else a later change would mask it)
  const blocked = new Set<string>();
  const probeAfter = Math.max(...conform.map((p) => p.params.exoLag ?? 0));
  const changeable = (): string | undefined => {
    for (let i = 0; i < 5; i++) {
      const u = subject();
      if (!blocked.has(u)) return u;
    }
    const free = ids.filter((id) => !blocked.has(id));
    return free.length > 0 ? rng.pick(free) : undefined;
  };
  let clock = start;
  let isoAt = -1;
  let iso = TRACE_START;
  const isoOf = (t: number): string => {
    if (t !== isoAt) {
      isoAt = t;
      iso = `${new Date(t).toISOString().slice(0, 19)}Z`;
    }
    return iso;
  };
  const subject = (): string => (recent.length > 0 && rng.chance(LOCALITY) ? rng.pick(recent) : rng.pick(ids));

  for (let n = 0; n < options.events; n++) {
    const line = n + 2;
    if (!rng.chance(0.3)) clock += rng.between(1, 60) * SECOND;
    const at = clock;

    const follow = followUps.length > 0 && followUps[0]!.at <= at ? followUps.shift() : undefined;
    const probe = follow !== undefined && 'probe' in follow ? follow.probe : undefined;
    const due = follow !== undefined && 'action' in follow ? follow.action : undefined;
    if (probe !== undefined || (due === undefined && rng.chance(OBSERVATION_SHARE))) {
      const see = probe !== undefined ? 'graph' : rng.weighted(surfaceWeights);
      const user = probe ?? subject();
      let viewer = see === 'sp-mysite' && rng.chance(0.5) ? user : rng.pick(ids);
      let photo: Photo = UNKNOWN;
      if (probe !== undefined) {
        blocked.delete(probe);
        stats.probes++;
      }
      if (probe === undefined && rng.chance(FAULT_OBSERVATION)) {
        stats.unknownObservations.fault++;
        if (see === 'sp-mysite' && viewer === user) viewer = rng.pick(ids.filter((id) => id !== user));
      } else {
        const common = commonAllowed(truths.map((c) => c.allowedFor({ at, see, user, viewer })));
        if (common.length > 0) photo = rng.pick(common);
        else {
          // an unseen visit leaves both "visited" and "not visited" open: let someone else look
          if (see === 'sp-mysite' && viewer === user) viewer = rng.pick(ids.filter((id) => id !== user));
          stats.unknownObservations.noCommonValue++;
          stats.noCommonValueBySurface[see] = (stats.noCommonValueBySurface[see] ?? 0) + 1;
        }
      }
      if (photo !== UNKNOWN) {
        const event: ObservationEvent = { at, see, user, viewer, photo };
        for (const c of truths) c.feed(event, line);
      } else if (see === 'sp-mysite' && viewer === user && rng.chance(0.5)) {
        // the observation failed, but the subject did open their My Site
        const visit: ActionEvent = { do: 'visitMySite', user, at, result: 'ok' };
        for (const c of truths) c.feed(visit, line);
      }
      out.line(JSON.stringify({ at: isoOf(at), see, user, viewer, photo }));
      stats.observations++;
      continue;
    }

    let kind = due?.do ?? rng.weighted(ACTION_WEIGHTS);
    const changing = kind === 'setPhoto' || kind === 'removePhoto' ? changeable() : undefined;
    if ((kind === 'setPhoto' || kind === 'removePhoto') && changing === undefined) kind = 'wait';
    let action: Action;
    if (due !== undefined) {
      action = due;
      stats.followUps++;
    } else
      switch (kind) {
        case 'setPhoto': {
          const user = changing!;
          let via = rng.weighted(viaWeights);
          const photo = `p${rng.int(PHOTO_POOL)}`;
          action = setPhoto(rng, user, via, photo);
          // where the profiles disagree on a rejection the result must be `unknown`, which leaves two
          // possibilities open that observations may never tell apart (the checker then carries both
          // to the end): a few in the whole trace, so that every path appears, else the admin's path
          if (disagree(rejectedBy(truths, action, clock))) {
            if (disagreedLeft > 0 && !disagreedUsers.has(user)) {
              disagreedLeft--;
              disagreedUsers.add(user);
            } else {
              via = 'graph';
              action = setPhoto(rng, user, via, photo);
            }
          }
          stats.setPhotoVias[via] = (stats.setPhotoVias[via] ?? 0) + 1;
          // the administrator's habit (TW14): Edit-Cancel in SharePoint a few minutes later to force the sync
          if (via !== 'yammer' && rng.chance(EDIT_CANCEL_AFTER_SET)) {
            schedule({ at: clock + rng.between(2, 30) * MINUTE, action: { do: 'editCancel', user } });
          }
          remember(recent, user);
          break;
        }
        case 'removePhoto': {
          const user = changing!;
          action = { do: 'removePhoto', user, via: 'graph' };
          remember(recent, user);
          break;
        }
        case 'visitMySite':
        case 'editCancel':
        case 'lyncSignIn':
        case 'lyncSignOut':
        case 'openYammer': {
          const user = subject();
          action = { do: kind, user };
          remember(recent, user);
          break;
        }
        case 'setPolicy': {
          const user = subject();
          action = { do: 'setPolicy', user, setPhotoEnabled: policy.get(user) ? !rng.chance(0.3) : rng.chance(0.8) };
          break;
        }
        case 'restartClient':
          action = { do: 'restartClient', viewer: rng.pick(ids), client: rng.pick(CLIENTS) };
          break;
        case 'clearBrowserCache':
          action = { do: 'clearBrowserCache', viewer: rng.pick(ids) };
          break;
        case 'wait':
          action = { do: 'wait', ms: waitMs(rng) };
          break;
        case 'setPhotoSettings':
          // the tenant's settings as they are: a change of them would make microsoft-2026 refuse what the others take
          action = { do: 'setPhotoSettings', source: 'unset', allowedRoles: [] };
          break;
      }

    const rejected = rejectedBy(truths, action, at);
    let result: ActionResult;
    let faulted = false;
    if (disagree(rejected)) {
      result = 'unknown';
      stats.disagreedResults++;
    } else {
      // every-kind: the fault falls on the action as drawn, whatever its kind and photo
      const fault: Action | undefined = rng.chance(FAULT_ACTION[faultMode])
        ? guarded
          ? faultable(action, truths, at, rng)
          : action
        : undefined;
      if (fault !== undefined) {
        action = fault;
        faulted = true;
        stats.faultedActions[kind] = (stats.faultedActions[kind] ?? 0) + 1;
      }
      result = fault !== undefined ? 'unknown' : rejected[0] ? 'rejected' : 'ok';
    }
    if (
      guarded &&
      result === 'unknown' &&
      (action.do === 'setPhoto' || action.do === 'removePhoto') &&
      action.via !== 'yammer' &&
      action.via !== 'on-prem-ad'
    ) {
      blocked.add(action.user);
      schedule({ at: at + probeAfter + rng.between(1, 10) * MINUTE, probe: action.user });
    }
    // what really happened: an unknown outcome is settled by a coin; a rejected action does nothing
    const tookEffect = result === 'ok' || (result === 'unknown' && rng.chance(0.5));
    if (faulted && tookEffect) stats.faultsTookEffect++;
    if (tookEffect) {
      const event = { ...action, at, result: 'ok' } as ActionEvent;
      truths.forEach((c, i) => {
        if (!rejected[i]) c.feed(event, line);
      });
      if (action.do === 'setPolicy') policy.set(action.user, action.setPhotoEnabled);
    }
    out.line(JSON.stringify(result === 'ok' ? { at: isoOf(at), ...action } : { at: isoOf(at), ...action, result }));
    stats.actions[kind] = (stats.actions[kind] ?? 0) + 1;
    stats.results[result]++;
    if (action.do === 'wait') clock += action.ms;
  }

  stats.bytes = out.close();
  renameSync(tmp, options.path);
  stats.span.end = isoOf(clock);
  const lost = truths.map((c) => c.finish()).filter((v) => v.verdict !== 'conforms');
  if (lost.length > 0)
    throw new Error(`generator bug: the tenant's own history does not conform to ${lost.map((v) => v.profile).join(', ')}`);
  stats.seconds = (performance.now() - began) / 1000;
  return stats;
}

/** The surfaces and vias that every profile of `profiles` has (SPEC section 4: lync, teams, delve). */
export function commonVocabulary(profiles: readonly Profile[]): {
  surfaces: Surface[];
  vias: Via[];
  omitted: { surfaces: Surface[]; vias: Via[] };
} {
  const scopes = profiles.map(profileScope);
  const surfaces = SURFACES.filter((s) => scopes.every((scope) => scope.surfaces.includes(s)));
  const vias = VIAS.filter((v) => scopes.every((scope) => scope.vias.includes(v)));
  return {
    surfaces,
    vias,
    omitted: { surfaces: SURFACES.filter((s) => !surfaces.includes(s)), vias: VIAS.filter((v) => !vias.includes(v)) },
  };
}

function setPhoto(rng: Prng, user: string, via: Via, photo: Photo): Action {
  switch (via) {
    case 'on-prem-ad':
      return { do: 'setPhoto', user, via, photo, by: 'admin', bytes: rng.between(2_000, 12_000) };
    case 'admin-cmdlet':
      return rng.chance(0.5)
        ? { do: 'setPhoto', user, via, photo, by: 'admin', bytes: rng.between(2_000, 20_000) }
        : { do: 'setPhoto', user, via, photo };
    case 'graph':
      return rng.chance(0.5)
        ? { do: 'setPhoto', user, via, photo, bytes: rng.between(10_000, 3_000_000) }
        : { do: 'setPhoto', user, via, photo };
    default:
      return { do: 'setPhoto', user, via, photo };
  }
}

/** For each profile: does it surely reject the action, were it the next event? */
function rejectedBy(truths: readonly ProfileChecker[], action: Action, at: number): boolean[] {
  return truths.map((c) => !c.resultsFor({ ...action, at }).includes('ok'));
}

const POOL = Array.from({ length: PHOTO_POOL }, (_, i) => `p${i}`);

/**
 * A guarded fault: the action as it may be recorded with result `unknown`, or undefined where no fault fits.
 * A fault leaves two possibilities open, and the checker carries both until an observation tells
 * them apart; so a photo change is made to a photo that Exchange does not hold now (Graph then
 * shows which), and the actions whose two outcomes leave SharePoint, Yammer or AD histories that no
 * observation may ever tell apart (a visit, Edit-Cancel, openYammer, an AD write) are not faulted.
 */
function faultable(action: Action, truths: readonly ProfileChecker[], at: number, rng: Prng): Action | undefined {
  switch (action.do) {
    case 'setPhoto':
    case 'removePhoto': {
      if (action.via === 'on-prem-ad' || action.via === 'yammer') return undefined;
      const held = new Set(truths.flatMap((c) => c.allowedFor({ at, see: 'graph', user: action.user, viewer: action.user })));
      if (action.do === 'removePhoto') return held.has('none') ? undefined : action;
      const others = POOL.filter((p) => !held.has(p));
      if (others.length === 0) return undefined;
      return held.has(action.photo) ? { ...action, photo: rng.pick(others) } : action;
    }
    case 'lyncSignIn':
    case 'lyncSignOut':
    case 'setPolicy':
    case 'restartClient':
    case 'clearBrowserCache':
    case 'wait':
    case 'setPhotoSettings':
      return action;
    case 'visitMySite':
    case 'editCancel':
    case 'openYammer':
      return undefined;
  }
}

function disagree(rejected: readonly boolean[]): boolean {
  return rejected.includes(true) && rejected.includes(false);
}

function commonAllowed(lists: readonly Photo[][]): Photo[] {
  let common = lists[0] ?? [];
  for (let i = 1; i < lists.length; i++) {
    const other = lists[i]!;
    common = common.filter((p) => other.includes(p));
  }
  return common;
}

function remember(recent: string[], user: string): void {
  if (recent.includes(user)) return;
  recent.push(user);
  if (recent.length > RECENT) recent.shift();
}

/** Mostly minutes, sometimes hours, rarely days: long enough now and then to close every window. */
function waitMs(rng: Prng): number {
  const r = rng.next();
  if (r < 0.7) return rng.between(1, 10) * MINUTE;
  if (r < 0.95) return rng.between(10, 120) * MINUTE;
  if (r < 0.99) return rng.between(3, 12) * HOUR;
  return rng.between(24, 80) * HOUR;
}

/** Appends lines to a file a megabyte at a time. */
class ChunkedWriter {
  private readonly fd: number;
  private buffer = '';
  private bytes = 0;

  constructor(path: string) {
    this.fd = openSync(path, 'w');
  }

  line(text: string): void {
    this.buffer += `${text}\n`;
    if (this.buffer.length >= 1 << 20) this.flush();
  }

  /** Flushes and closes; returns the bytes written. */
  close(): number {
    this.flush();
    closeSync(this.fd);
    return this.bytes;
  }

  private flush(): void {
    if (this.buffer === '') return;
    this.bytes += writeSync(this.fd, this.buffer);
    this.buffer = '';
  }
}

export function traceFileName(o: { events: number; users: number; seed: number; conform: readonly string[]; faults?: FaultMode }): string {
  const target = o.conform.length === PROFILES.length ? 'all' : o.conform.join('+');
  const faults = o.faults === undefined || o.faults === 'guarded' ? '' : `-faults-${o.faults}`;
  return `trace-e${o.events}-u${o.users}-s${o.seed}-${target}${faults}.jsonl`;
}

/** `node dist/bench/generateTrace.js [--events N] [--users N] [--seed S] [--conform ID,ID] [--faults guarded|every-kind] [--out FILE]` */
function cli(): void {
  const { values } = parseArgs({
    options: {
      events: { type: 'string', default: '1000000' },
      users: { type: 'string', default: '100' },
      seed: { type: 'string', default: '1' },
      conform: { type: 'string', default: 'all' },
      out: { type: 'string' },
      disagreed: { type: 'string', default: String(DISAGREED) },
      faults: { type: 'string', default: 'guarded' },
    },
  });
  const faults = FAULT_MODES.find((m) => m === values.faults);
  if (faults === undefined) throw new Error(`--faults takes one of ${FAULT_MODES.join(', ')}, not ${JSON.stringify(values.faults)}`);
  const conform = values.conform === 'all' ? PROFILES : values.conform.split(',').map(profileNamed);
  const events = Number(values.events);
  const users = Number(values.users);
  const seed = Number(values.seed);
  const path = resolve(values.out ?? `bench/out/${traceFileName({ events, users, seed, conform: conform.map((p) => p.id), faults })}`);
  const stats = generateTrace({ path, events, users, seed, conform, disagreed: Number(values.disagreed), faults });
  process.stdout.write(`${path}\n${JSON.stringify(stats, null, 2)}\n`);
}

function profileNamed(id: string): Profile {
  const p = findProfile(id);
  if (p === undefined) throw new Error(`unknown profile ${id} (expected one of ${PROFILES.map((q) => q.id).join(', ')})`);
  return p;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) cli();

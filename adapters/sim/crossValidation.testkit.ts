import fc from 'fast-check';
import { DAY, HOUR, MINUTE, SECOND, type ParamName } from '../../model/Params.js';
import type { Profile } from '../../model/Profile.js';
import { ProfileChecker, type TraceStart } from '../../model/ProfileChecker.js';
import type { Verdict } from '../../model/Verdict.js';
import {
  CLIENTS,
  REMOVE_VIAS,
  defaultUser,
  type Action,
  type ActionKind,
  type Photo,
  type Surface,
  type TraceEvent,
  type UserInit,
  type Via,
} from '../../model/vocabulary.js';
import type { Capabilities } from '../Adapter.js';
import { capabilitiesOf, createSimTenant, DEFAULT_START } from './SimTenant.js';
import { tenantBehaviour } from './TenantBehaviour.js';
import { TraceRecorder } from '../../harness/TraceRecorder.js';

/** Test helper: random runs of the simulated tenant, recorded as traces (SPEC section 2) and checked by the model. */

export const PHOTOS = ['p0', 'p1', 'p2', 'p3', 'p4', 'p5'] as const;
const SUBJECTS = ['alice', 'bob', 'carol'] as const;
const OUTSIDERS = ['dave', 'erin'] as const;

/**
 * One step of a run: an action (a `wait` lets time pass), a look at a surface, or a wait until just
 * inside or just outside a window opened by the `back`-th latest action (recorded as a `wait`).
 */
export type Step =
  | { kind: 'act'; action: Action }
  | { kind: 'see'; see: Surface; user: string; viewer: string }
  | { kind: 'until'; back: number; window: number; delta: number };
export type Plan = { users: UserInit[]; steps: Step[]; seed: number };

/** The durations a profile's windows are made of, and their sums that matter. */
export function windowsOf(p: Profile): number[] {
  const param = (n: ParamName) => p.params[n];
  const out = new Set<number>([24 * HOUR, 72 * HOUR]);
  for (const v of Object.values(p.params)) if (v !== undefined) out.add(v);
  const sum = (a: ParamName, b: ParamName) => {
    const x = param(a);
    const y = param(b);
    if (x !== undefined && y !== undefined) out.add(x + y);
  };
  sum('exoLag', 'owaCache');
  sum('exoLag', 'lyncLag');
  sum('dirSyncInterval', 'exoLag');
  sum('spThrottle', 'spPickup');
  sum('spSync', 'spPickup');
  sum('exoLag', 'yammerSync');
  return [...out].sort((a, b) => a - b);
}

/** Just inside or just outside a window's end. */
const DELTAS = [-MINUTE, -SECOND, -1, 0, 1, SECOND, MINUTE];

/** A wait just inside or just outside one of the profile's windows, or an ordinary pause. */
export function waitArb(p: Profile): fc.Arbitrary<number> {
  const nearWindow = fc.tuple(fc.constantFrom(...windowsOf(p)), fc.constantFrom(...DELTAS)).map(([w, d]) => Math.max(0, w + d));
  return fc.oneof(
    { weight: 2, arbitrary: fc.integer({ min: 0, max: 59 * SECOND }) },
    { weight: 2, arbitrary: fc.integer({ min: MINUTE, max: 3 * HOUR }) },
    { weight: 1, arbitrary: fc.integer({ min: 3 * HOUR, max: 4 * DAY }) },
    { weight: 4, arbitrary: nearWindow },
  );
}

/** What one run uses: a random part of what the tenant offers, so that the parts it uses meet often (swarm testing). */
type Swarm = { vias: Via[]; surfaces: Surface[]; kinds: ActionKind[]; subjects: string[]; viewers: string[] };

function subsetArb<T>(xs: readonly T[]): fc.Arbitrary<T[]> {
  // half the runs use everything; the others a random non-empty part
  return fc.option(fc.subarray([...xs], { minLength: 1 }), { nil: undefined, freq: 2 }).map((ys) => [...(ys ?? xs)]);
}

function swarmArb(caps: Capabilities): fc.Arbitrary<Swarm> {
  return fc
    .record({
      vias: subsetArb(caps.vias),
      surfaces: subsetArb(caps.surfaces),
      kinds: subsetArb(caps.actions.filter((k) => k !== 'wait')),
      n: fc.integer({ min: 1, max: SUBJECTS.length }),
      outsiders: fc.integer({ min: 0, max: OUTSIDERS.length }),
    })
    .map(({ vias, surfaces, kinds, n, outsiders }) => {
      const subjects = SUBJECTS.slice(0, n);
      return { vias, surfaces, kinds, subjects, viewers: [...subjects, ...OUTSIDERS.slice(0, outsiders)] };
    });
}

/** Weights of the action kinds: photo changes most, then what moves photos between stores. */
const WEIGHT: { readonly [K in Exclude<ActionKind, 'wait'>]: number } = {
  setPhoto: 12,
  removePhoto: 2,
  visitMySite: 3,
  editCancel: 2,
  lyncSignIn: 1,
  lyncSignOut: 1,
  restartClient: 2,
  clearBrowserCache: 1,
  openYammer: 2,
  setPolicy: 1,
};

function actionArb(caps: Capabilities, swarm: Swarm): fc.Arbitrary<Action> {
  const user = fc.constantFrom(...swarm.subjects);
  const viewer = fc.constantFrom(...swarm.viewers);
  const bytes = fc.option(fc.constantFrom(1_000, 10_240, 10_241, 50_000, 4 * 1024 * 1024, 4 * 1024 * 1024 + 1), { nil: undefined });
  const by = fc.option(fc.constantFrom(...swarm.subjects, 'admin'), { nil: undefined });
  const clients = CLIENTS.filter((c) => c === 'outlook-desktop' || caps.surfaces.includes(c));
  const arbs: { readonly [K in Exclude<ActionKind, 'wait'>]: fc.Arbitrary<Action> } = {
    setPhoto: fc
      .record({ user, photo: fc.constantFrom(...PHOTOS), via: fc.constantFrom(...swarm.vias), by, bytes })
      .map(({ user, photo, via, by, bytes }): Action => {
        const a: Action = { do: 'setPhoto', user, photo, via };
        if (by !== undefined && via === 'admin-cmdlet') a.by = by;
        if (bytes !== undefined) a.bytes = bytes;
        return a;
      }),
    removePhoto: fc.record({ do: fc.constant('removePhoto' as const), user, via: fc.constantFrom(...REMOVE_VIAS) }),
    visitMySite: fc.record({ do: fc.constant('visitMySite' as const), user }),
    editCancel: fc.record({ do: fc.constant('editCancel' as const), user }),
    lyncSignIn: fc.record({ do: fc.constant('lyncSignIn' as const), user }),
    lyncSignOut: fc.record({ do: fc.constant('lyncSignOut' as const), user }),
    restartClient: fc.record({ do: fc.constant('restartClient' as const), viewer, client: fc.constantFrom(...clients) }),
    clearBrowserCache: fc.record({ do: fc.constant('clearBrowserCache' as const), viewer }),
    openYammer: fc.record({ do: fc.constant('openYammer' as const), user }),
    setPolicy: fc.record({ do: fc.constant('setPolicy' as const), user, setPhotoEnabled: fc.boolean() }),
  };
  const kinds = swarm.kinds.filter((k): k is Exclude<ActionKind, 'wait'> => k !== 'wait');
  return fc.oneof(...kinds.map((k) => ({ weight: WEIGHT[k], arbitrary: arbs[k] })));
}

/** Random runs for a profile: 1-3 subjects, a few outsiders, actions, looks and waits biased to its windows. */
export function planArb(p: Profile, maxSteps: number): fc.Arbitrary<Plan> {
  const caps = capabilitiesOf(tenantBehaviour(p.id));
  return swarmArb(caps).chain((swarm) => {
    const userInit = (id: string) =>
      fc
        .record({
          photo: fc.constantFrom<Photo>(...PHOTOS, 'none'),
          mySite: fc.boolean(),
          lync: fc.constantFrom('online' as const, 'offline' as const),
          setPhotoEnabled: fc.oneof({ weight: 3, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
          adSynced: fc.boolean(),
        })
        .map((u): UserInit => ({ ...defaultUser(id), ...u }));
    const step: fc.Arbitrary<Step> = fc.oneof(
      { weight: 5, arbitrary: actionArb(caps, swarm).map((action): Step => ({ kind: 'act', action })) },
      { weight: 3, arbitrary: waitArb(p).map((ms): Step => ({ kind: 'act', action: { do: 'wait', ms } })) },
      {
        weight: 2,
        arbitrary: fc
          .record({ back: fc.nat({ max: 4 }), window: fc.constantFrom(...windowsOf(p)), delta: fc.constantFrom(...DELTAS) })
          .map((u): Step => ({ kind: 'until', ...u })),
      },
      {
        weight: 6,
        arbitrary: fc
          .record({
            see: fc.constantFrom(...swarm.surfaces),
            user: fc.constantFrom(...swarm.subjects),
            viewer: fc.constantFrom(...swarm.viewers),
          })
          .map((s): Step => ({ kind: 'see', ...s })),
      },
    );
    return fc.record({
      users: fc.tuple(...swarm.subjects.map(userInit)),
      steps: fc.array(step, { minLength: 1, maxLength: maxSteps, size: 'max' }),
      seed: fc.integer({ min: 0, max: 0x7fff_ffff }),
    });
  });
}

/** A run as a trace: the header's start and users, and every event with its outcome. */
export type Recorded = { start: TraceStart; events: TraceEvent[] };

/** Drives a fresh simulated tenant through a plan and records what it did and showed. */
export async function record(profileId: string, plan: Plan, opts: { faults?: number } = {}): Promise<Recorded> {
  const sim = createSimTenant({ profile: profileId, seed: plan.seed, start: DEFAULT_START, faults: opts.faults ?? 0 });
  await sim.setup(plan.users);
  const recorder = new TraceRecorder(sim);
  const actionTimes: number[] = [];
  for (const step of plan.steps) {
    const at = sim.clock.now();
    if (step.kind === 'until') {
      const anchor = actionTimes[actionTimes.length - 1 - step.back];
      const target = anchor === undefined ? at : anchor + step.window + step.delta;
      if (target > at) await recorder.step({ do: 'wait', ms: target - at });
    } else if (step.kind === 'act') {
      if (step.action.do !== 'wait') actionTimes.push(at);
      await recorder.step(step.action);
    } else {
      await recorder.step({ see: step.see, user: step.user, viewer: step.viewer });
    }
  }
  await sim.teardown();
  return { start: { start: DEFAULT_START, users: plan.users }, events: recorder.events };
}

/** Feeds a recorded run to the model one line at a time, as `photosync check` would. */
export function checkRecorded(profile: Profile, run: Recorded): Verdict {
  const checker = new ProfileChecker(profile, run.start);
  run.events.forEach((e, i) => checker.feed(e, i + 2));
  return checker.finish();
}

/** A run in a form people read: times as offsets from the start. */
export function describeRun(run: Recorded): string {
  const fmt = (ms: number) => {
    const d = Math.floor(ms / DAY);
    const h = Math.floor((ms % DAY) / HOUR);
    const m = Math.floor((ms % HOUR) / MINUTE);
    const s = (ms % MINUTE) / SECOND;
    return `+${d}d${h}h${m}m${s}s`;
  };
  const lines = [`users ${JSON.stringify(run.start.users)}`];
  run.events.forEach((e, i) => {
    const { at, ...rest } = e;
    lines.push(`${i + 2}: ${fmt(at - run.start.start)} ${JSON.stringify(rest)}`);
  });
  return lines.join('\n');
}

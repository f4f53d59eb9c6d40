import fc from 'fast-check';
import { DAY, HOUR, MINUTE, SECOND } from '../model/Params.js';
import {
  CLIENTS,
  PHOTO_SOURCES,
  REMOVE_VIAS,
  defaultUser,
  type Action,
  type ActionKind,
  type Photo,
  type PhotoSettings,
  type Surface,
  type UserInit,
  type Via,
} from '../model/vocabulary.js';
import type { GenerationScope } from './GenerationScope.js';
import type { Look } from '../adapters/RunStep.js';
import { isPause, type Plan, type PlanStep } from './Plan.js';

/** The photos runs set; p0 is what users start with. */
export const PHOTOS = ['p0', 'p1', 'p2', 'p3', 'p4', 'p5'] as const;
/** The role names runs give users and allow in the tenant's photo settings (PHOTO-SOURCE). */
export const ROLES = ['photo-admin', 'helpdesk'] as const;

/** The most moves of a short run. */
const SHORT_RUN = 8;

/** Just inside or just outside a window's end: the SPEC keeps scenarios off the boundary to the second. */
const DELTAS = [-MINUTE, -SECOND, -1, 0, 1, SECOND, MINUTE];

/** A wait just inside or just outside one of the scope's windows, or an ordinary pause. */
function waitArbitrary(windows: readonly number[]): fc.Arbitrary<number> {
  const nearWindow = fc.tuple(fc.constantFrom(...windows), fc.constantFrom(...DELTAS)).map(([w, d]) => Math.max(0, w + d));
  return fc.oneof(
    { weight: 4, arbitrary: nearWindow },
    { weight: 2, arbitrary: fc.integer({ min: 0, max: 59 * SECOND }) },
    { weight: 2, arbitrary: fc.integer({ min: MINUTE, max: 3 * HOUR }) },
    { weight: 1, arbitrary: fc.integer({ min: 3 * HOUR, max: 4 * DAY }) },
  );
}

/** What one run uses: a random part of the scope, so that the parts it uses meet often (swarm testing). */
type Swarm = { vias: Via[]; surfaces: Surface[]; kinds: Exclude<ActionKind, 'wait'>[]; subjects: string[]; viewers: string[] };

function subsetArbitrary<T>(xs: readonly T[]): fc.Arbitrary<T[]> {
  // half the runs use everything; the others a random non-empty part
  if (xs.length === 0) return fc.constant([]);
  return fc.option(fc.subarray([...xs], { minLength: 1 }), { nil: undefined, freq: 2 }).map((ys) => [...(ys ?? xs)]);
}

function swarmArbitrary(scope: GenerationScope): fc.Arbitrary<Swarm> {
  return fc
    .record({
      vias: subsetArbitrary(scope.vias),
      surfaces: subsetArbitrary(scope.surfaces),
      kinds: subsetArbitrary(scope.actions),
      n: fc.integer({ min: 1, max: scope.subjects.length }),
      outsiders: fc.integer({ min: 0, max: scope.outsiders.length }),
    })
    .map(({ vias, surfaces, kinds, n, outsiders }) => {
      const subjects = scope.subjects.slice(0, n);
      return { vias, surfaces, kinds, subjects, viewers: [...subjects, ...scope.outsiders.slice(0, Math.max(outsiders, 1))] };
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
  setPhotoSettings: 1,
};

function actionArbitrary(scope: GenerationScope, swarm: Swarm): fc.Arbitrary<Action> | undefined {
  const user = fc.constantFrom(...swarm.subjects);
  const viewer = fc.constantFrom(...swarm.viewers);
  const bytes = fc.option(fc.constantFrom(1_000, 10_240, 10_241, 50_000, 4 * 1024 * 1024, 4 * 1024 * 1024 + 1), { nil: undefined });
  const by = fc.option(fc.constantFrom(...swarm.subjects, 'admin'), { nil: undefined });
  // who acts matters for the admin cmdlet's size limit, and for the roles the settings allow
  const roles = scope.actions.includes('setPhotoSettings');
  const clients = CLIENTS.filter((c) => c === 'outlook-desktop' || scope.surfaces.includes(c));
  const removeVias = REMOVE_VIAS.filter((v) => scope.vias.includes(v));
  const arbitraries: { readonly [K in Exclude<ActionKind, 'wait'>]: fc.Arbitrary<Action> | undefined } = {
    setPhoto:
      swarm.vias.length === 0
        ? undefined
        : fc
            .record({ user, photo: fc.constantFrom(...PHOTOS), via: fc.constantFrom(...swarm.vias), by, bytes })
            .map(({ user, photo, via, by, bytes }): Action => {
              const a: Action = { do: 'setPhoto', user, photo, via };
              if (by !== undefined && (via === 'admin-cmdlet' || roles)) a.by = by;
              if (bytes !== undefined) a.bytes = bytes;
              return a;
            }),
    removePhoto:
      removeVias.length === 0
        ? undefined
        : fc.record({ user, via: fc.constantFrom(...removeVias), by }).map(({ user, via, by }): Action => {
            const a: Action = { do: 'removePhoto', user, via };
            if (by !== undefined && roles) a.by = by;
            return a;
          }),
    visitMySite: fc.record({ do: fc.constant('visitMySite' as const), user }),
    editCancel: fc.record({ do: fc.constant('editCancel' as const), user }),
    lyncSignIn: fc.record({ do: fc.constant('lyncSignIn' as const), user }),
    lyncSignOut: fc.record({ do: fc.constant('lyncSignOut' as const), user }),
    restartClient: fc.record({ do: fc.constant('restartClient' as const), viewer, client: fc.constantFrom(...clients) }),
    clearBrowserCache: fc.record({ do: fc.constant('clearBrowserCache' as const), viewer }),
    openYammer: fc.record({ do: fc.constant('openYammer' as const), user }),
    setPolicy: fc.record({ do: fc.constant('setPolicy' as const), user, setPhotoEnabled: fc.boolean() }),
    setPhotoSettings: photoSettingsArbitrary().map((s): Action => ({ do: 'setPhotoSettings', ...s })),
  };
  const weighted = swarm.kinds.flatMap((k) => {
    const arbitrary = arbitraries[k];
    return arbitrary === undefined ? [] : [{ weight: WEIGHT[k], arbitrary }];
  });
  return weighted.length === 0 ? undefined : fc.oneof(...weighted);
}

function photoSettingsArbitrary(): fc.Arbitrary<PhotoSettings> {
  return fc.record({ source: fc.constantFrom(...PHOTO_SOURCES), allowedRoles: fc.subarray([...ROLES]) });
}

/** A rare field: absent (its default) four times in five. */
function rarely<T>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> {
  return fc.oneof({ weight: 4, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary });
}

function userInitArbitrary(id: string, scope: GenerationScope): fc.Arbitrary<UserInit> {
  // each field shrinks toward the header's default, but the photo, which shrinks toward p0; of the
  // fields of SPEC section 6, those a fresh tenant can be set up with: a store that differs, a change
  // still waiting for SharePoint, roles where the settings can ask for them
  const photo = fc.constantFrom<Photo>(...PHOTOS, 'none');
  return fc
    .record({
      photo,
      mySite: fc.boolean(),
      lync: fc.constantFrom('offline' as const, 'online' as const),
      setPhotoEnabled: fc.oneof({ weight: 3, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
      adSynced: fc.boolean(),
      stores: rarely(fc.record({ exchange: photo, sharepoint: photo }, { requiredKeys: [] })),
      pending: rarely(fc.constant(true)),
      roles: scope.actions.includes('setPhotoSettings') ? rarely(fc.subarray([...ROLES], { minLength: 1 })) : fc.constant(undefined),
    })
    .map(({ stores, pending, roles, ...u }): UserInit => {
      const init: UserInit = { ...defaultUser(id), ...u };
      if (stores !== undefined && Object.keys(stores).length > 0) init.stores = stores;
      if (pending !== undefined) init.pending = pending;
      if (roles !== undefined) init.roles = roles;
      return init;
    });
}

/**
 * Random plans within `scope`: 1 to 3 subjects and their viewers, up to `maxActions` actions and
 * looks, each maybe after a wait biased to just inside or just outside one of the scope's windows.
 * Invariant: every action, path and surface of a plan is in the scope.
 */
export function planArbitrary(scope: GenerationScope, maxActions: number): fc.Arbitrary<Plan> {
  const pause: fc.Arbitrary<PlanStep> = fc.oneof(
    { weight: 3, arbitrary: waitArbitrary(scope.windows).map((ms): PlanStep => ({ do: 'wait', ms })) },
    {
      weight: 2,
      arbitrary: fc
        .record({ back: fc.nat({ max: 4 }), waitUntil: fc.constantFrom(...scope.windows), delta: fc.constantFrom(...DELTAS) })
        .map((u): PlanStep => u),
    },
  );
  return swarmArbitrary(scope).chain((swarm) => {
    const lookTemplate = fc.record({
      see: fc.constantFrom(...swarm.surfaces),
      user: fc.constantFrom(...swarm.subjects),
      viewer: fc.constantFrom(...swarm.viewers),
    });
    const look = lookTemplate.map((s): PlanStep[] => [s]);
    const action = actionArbitrary(scope, swarm);
    const acts =
      action === undefined
        ? undefined
        : fc.tuple(action, fc.option(lookTemplate, { nil: undefined, freq: 2 }), fc.boolean()).map(([a, then, before]): PlanStep[] => {
            if (then === undefined) return [a];
            const after = lookAfter(a, then, swarm);
            // the same look before and after: how a cache, or a store that should not change, shows itself
            return before ? [after, a, after] : [a, after];
          });
    const step = acts === undefined ? look : fc.oneof({ weight: 5, arbitrary: acts }, { weight: 4, arbitrary: look });
    const move = fc.tuple(fc.option(pause, { nil: undefined, freq: 2 }), step);
    return fc.record({
      users: fc.tuple(...swarm.subjects.map((id) => userInitArbitrary(id, scope))),
      photoSettings: scope.actions.includes('setPhotoSettings') ? rarely(photoSettingsArbitrary()) : fc.constant(undefined),
      // short runs often: their first divergence is close to the shortest story, which shrinking
      // then reaches; long runs too: some stories need many steps to set the scene
      steps: fc
        .oneof(
          { weight: 1, arbitrary: fc.array(move, { minLength: 1, maxLength: Math.min(SHORT_RUN, maxActions), size: 'max' }) },
          { weight: 2, arbitrary: fc.array(move, { minLength: 1, maxLength: maxActions, size: 'max' }) },
        )
        .map((moves) =>
          atMost(
            maxActions,
            moves.flatMap(([p, s]) => (p === undefined ? s : [p, ...s])),
          ),
        ),
      seed: fc.noShrink(fc.integer({ min: 0, max: 0x7fff_ffff })),
    });
  });
}

/**
 * An observation point right after an action (and maybe the same one right before it), on what the action touched: the client a viewer
 * restarted, the search page whose cache they cleared, or the photo of the user it changed.
 */
function lookAfter(action: Action, template: Look, swarm: Swarm): Look {
  switch (action.do) {
    case 'restartClient':
      return { see: action.client, user: template.user, viewer: action.viewer };
    case 'clearBrowserCache':
      return { see: swarm.surfaces.includes('sp-search') ? 'sp-search' : template.see, user: template.user, viewer: action.viewer };
    case 'wait':
    case 'setPhotoSettings':
      return template;
    default:
      return { ...template, user: action.user };
  }
}

/** The steps up to the `max`-th action or look. */
function atMost(max: number, steps: PlanStep[]): PlanStep[] {
  let n = 0;
  const end = steps.findIndex((s) => !isPause(s) && ++n > max);
  return end === -1 ? steps : steps.slice(0, end);
}

import { DAY, HOUR, MINUTE, SECOND } from '../../model/Params.js';
import { ADMIN, PHOTO_SOURCES, REMOVE_VIAS, type Action, type ActionKind, type Client } from '../../model/vocabulary.js';
import type { Capabilities } from '../Adapter.js';
import type { Random } from './Random.js';
import { HISTORY_PHOTOS, type SimulatedTenant } from './SimulatedTenant.js';
import type { TenantBehaviour } from './TenantBehaviour.js';
import type { VirtualClock } from './VirtualClock.js';

/** The viewers who, besides the users themselves, look at photos during a tenant's history. */
export const HISTORY_VIEWERS = ['dave', 'erin'] as const;

/** The shortest and longest history a tenant taken as it is has behind it, and the longest gap after it. */
const SHORTEST = 2 * HOUR;
const LONGEST = 14 * DAY;
const LONGEST_GAP = 3 * DAY;

/** How often each kind of step happens in a history (looks count as a kind of their own). */
const WEIGHTS: { readonly [K in Exclude<ActionKind, 'wait'> | 'look']: number } = {
  setPhoto: 30,
  removePhoto: 4,
  visitMySite: 8,
  editCancel: 4,
  lyncSignIn: 3,
  lyncSignOut: 3,
  restartClient: 5,
  clearBrowserCache: 4,
  openYammer: 4,
  setPolicy: 3,
  setPhotoSettings: 2,
  look: 25,
};

/** What a history was: the users it touched (subjects, viewers and acting users, in order of first touch). */
export type Played = { readonly touched: readonly string[] };

/**
 * Plays a random history on `tenant`, whose users are already in their declared state: photo
 * changes through every path the tenant has, visits, Edit-Cancels, Yammer, policy and settings
 * changes, Lync presence, restarts, cache clears and looks by the users and by dave and erin,
 * over a random span of hours to a couple of weeks; then a random gap, stretched until the tenant
 * is quiet (`SimulatedTenant.quietFrom`), and leaves the clock there: the trace starts at that
 * instant. Invariant: the same `random` (the script's dice) and the same tenant give the same
 * history; it injects no faults.
 */
export async function playHistory(
  tenant: SimulatedTenant,
  clock: VirtualClock,
  random: Random,
  capabilities: Capabilities,
  behaviour: TenantBehaviour,
  subjects: readonly string[],
  roles: readonly string[],
): Promise<Played> {
  const touched = new Set<string>(subjects);
  const viewers = [...subjects, ...HISTORY_VIEWERS];
  const begin = clock.now();
  const span = logUniform(random, SHORTEST, LONGEST);
  const times = Array.from({ length: 8 + random.int(50) }, () => begin + random.int(span)).sort((a, b) => a - b);
  const kinds = (Object.keys(WEIGHTS) as (keyof typeof WEIGHTS)[]).filter((k) => k === 'look' || capabilities.actions.includes(k));
  const clients = (['outlook-desktop', 'lync', 'teams'] as const).filter(
    (c) => c === 'outlook-desktop' || capabilities.surfaces.includes(c),
  );
  const rolePool = [...new Set([...roles, 'PhotoAdmin'])];

  for (const t of times) {
    await clock.advance(t - clock.now());
    const kind = weighted(random, kinds);
    if (kind === 'look') {
      const viewer = random.pick(viewers);
      if (subjects.length > 0) {
        touched.add(viewer);
        tenant.observe(random.pick(capabilities.surfaces), random.pick(subjects), viewer);
      }
    } else if (kind === 'restartClient' || kind === 'clearBrowserCache') {
      const viewer = random.pick(viewers);
      touched.add(viewer);
      const client: Client = random.pick(clients);
      tenant.apply(kind === 'restartClient' ? { do: 'restartClient', viewer, client } : { do: 'clearBrowserCache', viewer });
    } else if (kind === 'setPhotoSettings') {
      const source = random.pick(PHOTO_SOURCES);
      const allowedRoles = source === 'cloud' && random.chance(0.5) ? rolePool.filter(() => random.chance(0.5)) : [];
      tenant.apply({ do: 'setPhotoSettings', source, allowedRoles });
    } else if (subjects.length > 0) {
      const user = random.pick(subjects);
      const action = subjectAction(kind, user, random, capabilities, subjects);
      if ('by' in action && action.by !== undefined && action.by !== ADMIN) touched.add(action.by);
      tenant.apply(action);
    }
    clock.runDue();
  }

  // The start: a random gap after the last step, then later still until the tenant is quiet, as a
  // campaign surveys a quiet tenant. No header field can carry an AD write still on its way (so none
  // within dirSyncInterval + exoLag before the start), a settings change still taking effect (none
  // within settingsLag), a SharePoint push already due without a visit after the start, or a photo a
  // Lync client still holds (the gap is longer than lyncLag); see SimulatedTenant.quietFrom.
  const minGap = behaviour.has('LYNC-PRESENCE') ? behaviour.param('lyncLag') + SECOND : SECOND;
  await clock.advance(logUniform(random, Math.max(minGap, MINUTE), LONGEST_GAP));
  for (let quiet = tenant.quietFrom(); quiet > clock.now(); quiet = tenant.quietFrom()) await clock.advance(quiet - clock.now());
  return { touched: [...touched] };
}

/** One action of a subject, of a kind other than a viewer's or the tenant's. */
function subjectAction(
  kind: Exclude<keyof typeof WEIGHTS, 'look' | 'restartClient' | 'clearBrowserCache' | 'setPhotoSettings'>,
  user: string,
  random: Random,
  capabilities: Capabilities,
  subjects: readonly string[],
): Action {
  switch (kind) {
    case 'setPhoto': {
      const via = random.pick(capabilities.vias);
      const photo = random.pick(HISTORY_PHOTOS.filter((p) => p !== 'none'));
      const r = random.next();
      // now and then too large for AD and an admin (10,240 bytes) or for Graph (4 MiB)
      const bytes = r < 0.1 ? 20_000 : r < 0.13 ? 5 * 1024 * 1024 : undefined;
      const b = random.next();
      const by = b < 0.15 ? ADMIN : b < 0.25 ? random.pick(subjects) : undefined;
      return { do: 'setPhoto', user, photo, via, ...(bytes === undefined ? {} : { bytes }), ...(by === undefined ? {} : { by }) };
    }
    case 'removePhoto':
      return { do: 'removePhoto', user, via: random.pick(REMOVE_VIAS) };
    case 'setPolicy':
      return { do: 'setPolicy', user, setPhotoEnabled: random.chance(0.7) };
    case 'visitMySite':
    case 'editCancel':
    case 'lyncSignIn':
    case 'lyncSignOut':
    case 'openYammer':
      return { do: kind, user };
  }
}

function weighted<K extends keyof typeof WEIGHTS>(random: Random, kinds: readonly K[]): K {
  const total = kinds.reduce((n, k) => n + WEIGHTS[k], 0);
  let r = random.int(total);
  for (const k of kinds) {
    r -= WEIGHTS[k];
    if (r < 0) return k;
  }
  return kinds[kinds.length - 1]!;
}

/** A duration of [min, max), as often minutes as days. */
function logUniform(random: Random, min: number, max: number): number {
  return Math.floor(Math.exp(Math.log(min) + random.next() * (Math.log(max) - Math.log(min))));
}

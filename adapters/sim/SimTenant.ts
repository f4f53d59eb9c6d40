import type { ActionHandlers, ActionOutcome, Adapter, Capabilities, ObserveOutcome, Survey } from '../Adapter.js';
import { ACTION_KINDS, SURFACES, VIAS, type Action, type PhotoSettings, type Surface, type UserInit } from '../../model/vocabulary.js';
import { deviated, type Deviations } from './Deviations.js';
import { playHistory } from './History.js';
import { Random } from './Random.js';
import { hasVia } from './refusal.js';
import { readDiceOf, type SimContext } from './SimContext.js';
import { SimulatedTenant } from './SimulatedTenant.js';
import { tenantBehaviour, type TenantBehaviour } from './TenantBehaviour.js';
import { VersionClock } from './Version.js';
import { VirtualClock } from './VirtualClock.js';

/** 2014-04-01T09:00:00Z, the start of the SPEC's example trace. */
export const DEFAULT_START = Date.UTC(2014, 3, 1, 9);

/** How to build a simulated tenant: the same options give the same tenant. */
export type SimTenantOptions = {
  /** the profile whose freedom the tenant uses: `threewill-2014`, `microsoft-2024`, ... */
  profile: string;
  seed: number;
  /** virtual time at setup, in ms since the epoch (for a tenant taken as it is, when its history begins) */
  start?: number;
  /** probability that an action or observation fails with `unknown` (an action may still have taken effect) */
  faults?: number;
  /** a named deviation from the profile (a mutant of the catalog); the tenant offers what the profile does */
  mutant?: { readonly id: string; readonly deviation: Deviations };
  /**
   * a tenant with a history, taken as it is: `setup` puts the users in their declared state, then
   * plays a random history (seeded from `seed`) and leaves the clock where the trace starts, later
   * than `start` (read `clock.now()` after `setup`); `survey` then reads the header of SPEC section
   * 6. Ask it about every user the trace names, viewers included: Teams' service cache is per
   * subject, so even a viewer who never looked may be shown a photo cached before the start.
   */
  asIs?: boolean;
};

/**
 * What a tenant of this profile lets the harness do and see: no Lync once retired, no Teams before
 * it, no Delve once retired (unless a mutant keeps it); the photo update settings in every tenant.
 */
export function capabilitiesOf(behaviour: TenantBehaviour, deviations: Deviations = {}): Capabilities {
  const lync = behaviour.has('LYNC-PRESENCE');
  const delve = !behaviour.has('DELVE-RETIRED') || deviations.delvePresent === true;
  return {
    actions: ACTION_KINDS.filter((k) => lync || (k !== 'lyncSignIn' && k !== 'lyncSignOut')),
    vias: VIAS.filter((v) => hasVia(behaviour, v)),
    surfaces: SURFACES.filter((s) => (s !== 'lync' || lync) && (s !== 'teams' || behaviour.has('TEAMS-CACHE')) && (s !== 'delve' || delve)),
  };
}

/**
 * An in-memory tenant on a virtual clock that behaves as `profile` allows, choosing at random
 * wherever the profile leaves a choice. Invariant: the same options and the same calls give the
 * same answers; it answers `unknown` only for an injected fault or a surface it does not have,
 * and refuses (`rejected`) an action through a path it does not have. Reading fills the viewer's
 * caches, as a real client's does; what a cache may serve depends only on restarts and clears.
 */
export function createSimTenant(options: SimTenantOptions): Adapter {
  const profile = tenantBehaviour(options.profile);
  const deviations = options.mutant?.deviation ?? {};
  const behaviour = deviated(profile, deviations);
  const clock = new VirtualClock(options.start ?? DEFAULT_START);
  const ctx: SimContext = {
    clock,
    random: new Random(options.seed),
    readDice: readDiceOf(options.seed, clock),
    behaviour,
    versions: new VersionClock(),
    deviations,
  };
  // faults draw from a stream of their own, so that turning them on changes nothing else's dice
  const faults = { p: options.faults ?? 0, random: new Random(options.seed ^ 0x5eed_fa17) };
  const capabilities = capabilitiesOf(profile, deviations);
  // made at setup; a harness that skips setup gets default users as it names them
  let current: SimulatedTenant | undefined;
  const tenant = () => (current ??= new SimulatedTenant(ctx));

  const fault = () => faults.p > 0 && faults.random.chance(faults.p);

  async function act(a: Action): Promise<ActionOutcome> {
    if (fault()) {
      // the request may or may not have gone through before the answer was lost
      if (faults.random.chance(0.5)) tenant().apply(a);
      clock.runDue();
      return { status: 'unknown', reason: 'injected fault: no answer from the service' };
    }
    const { refused } = tenant().apply(a);
    clock.runDue();
    return refused === undefined ? { status: 'ok' } : { status: 'rejected', reason: refused };
  }

  const perform: ActionHandlers = {
    setPhoto: act,
    removePhoto: act,
    visitMySite: act,
    editCancel: act,
    lyncSignIn: act,
    lyncSignOut: act,
    restartClient: act,
    clearBrowserCache: act,
    openYammer: act,
    setPolicy: act,
    setPhotoSettings: act,
    async wait(a) {
      await clock.advance(a.ms);
      return { status: 'ok' };
    },
  };

  /** the users a history touched, which a survey lists besides those asked for */
  let touched: readonly string[] = [];

  const adapter: Adapter = {
    name: options.mutant === undefined ? `sim:${profile.profile}` : `sim:${profile.profile}~${options.mutant.id}`,
    capabilities,
    clock,
    async setup(users: readonly UserInit[], photoSettings?: PhotoSettings) {
      current = new SimulatedTenant(ctx, photoSettings);
      for (const u of users) current.addUser(u);
      if (options.asIs !== true) return;
      // the history's own dice choose what happens; the tenant's own dice how it lands
      const script = new Random(options.seed ^ 0x4157_0a15);
      const roles = users.flatMap((u) => u.roles ?? []);
      const played = await playHistory(
        current,
        clock,
        script,
        capabilities,
        behaviour,
        users.map((u) => u.id),
        roles,
      );
      touched = played.touched;
    },
    async teardown() {},
    perform,
    async observe(surface: Surface, user: string, viewer: string): Promise<ObserveOutcome> {
      if (!capabilities.surfaces.includes(surface)) return { status: 'unknown', reason: `this tenant has no ${surface}` };
      if (fault()) {
        // the page may have opened before it failed to show the photo
        if (surface === 'sp-mysite' && viewer === user && faults.random.chance(0.5)) tenant().visitUnseen(user);
        clock.runDue();
        return { status: 'unknown', reason: 'injected fault: the page did not load' };
      }
      const photo = tenant().observe(surface, user, viewer);
      clock.runDue();
      return { status: 'seen', photo };
    },
  };
  if (options.asIs !== true) return adapter;
  return {
    ...adapter,
    async survey(users: readonly string[]): Promise<Survey> {
      const ids = [...new Set([...users, ...touched])];
      return tenant().survey(ids);
    },
  };
}

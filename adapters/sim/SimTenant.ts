import type { ActionHandlers, ActionOutcome, Adapter, Capabilities, ObserveOutcome } from '../Adapter.js';
import { ACTION_KINDS, SURFACES, VIAS, type Action, type Surface, type UserInit } from '../../model/vocabulary.js';
import { deviated, type Deviations } from './Deviations.js';
import { Random } from './Random.js';
import { hasVia } from './refusal.js';
import type { SimContext } from './SimContext.js';
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
  /** virtual time at setup, in ms since the epoch */
  start?: number;
  /** probability that an action or observation fails with `unknown` (an action may still have taken effect) */
  faults?: number;
  /** a named deviation from the profile (a mutant of the catalog); the tenant offers what the profile does */
  mutant?: { readonly id: string; readonly deviation: Deviations };
};

/** What a tenant of this profile lets the harness do and see: no Lync once retired, no Teams before it. */
export function capabilitiesOf(behaviour: TenantBehaviour): Capabilities {
  const lync = behaviour.has('LYNC-PRESENCE');
  return {
    actions: ACTION_KINDS.filter((k) => lync || (k !== 'lyncSignIn' && k !== 'lyncSignOut')),
    vias: VIAS.filter((v) => hasVia(behaviour, v)),
    surfaces: SURFACES.filter((s) => (s !== 'lync' || lync) && (s !== 'teams' || behaviour.has('TEAMS-CACHE'))),
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
  const ctx: SimContext = { clock, random: new Random(options.seed), behaviour, versions: new VersionClock(), deviations };
  // faults draw from a stream of their own, so that turning them on changes nothing else's dice
  const faults = { p: options.faults ?? 0, random: new Random(options.seed ^ 0x5eed_fa17) };
  const capabilities = capabilitiesOf(profile);
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
    async wait(a) {
      await clock.advance(a.ms);
      return { status: 'ok' };
    },
  };

  return {
    name: options.mutant === undefined ? `sim:${profile.profile}` : `sim:${profile.profile}~${options.mutant.id}`,
    capabilities,
    clock,
    async setup(users: readonly UserInit[]) {
      current = new SimulatedTenant(ctx);
      for (const u of users) current.addUser(u);
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
}

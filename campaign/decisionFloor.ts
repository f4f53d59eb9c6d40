import type { Capabilities } from '../adapters/Adapter.js';
import { PARAM_NAMES, type ParamName } from '../model/Params.js';
import type { Profile } from '../model/Profile.js';
import type { TraceStart } from '../model/ProfileChecker.js';
import type { RuleId } from '../model/RuleId.js';
import type { Via } from '../model/vocabulary.js';

/**
 * How soon a story can be sure to refute `refutes` on a tenant of `tenant` as its survey found it:
 * `ms` of waiting, a lower bound, derived from the two profiles' rules and parameters.
 */
export type DecisionFloor = {
  readonly tenant: string;
  readonly refutes: string;
  /** no story refutes `refutes` on every such tenant with less waiting; Infinity when the profiles cannot be told apart */
  readonly ms: number;
  /** how the bound was derived, for people */
  readonly because: string;
};

/** The vias whose answer PHOTO-POLICY and PHOTO-POLICY-OWA decide differently once the policy is off. */
const POLICY_VIAS: readonly Via[] = ['outlook-web', 'outlook-desktop', 'sharepoint', 'teams'];

/**
 * Rules that decide an action's answer, or whether a surface or path exists: a tenant tells two
 * profiles that differ in one of them apart by the answer itself, with no wait, when photosync may
 * take the step. Only names the reason: a floor of 0 holds whatever it says.
 */
const AT_ONCE: Partial<Record<RuleId, (c: Capabilities, start: TraceStart) => boolean>> = {
  'CMDLET-RETIRED': (c) => c.vias.includes('admin-cmdlet'),
  'ADMIN-SIZE': (c) => c.vias.includes('admin-cmdlet'),
  'GRAPH-SIZE': (c) => c.vias.includes('graph'),
  'YAMMER-ISOLATED': (c) => c.vias.includes('yammer'),
  'YAMMER-FROM-ENTRA': (c) => c.vias.includes('yammer'),
  'PHOTO-POLICY': (c) => c.actions.includes('setPolicy') && POLICY_VIAS.some((v) => c.vias.includes(v)),
  'PHOTO-POLICY-OWA': (c) => c.actions.includes('setPolicy') && POLICY_VIAS.some((v) => c.vias.includes(v)),
  'PHOTO-SOURCE': (_, start) => (start.photoSettings?.source ?? 'unset') !== 'unset',
  'LYNC-PRESENCE': (c) => c.surfaces.includes('lync') || c.vias.includes('lync'),
  'TEAMS-CACHE': (c) => c.surfaces.includes('teams') || c.vias.includes('teams'),
  'DELVE-RETIRED': (c) => c.surfaces.includes('delve'),
};

/**
 * The least waiting a story needs to be sure to refute `refuted` on a tenant of `tenant` that starts
 * as `start` says, whatever that tenant does within what its profile allows (a lucky tenant may be
 * faster). Never over-estimated: where the difference is not one derived here, the floor is 0.
 *
 * - Profiles that differ only by SP-MYSITE-ONCE (and its spSync) show the same thing until an
 *   outside change is pushed to SharePoint without a visit: not before the change + spSync, nor
 *   before the end of a throttle window the header leaves open (an unknown last update: until
 *   start + spThrottle; every SharePoint update starts a new one), and it lands up to spPickup
 *   later. Either side may wait that long: the profile with the rule may push that late, and the
 *   one without it can say "no push yet" until then. Over the test users, the best subject.
 * - Any other difference: 0, named after the differing rules that decide an answer at once (a
 *   retired path, a size limit, a policy), which tell most pairs apart with no wait.
 */
export function decisionFloor(tenant: Profile, refuted: Profile, capabilities: Capabilities, start: TraceStart): DecisionFloor {
  const pair = { tenant: tenant.id, refutes: refuted.id };
  const rules = [...tenant.rules.filter((r) => !refuted.rules.includes(r)), ...refuted.rules.filter((r) => !tenant.rules.includes(r))];
  const params = PARAM_NAMES.filter((p) => tenant.params[p] !== refuted.params[p]);
  if (rules.length === 0 && params.length === 0) return { ...pair, ms: Infinity, because: 'the profiles are the same' };
  const withRule = [tenant, refuted].find((p) => p.rules.includes('SP-MYSITE-ONCE'));
  if (
    withRule !== undefined &&
    rules.every((r) => r === 'SP-MYSITE-ONCE') &&
    params.every((p) => p === 'spSync') &&
    withRule.rules.includes('SP-NEEDS-VISIT') &&
    withRule.rules.includes('SP-THROTTLE') &&
    start.users.length > 0
  ) {
    const [sync, throttle, pickup] = [param(withRule, 'spSync'), param(withRule, 'spThrottle'), param(withRule, 'spPickup')];
    const open = (u: TraceStart['users'][number]) =>
      u.spUpdated === 'unknown' ? throttle : u.spUpdated === undefined ? 0 : Math.max(0, u.spUpdated + throttle - start.start);
    const ms = Math.min(...start.users.map((u) => Math.max(sync, open(u)) + pickup));
    return {
      ...pair,
      ms,
      because: 'SP-MYSITE-ONCE: a push without a visit, after spSync and the throttle window the survey leaves open, plus spPickup',
    };
  }
  const told = rules.filter((r) => AT_ONCE[r]?.(capabilities, start) === true);
  return {
    ...pair,
    ms: 0,
    because:
      told.length > 0
        ? `they differ in rules an answer decides at once: ${told.join(', ')}`
        : `not derived (${[...rules, ...params].join(', ')}): 0`,
  };
}

/** The floor of a campaign on a tenant of `tenant`: however its lanes share the other profiles, it waits at least for the slowest. */
export function tenantFloor(
  tenant: Profile,
  profiles: readonly Profile[],
  capabilities: Capabilities,
  start: TraceStart,
): { readonly ms: number; readonly floors: readonly DecisionFloor[] } {
  const floors = profiles.filter((p) => p.id !== tenant.id).map((p) => decisionFloor(tenant, p, capabilities, start));
  return { ms: Math.max(0, ...floors.map((f) => f.ms)), floors };
}

function param(profile: Profile, name: ParamName): number {
  const v = profile.params[name];
  if (v === undefined) throw new RangeError(`profile ${profile.id} has no ${name}`);
  return v;
}

import type { ParamName } from '../../model/Params.js';
import type { Profile } from '../../model/Profile.js';
import { findProfile } from '../../model/profiles.js';
import type { RuleId } from '../../model/RuleId.js';

/**
 * How a simulated tenant behaves, read from a profile's data only: which rule ids it lists and
 * the durations of its parameters. Invariant: the simulator asks nothing else of `model/`.
 */
export type TenantBehaviour = {
  readonly profile: string;
  has(rule: RuleId): boolean;
  /** a duration of the profile, in ms; throws when the profile has no such parameter */
  param(name: ParamName): number;
  /** a duration of the profile, in ms, or `fallback` when the profile has no such parameter */
  paramOr(name: ParamName, fallback: number): number;
};

/** The behaviour of a tenant of profile `profileId`; throws RangeError for a profile that does not exist. */
export function tenantBehaviour(profileId: string): TenantBehaviour {
  const profile: Profile | undefined = findProfile(profileId);
  if (profile === undefined) throw new RangeError(`no profile ${profileId}`);
  const rules = new Set<RuleId>(profile.rules);
  return {
    profile: profile.id,
    has: (rule) => rules.has(rule),
    param(name) {
      const value = profile.params[name];
      if (value === undefined) throw new RangeError(`profile ${profile.id} has no parameter ${name}`);
      return value;
    },
    paramOr: (name, fallback) => profile.params[name] ?? fallback,
  };
}

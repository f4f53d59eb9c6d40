import type { Profile } from './Profile.js';
import { RULES } from './rules/index.js';
import { RULE_IDS, type RuleId } from './RuleId.js';
import { SURFACES, VIAS, type Surface, type Via } from './vocabulary.js';

/**
 * What a profile knows: its surfaces and paths (SPEC section 4: `lync` needs LYNC-PRESENCE, `teams`
 * TEAMS-CACHE, `delve` the absence of DELVE-RETIRED), and the surfaces it says are retired.
 */
export type ProfileScope = { readonly surfaces: readonly Surface[]; readonly vias: readonly Via[]; readonly retired: readonly Surface[] };

/** The surfaces and paths a profile lacks, each with the absent rule that would provide it (the one to cite). */
export type Missing = { readonly surfaces: ReadonlyMap<Surface, RuleId>; readonly vias: ReadonlyMap<Via, RuleId> };

/** What a set of rules lacks: the surfaces and paths that rules outside it provide, and the surfaces rules in it retire. */
export function missingFrom(present: ReadonlySet<RuleId>): Missing {
  const surfaces = new Map<Surface, RuleId>();
  const vias = new Map<Via, RuleId>();
  for (const id of RULE_IDS) {
    if (present.has(id)) {
      for (const s of RULES[id].retires?.surfaces ?? []) surfaces.set(s, id);
      continue;
    }
    for (const s of RULES[id].provides?.surfaces ?? []) surfaces.set(s, id);
    for (const v of RULES[id].provides?.vias ?? []) vias.set(v, id);
  }
  return { surfaces, vias };
}

/** The surfaces and paths of `profile`: every one, but those a rule it lacks provides. Invariant: in vocabulary order. */
export function profileScope(profile: Profile): ProfileScope {
  const present = new Set(profile.rules);
  const missing = missingFrom(present);
  return {
    surfaces: SURFACES.filter((s) => !missing.surfaces.has(s)),
    vias: VIAS.filter((v) => !missing.vias.has(v)),
    retired: SURFACES.filter((s) => present.has(missing.surfaces.get(s)!)),
  };
}

import type { Profile } from './Profile.js';
import { RULES } from './rules/index.js';
import { RULE_IDS } from './RuleId.js';
import { SURFACES, VIAS, type Surface, type Via } from './vocabulary.js';

/** What a profile knows: its surfaces and paths (SPEC section 4: `lync` needs LYNC-PRESENCE, `teams` TEAMS-CACHE). */
export type ProfileScope = { readonly surfaces: readonly Surface[]; readonly vias: readonly Via[] };

/** The surfaces and paths of `profile`: every one, but those a rule it lacks provides. Invariant: in vocabulary order. */
export function profileScope(profile: Profile): ProfileScope {
  const present = new Set(profile.rules);
  const missingSurfaces = new Set<Surface>();
  const missingVias = new Set<Via>();
  for (const id of RULE_IDS) {
    if (present.has(id)) continue;
    for (const s of RULES[id].provides?.surfaces ?? []) missingSurfaces.add(s);
    for (const v of RULES[id].provides?.vias ?? []) missingVias.add(v);
  }
  return { surfaces: SURFACES.filter((s) => !missingSurfaces.has(s)), vias: VIAS.filter((v) => !missingVias.has(v)) };
}

import { z } from 'zod';
import type { Profile } from '../model/Profile.js';
import { RULE_IDS, type RuleId } from '../model/RuleId.js';

/** What the catalog tells of a mutant, as the reports need it. */
export type MutantSummary = {
  readonly id: string;
  readonly description: string;
  readonly breaks: RuleId;
  readonly profiles: readonly string[];
  readonly minimalLength: number;
};

/** What `photosync mutants --list --format json` prints: the catalog, and which rule of which profile each breaks. */
export const MutantsReport = z.object({
  mutants: z.array(
    z.object({
      id: z.string(),
      description: z.string(),
      rule: z.enum(RULE_IDS),
      profiles: z.array(z.string()),
      minimalLength: z.number().int().positive(),
    }),
  ),
  coverage: z.array(z.object({ profile: z.string(), rule: z.enum(RULE_IDS), mutants: z.array(z.string()) })),
});
export type MutantsReport = z.infer<typeof MutantsReport>;

/** The catalog and, for every rule of every profile, the mutants that break it (none: a gap). */
export function toMutantsReport(mutants: readonly MutantSummary[], profiles: readonly Profile[]): MutantsReport {
  return {
    mutants: mutants.map((m) => ({
      id: m.id,
      description: m.description,
      rule: m.breaks,
      profiles: [...m.profiles],
      minimalLength: m.minimalLength,
    })),
    coverage: profiles.flatMap((p) =>
      p.rules.map((rule) => ({
        profile: p.id,
        rule,
        mutants: mutants.filter((m) => m.breaks === rule && m.profiles.includes(p.id)).map((m) => m.id),
      })),
    ),
  };
}

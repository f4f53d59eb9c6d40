import { z } from 'zod';
import { PARAM_NAMES } from '../model/Params.js';
import type { Profile } from '../model/Profile.js';
import { RULE_IDS } from '../model/RuleId.js';
import { RULES } from '../model/rules/index.js';

/** What `photosync rules --format json` prints. */
export const RulesReport = z.object({
  rules: z.array(
    z.object({
      id: z.enum(RULE_IDS),
      statement: z.string(),
      source: z.string(),
      params: z.array(z.enum(PARAM_NAMES)),
      profiles: z.array(z.string()),
      reading: z.string().optional(),
    }),
  ),
});
export type RulesReport = z.infer<typeof RulesReport>;

/** The rules of the contract (those of `only`, when given) with the profiles that hold each. */
export function toRulesReport(profiles: readonly Profile[], only?: Profile): RulesReport {
  const ids = only === undefined ? RULE_IDS : RULE_IDS.filter((id) => only.rules.includes(id));
  return {
    rules: ids.map((id) => {
      const r = RULES[id];
      const row: RulesReport['rules'][number] = {
        id,
        statement: r.statement,
        source: r.source,
        params: [...r.params],
        profiles: profiles.filter((p) => p.rules.includes(id)).map((p) => p.id),
      };
      if (r.reading !== undefined) row.reading = r.reading;
      return row;
    }),
  };
}

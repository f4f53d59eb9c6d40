import { z } from 'zod';
import { RULES } from '../model/rules/index.js';
import { RULE_IDS, type RuleId } from '../model/RuleId.js';

/** A rule a report cites, with its statement and source (SPEC section 4). */
export const Citation = z.object({ id: z.enum(RULE_IDS), source: z.string(), statement: z.string() });
export type Citation = z.infer<typeof Citation>;

export function citation(id: RuleId): Citation {
  return { id, source: RULES[id].source, statement: RULES[id].statement };
}

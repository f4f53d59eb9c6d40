import { z } from 'zod';
import { RULE_IDS } from '../model/RuleId.js';
import type { CheckOutcome } from '../trace/checkTraceFile.js';

const Divergence = z.object({
  line: z.number().int().positive(),
  event: z.record(z.string(), z.unknown()),
  allowed: z.array(z.string()),
  rules: z.array(z.enum(RULE_IDS)),
});

/** One profile's verdict as `check --format json` prints it (SPEC section 3). */
export const CheckResult = z.discriminatedUnion('verdict', [
  z.object({ profile: z.string(), verdict: z.literal('conforms') }),
  z.object({ profile: z.string(), verdict: z.literal('diverges'), divergence: Divergence }),
  z.object({ profile: z.string(), verdict: z.literal('unknown'), line: z.number().int(), reason: z.string() }),
]);
export type CheckResult = z.infer<typeof CheckResult>;

/** What `photosync check --format json` prints: SPEC section 3, plus `torn` for a torn last line. */
export const CheckReport = z.object({
  trace: z.string(),
  results: z.array(CheckResult),
  torn: z.object({ line: z.number().int().positive(), message: z.string() }).optional(),
});
export type CheckReport = z.infer<typeof CheckReport>;

export function toCheckReport(outcome: CheckOutcome): CheckReport {
  const report: CheckReport = { trace: outcome.trace, results: outcome.results as CheckResult[] };
  if (outcome.torn !== undefined) report.torn = { line: outcome.torn.line, message: outcome.torn.message };
  return report;
}

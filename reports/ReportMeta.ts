import { z } from 'zod';

/** The version of the JSON report schema (docs/reports.md); it changes only when a field's meaning does. */
export const REPORT_SCHEMA = 1;

/** What made a report and when: every format shows it, JSON as fields of its envelope. */
export const ReportMeta = z.object({
  tool: z.object({ name: z.literal('photosync'), version: z.string() }),
  /** when the report was made, ISO 8601 */
  generated: z.string(),
});
export type ReportMeta = z.infer<typeof ReportMeta>;

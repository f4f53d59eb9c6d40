import { z } from 'zod';

/** What `photosync doctor` found: each check, passed or what is missing. */
export const DoctorReport = z.object({
  config: z.string(),
  checks: z.array(z.object({ service: z.string(), check: z.string(), status: z.enum(['ok', 'missing', 'skipped']), detail: z.string() })),
});
export type DoctorReport = z.infer<typeof DoctorReport>;

/** Whether everything a run needs is there (a skipped check is not missing). */
export function doctorPassed(report: DoctorReport): boolean {
  return report.checks.every((c) => c.status !== 'missing');
}

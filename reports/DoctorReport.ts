import { z } from 'zod';

/** What `photosync doctor` found: each check, passed, missing, or unanswered by the tenant (a transient fault). */
export const DoctorReport = z.object({
  config: z.string(),
  checks: z.array(
    z.object({
      service: z.string(),
      check: z.string(),
      status: z.enum(['ok', 'missing', 'unanswered', 'skipped']),
      detail: z.string(),
    }),
  ),
});
export type DoctorReport = z.infer<typeof DoctorReport>;

/** What the checks add up to: ready, something missing, or nothing missing but the tenant did not answer every check. */
export function doctorVerdict(report: DoctorReport): 'ready' | 'missing' | 'unanswered' {
  if (report.checks.some((c) => c.status === 'missing')) return 'missing';
  return report.checks.some((c) => c.status === 'unanswered') ? 'unanswered' : 'ready';
}

/** Whether everything a run needs is there (a skipped check is not missing). */
export function doctorPassed(report: DoctorReport): boolean {
  return doctorVerdict(report) === 'ready';
}

import type { DoctorCheck } from '../adapters/live/doctor.js';

/** What `photosync doctor` found: each check, passed or what is missing. */
export type DoctorReport = { readonly config: string; readonly checks: readonly DoctorCheck[] };

/** Whether everything a run needs is there (a skipped check is not missing). */
export function doctorPassed(report: DoctorReport): boolean {
  return report.checks.every((c) => c.status !== 'missing');
}

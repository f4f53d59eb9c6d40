import { z } from 'zod';
import { CampaignReport } from './CampaignReport.js';
import { CheckReport } from './CheckReport.js';
import { DiffReport } from './DiffReport.js';
import { DoctorReport } from './DoctorReport.js';
import { MatrixReport } from './MatrixReport.js';
import { MutantRunsReport } from './MutantRunsReport.js';
import { MutantsReport } from './MutantsReport.js';
import { ProfilesReport } from './ProfilesReport.js';
import { REPORT_SCHEMA, ReportMeta } from './ReportMeta.js';
import { RulesReport } from './RulesReport.js';
import { RunReport } from './RunReport.js';

function envelope<K extends string, S extends z.ZodRawShape>(kind: K, report: z.ZodObject<S>) {
  return report.extend({ report: z.literal(kind), schema: z.literal(REPORT_SCHEMA), ...ReportMeta.shape });
}

/** Every JSON report photosync writes, told apart by `report`: what `photosync diff` reads back (docs/reports.md). */
export const ReportJson = z.discriminatedUnion('report', [
  envelope('check', CheckReport),
  envelope('run', RunReport),
  envelope('matrix', MatrixReport),
  envelope('mutants', MutantRunsReport),
  envelope('mutant-catalog', MutantsReport),
  envelope('rules', RulesReport),
  envelope('profiles', ProfilesReport),
  envelope('doctor', DoctorReport),
  envelope('diff', DiffReport),
  envelope('campaign', CampaignReport),
]);
export type ReportJson = z.infer<typeof ReportJson>;

export type ReportKind = ReportJson['report'];

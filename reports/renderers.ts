import type { CampaignReport } from './CampaignReport.js';
import { campaignDoc } from './campaignDoc.js';
import { campaignText } from './campaignText.js';
import type { CheckReport } from './CheckReport.js';
import { checkDoc } from './checkDoc.js';
import { checkText } from './checkText.js';
import type { Doc } from './Doc.js';
import type { DoctorReport } from './DoctorReport.js';
import { doctorDoc } from './doctorDoc.js';
import { doctorText } from './doctorText.js';
import { htmlRenderer } from './htmlRenderer.js';
import { jsonRenderer } from './jsonRenderer.js';
import { markdownRenderer } from './markdownRenderer.js';
import type { MatrixReport } from './MatrixReport.js';
import { matrixDoc } from './matrixDoc.js';
import { matrixText } from './matrixText.js';
import type { MutantRunsReport } from './MutantRunsReport.js';
import { mutantRunsDoc } from './mutantRunsDoc.js';
import { mutantRunsText } from './mutantRunsText.js';
import type { MutantsReport } from './MutantsReport.js';
import { mutantsDoc } from './mutantsDoc.js';
import { mutantsText } from './mutantsText.js';
import type { ProfilesReport } from './ProfilesReport.js';
import { profilesDoc } from './profilesDoc.js';
import { profilesText } from './profilesText.js';
import type { Format, Renderer } from './Renderer.js';
import type { ReportKind } from './ReportJson.js';
import type { RulesReport } from './RulesReport.js';
import { rulesDoc } from './rulesDoc.js';
import { rulesText } from './rulesText.js';
import type { RunReport } from './RunReport.js';
import { runDoc } from './runDoc.js';
import { runText } from './runText.js';
import { terminalSafeReport } from './_internals/terminalSafe.js';

/**
 * The four renderers of one report: its own text, and Markdown and HTML from its document. The text
 * is given the report with its control characters escaped, as a terminal must not obey a trace's.
 */
export function formats<R extends object>(kind: ReportKind, text: Renderer<R>, doc: (r: R) => Doc): Record<Format, Renderer<R>> {
  return {
    text: (r, meta) => text(terminalSafeReport(r), meta),
    md: (r, meta) => markdownRenderer(doc(r), meta),
    json: jsonRenderer<R>(kind),
    html: (r, meta) => htmlRenderer(doc(r), meta),
  };
}

/** The renderers of each command, keyed by `--format`. */
export const renderers = {
  check: formats<CheckReport>('check', checkText, checkDoc),
  rules: formats<RulesReport>('rules', rulesText, rulesDoc),
  profiles: formats<ProfilesReport>('profiles', profilesText, profilesDoc),
  mutants: formats<MutantsReport>('mutant-catalog', mutantsText, mutantsDoc),
  mutantRuns: formats<MutantRunsReport>('mutants', mutantRunsText, mutantRunsDoc),
  run: formats<RunReport>('run', runText, runDoc),
  matrix: formats<MatrixReport>('matrix', matrixText, matrixDoc),
  doctor: formats<DoctorReport>('doctor', doctorText, doctorDoc),
  campaign: formats<CampaignReport>('campaign', campaignText, campaignDoc),
} as const;

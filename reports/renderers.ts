import type { CheckReport } from './CheckReport.js';
import { checkText } from './checkText.js';
import type { DoctorReport } from './DoctorReport.js';
import { doctorText } from './doctorText.js';
import { jsonRenderer } from './jsonRenderer.js';
import type { MatrixReport } from './MatrixReport.js';
import { matrixText } from './matrixText.js';
import type { MutantRunsReport } from './MutantRunsReport.js';
import { mutantRunsText } from './mutantRunsText.js';
import type { MutantsReport } from './MutantsReport.js';
import { mutantsText } from './mutantsText.js';
import type { ProfilesReport } from './ProfilesReport.js';
import { profilesText } from './profilesText.js';
import type { Renderer } from './Renderer.js';
import type { RulesReport } from './RulesReport.js';
import type { RunReport } from './RunReport.js';
import { runText } from './runText.js';
import { rulesText } from './rulesText.js';

/** The renderers of each command, keyed by `--format`. */
export const renderers = {
  check: { text: checkText, json: jsonRenderer<CheckReport>() },
  rules: { text: rulesText, json: jsonRenderer<RulesReport>() },
  profiles: { text: profilesText, json: jsonRenderer<ProfilesReport>() },
  mutants: { text: mutantsText, json: jsonRenderer<MutantsReport>() },
  mutantRuns: { text: mutantRunsText, json: jsonRenderer<MutantRunsReport>() },
  run: { text: runText, json: jsonRenderer<RunReport>() },
  matrix: { text: matrixText, json: jsonRenderer<MatrixReport>() },
  doctor: { text: doctorText, json: jsonRenderer<DoctorReport>() },
} as const satisfies Record<string, Record<'text' | 'json', Renderer<never>>>;

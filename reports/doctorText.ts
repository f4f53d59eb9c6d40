import type { DoctorReport } from './DoctorReport.js';
import { DOCTOR_HEAD, doctorRows, doctorSentence } from './doctorDoc.js';
import { cellText } from './Doc.js';
import type { Renderer } from './Renderer.js';
import { fitLine } from './_internals/fitLine.js';
import { fitTable } from './_internals/fitTable.js';

/** `doctor` for people: a row per check, readable at 100 columns, then what to do. */
export const doctorText: Renderer<DoctorReport> = (report) => {
  const rows = [DOCTOR_HEAD, ...doctorRows(report).map((r) => r.map(cellText))];
  const verdict = doctorSentence(report, report.config);
  return `${fitTable(rows)}${fitLine(verdict, [report.config])}\n`;
};

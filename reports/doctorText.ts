import { table } from 'table';
import type { DoctorReport } from './DoctorReport.js';
import { DOCTOR_HEAD, doctorRows, doctorSentence } from './doctorDoc.js';
import { cellText } from './Doc.js';
import type { Renderer } from './Renderer.js';

/** `doctor` for people: a row per check, readable at 100 columns, then what to do. */
export const doctorText: Renderer<DoctorReport> = (report) => {
  const rows = [DOCTOR_HEAD, ...doctorRows(report).map((r) => r.map(cellText))];
  const verdict = doctorSentence(report, report.config);
  return `${table(rows, { columns: { 0: { width: 15, wrapWord: true }, 1: { width: 18, wrapWord: true }, 2: { width: 9 }, 3: { width: 42, wrapWord: true } } })}${verdict}\n`;
};

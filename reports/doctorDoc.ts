import type { Cell, Doc } from './Doc.js';
import { doctorPassed, type DoctorReport } from './DoctorReport.js';

const TONE = { ok: 'good', missing: 'bad', skipped: 'unknown' } as const;
const MARK = { ok: 'ok', missing: 'MISSING', skipped: 'later' } as const;

/** A row per check of `doctor`: what the text and the document both show. */
export const DOCTOR_HEAD = ['service', 'check', '', 'detail'];
export function doctorRows(report: DoctorReport): Cell[][] {
  return report.checks.map((c) => [c.service, c.check, { text: MARK[c.status], tone: TONE[c.status] }, c.detail]);
}

/** `doctor` as a document: a row per check, then what it adds up to. */
export function doctorDoc(report: DoctorReport): Doc {
  const passed = doctorPassed(report);
  return {
    title: `photosync doctor: ${report.config}`,
    blocks: [
      {
        kind: 'table',
        head: DOCTOR_HEAD,
        rows: doctorRows(report),
      },
      {
        kind: 'paragraph',
        text: passed ? 'Everything a live run needs is there.' : 'Something a live run needs is missing: see MISSING above.',
        tone: passed ? 'good' : 'bad',
      },
    ],
  };
}

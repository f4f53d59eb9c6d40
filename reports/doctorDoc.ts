import type { Doc } from './Doc.js';
import { doctorPassed, type DoctorReport } from './DoctorReport.js';

const TONE = { ok: 'good', missing: 'bad', skipped: 'unknown' } as const;
const MARK = { ok: 'ok', missing: 'MISSING', skipped: 'later' } as const;

/** `doctor` as a document: a row per check, then what it adds up to. */
export function doctorDoc(report: DoctorReport): Doc {
  const passed = doctorPassed(report);
  return {
    title: `photosync doctor: ${report.config}`,
    blocks: [
      {
        kind: 'table',
        head: ['service', 'check', '', 'detail'],
        rows: report.checks.map((c) => [c.service, c.check, { text: MARK[c.status], tone: TONE[c.status] }, c.detail]),
      },
      {
        kind: 'paragraph',
        text: passed ? 'Everything a live run needs is there.' : 'Something a live run needs is missing: see MISSING above.',
        tone: passed ? 'good' : 'bad',
      },
    ],
  };
}

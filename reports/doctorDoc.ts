import type { Cell, Doc } from './Doc.js';
import { doctorVerdict, type DoctorReport } from './DoctorReport.js';

const TONE = { ok: 'good', missing: 'bad', unanswered: 'unknown', skipped: 'unknown' } as const;
const MARK = { ok: 'ok', missing: 'MISSING', unanswered: 'NO ANSWER', skipped: 'later' } as const;

// each verdict's closing sentence: what it is, then (after the config's name) where to look
const SENTENCE = {
  ready: ['Everything a live run needs is there', ''],
  missing: ['Something a live run needs is missing', ': see MISSING above'],
  unanswered: [
    'The tenant did not answer every check',
    ': see NO ANSWER above (a transient fault, nothing found missing); run doctor again later',
  ],
} as const;

/** The closing sentence, naming the config when given. */
export function doctorSentence(report: DoctorReport, config?: string): string {
  const [what, where] = SENTENCE[doctorVerdict(report)];
  return `${what}${config === undefined ? '' : ` (${config})`}${where}.`;
}

/** A row per check of `doctor`: what the text and the document both show. */
export const DOCTOR_HEAD = ['service', 'check', '', 'detail'];
export function doctorRows(report: DoctorReport): Cell[][] {
  return report.checks.map((c) => [c.service, c.check, { text: MARK[c.status], tone: TONE[c.status] }, c.detail]);
}

/** `doctor` as a document: a row per check, then what it adds up to. */
export function doctorDoc(report: DoctorReport): Doc {
  const verdict = doctorVerdict(report);
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
        text: doctorSentence(report),
        tone: verdict === 'ready' ? 'good' : verdict === 'missing' ? 'bad' : 'unknown',
      },
    ],
  };
}

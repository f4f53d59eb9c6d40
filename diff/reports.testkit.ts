import { ReportJson } from '../reports/ReportJson.js';

/** Test helper: the fields every report JSON opens with, as a photosync of this version writes them. */
export const META = { schema: 1, tool: { name: 'photosync', version: '0.1.0' }, generated: '2026-01-05T09:00:00.000Z' } as const;

/** A campaign report of a week, over and with no lane, holding `fields` (its profiles, timings, observed delays). */
export function campaignReport(fields: { profiles: object[]; timings?: object[]; observed?: object[] }): ReportJson {
  return ReportJson.parse({
    report: 'campaign',
    ...META,
    dir: 'c',
    journal: 'c/journal.jsonl',
    started: '2026-06-01T08:00:00.000Z',
    until: '2026-06-08T08:00:00.000Z',
    state: 'done',
    events: 5,
    requests: 20,
    lanes: [],
    timings: [],
    observed: [],
    ...fields,
  });
}

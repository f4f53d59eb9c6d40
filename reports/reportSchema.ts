import { z } from 'zod';
import { ReportJson } from './ReportJson.js';

/** The JSON Schema (draft 2020-12) of every JSON report, as `docs/report.schema.json` holds it for other tools. */
export function reportSchema(): string {
  const schema = z.toJSONSchema(ReportJson, { target: 'draft-2020-12', unrepresentable: 'any' });
  return `${JSON.stringify({ $id: 'https://photosync.invalid/report.schema.json', title: 'photosync report', ...schema }, null, 2)}\n`;
}

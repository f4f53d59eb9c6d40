import type { Renderer } from './Renderer.js';
import { REPORT_SCHEMA } from './ReportMeta.js';
import type { ReportKind } from './ReportJson.js';

/** Every `--format json`: one JSON object on one line, the report inside its envelope (`report`, `schema`, `tool`, `generated`). */
export function jsonRenderer<Report extends object>(kind: ReportKind): Renderer<Report> {
  return (report, meta) => `${JSON.stringify({ report: kind, schema: REPORT_SCHEMA, ...meta, ...report })}\n`;
}

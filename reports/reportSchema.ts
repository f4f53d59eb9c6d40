import { z } from 'zod';
import { ReportJson } from './ReportJson.js';

/** The formats draft 2020-12 defines (its validation vocabulary, section 7.3): the only ones the schema keeps. */
export const STANDARD_FORMATS: ReadonlySet<string> = new Set([
  'date-time',
  'date',
  'time',
  'duration',
  'email',
  'idn-email',
  'hostname',
  'idn-hostname',
  'ipv4',
  'ipv6',
  'uri',
  'uri-reference',
  'iri',
  'iri-reference',
  'uuid',
  'uri-template',
  'json-pointer',
  'relative-json-pointer',
  'regex',
]);

/** The JSON Schema (draft 2020-12) of every JSON report, as `docs/report.schema.json` holds it for other tools. */
export function reportSchema(): string {
  const schema = z.toJSONSchema(ReportJson, {
    target: 'draft-2020-12',
    unrepresentable: 'any',
    // zod names some checks as formats of its own (`startsWith` is "starts_with"), which validators
    // warn of or refuse; the `pattern` it writes beside them says the same in standard JSON Schema
    override: ({ jsonSchema }) => {
      if (typeof jsonSchema.format === 'string' && !STANDARD_FORMATS.has(jsonSchema.format)) delete jsonSchema.format;
    },
  });
  return `${JSON.stringify({ $id: 'https://photosync.invalid/report.schema.json', title: 'photosync report', ...schema }, null, 2)}\n`;
}

import { readFile } from 'node:fs/promises';
import { MUTANTS } from '../adapters/sim/mutants/catalog.js';
import { compareReports } from '../diff/compareReports.js';
import { decodeReport } from '../diff/decodeReport.js';
import { DiffError } from '../diff/DiffError.js';
import { entryIssue } from '../diff/entryIssue.js';
import { PROFILE_IDS } from '../model/profiles.js';
import { DIFF_KINDS } from '../reports/DiffReport.js';
import { diffRenderersWith } from '../reports/diffRenderers.js';
import type { Format } from '../reports/Renderer.js';
import { ReportJson } from '../reports/ReportJson.js';
import { REPORT_SCHEMA, type ReportMeta } from '../reports/ReportMeta.js';
import { formatPath } from '../trace/TraceError.js';
import { ExitCode } from './ExitCode.js';
import type { Io } from './Io.js';
import { reportMeta, VERSION } from './reportMeta.js';

export type DiffOptions = { format: Format; all?: boolean };

const KINDS = ReportJson.options.map((o): string => o.shape.report.value);

/**
 * `photosync diff BASE NEW`: 0 when nothing that held in BASE fails in NEW, 1 when something does,
 * 2 when a file is not a photosync JSON report or the two cannot be compared. Reads, writes nothing
 * but the report, and on stderr its warnings (the reports tried other runs), which leave the exit code be.
 */
export async function diffCommand(
  base: string,
  next: string,
  options: DiffOptions,
  io: Io,
  meta: ReportMeta = reportMeta(),
): Promise<ExitCode> {
  try {
    const diff = compareReports(await readReport(base), await readReport(next), { base, next });
    for (const warning of diff.warnings ?? []) io.err(`photosync: warning: ${warning}\n`);
    io.out(diffRenderersWith({ all: options.all === true })[options.format](diff, meta));
    return diff.regressed ? ExitCode.diverges : ExitCode.ok;
  } catch (e) {
    if (!(e instanceof DiffError)) throw e;
    // mapped here, not in main: main takes an error with a PHOTOSYNC_ code for a failure of the live tenant (exit 4)
    io.err(`photosync: ${e.message}\n`);
    return ExitCode.badInput;
  }
}

/**
 * A JSON report photosync wrote, in UTF-8 with or without a byte order mark; a DiffError naming the
 * file and the field when it is not one, or names a profile or a mutant this photosync does not know, or one twice.
 */
export async function readReport(file: string): Promise<ReportJson> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'a directory, not a file' : (e as Error).message;
    throw bad(file, `cannot read it: ${why}`);
  }
  const decoded = decodeReport(bytes);
  // Windows PowerShell 5 writes UTF-16 with `>`: JSON.parse would only say "Unexpected token"
  if ('encoding' in decoded) throw bad(file, 'saved as UTF-16: save it as UTF-8 (in PowerShell, Out-File -Encoding utf8)');
  let json: unknown;
  try {
    json = JSON.parse(decoded.text);
  } catch (e) {
    throw bad(file, `not JSON (${(e as Error).message}); write reports with --format json`);
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json) || !('report' in json))
    throw bad(file, 'not a photosync JSON report (no "report" field); write reports with --format json');
  const { report, schema } = json as { report: unknown; schema?: unknown };
  // a kind photosync writes but diff does not compare is refused by compareReports, with both kinds named
  if (typeof report !== 'string' || !KINDS.includes(report))
    throw bad(
      file,
      `field report: ${JSON.stringify(report)} is not a report photosync diff compares (expected one of ${DIFF_KINDS.join(', ')})`,
    );
  if (schema !== REPORT_SCHEMA)
    throw bad(file, `field schema: report schema ${JSON.stringify(schema)}, this photosync reads schema ${REPORT_SCHEMA}`);
  const parsed = ReportJson.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = formatPath(issue.path);
    throw bad(file, `${path === '' ? '' : `field ${path}: `}${issue.message}`);
  }
  const issue = entryIssue(parsed.data, { profiles: PROFILE_IDS, mutants: MUTANTS, version: VERSION });
  if (issue !== undefined) throw bad(file, `field ${formatPath(issue.path)}: ${issue.message}`);
  return parsed.data;
}

const bad = (file: string, detail: string) => new DiffError('PHOTOSYNC_BAD_REPORT', `${file}: ${detail}`);

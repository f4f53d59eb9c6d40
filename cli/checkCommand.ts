import { checkTraceFile } from '../trace/checkTraceFile.js';
import { toCheckReport } from '../reports/CheckReport.js';
import { renderers } from '../reports/renderers.js';
import { ExitCode } from './ExitCode.js';
import type { Io } from './Io.js';
import { selectProfiles, type Format } from './options.js';

export type CheckOptions = { profile?: string; format: Format };

/** `photosync check TRACE`: 0 when every profile asked conforms, 1 when one diverges, 2 on bad input. */
export async function checkCommand(trace: string, options: CheckOptions, io: Io): Promise<ExitCode> {
  const profiles = selectProfiles(options.profile);
  const outcome = await checkTraceFile(trace, profiles);
  io.out(renderers.check[options.format](toCheckReport(outcome)));
  if (outcome.torn !== undefined) {
    io.err(`${outcome.torn.message}\n`);
    return ExitCode.badInput;
  }
  return outcome.results.some((r) => r.verdict === 'diverges') ? ExitCode.diverges : ExitCode.ok;
}

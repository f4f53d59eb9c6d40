import { reportMeta } from './reportMeta.js';
import { checkTrace, type CheckRun } from '../trace/checkTrace.js';
import { CheckWorkerError } from '../trace/CheckWorkerError.js';
import { divergenceSubject, toCheckReport } from '../reports/CheckReport.js';
import { readSubjectLines, type SubjectLines, type SubjectWanted } from '../trace/readSubjectLines.js';
import { renderers } from '../reports/renderers.js';
import { ExitCode } from './ExitCode.js';
import type { Io } from './Io.js';
import { selectProfiles, type Format } from './options.js';

export type CheckOptions = { profile?: string; format: Format; threads?: number };

/** The most threads `check --threads` takes: each reads the whole file, so more only cost memory. */
export const MAX_THREADS = 64;

/**
 * `photosync check TRACE`: 0 when every profile asked conforms, 1 when one diverges, 2 on bad input,
 * 3 when checking itself failed (a check worker's fault: no verdict is given), 130 on Ctrl-C.
 */
export async function checkCommand(trace: string, options: CheckOptions, io: Io): Promise<ExitCode> {
  const profiles = selectProfiles(options.profile);
  // Ctrl-C stops the check (and terminates its worker threads) instead of killing the process mid-way
  const stop = new AbortController();
  const onSigint = () => stop.abort(new Interrupted());
  process.once('SIGINT', onSigint);
  let outcome: CheckRun;
  try {
    outcome = await checkTrace(trace, profiles, {
      signal: stop.signal,
      ...(options.threads === undefined ? {} : { threads: options.threads }),
    });
  } catch (e) {
    if (e instanceof Interrupted) {
      io.err('\nstopped by Ctrl-C: nothing was checked to the end\n');
      return ExitCode.interrupted;
    }
    if (e instanceof CheckWorkerError) {
      io.err(`photosync: ${e.message}\n`);
      return ExitCode.failed;
    }
    throw e;
  } finally {
    process.off('SIGINT', onSigint);
  }
  io.out(renderers.check[options.format](toCheckReport(outcome, await excerpts(trace, outcome)), reportMeta()));
  if (outcome.torn !== undefined) {
    io.err(`photosync: ${outcome.torn.message}\n`);
    return ExitCode.badInput;
  }
  return outcome.results.some((r) => r.verdict === 'diverges') ? ExitCode.diverges : ExitCode.ok;
}

class Interrupted extends Error {
  constructor() {
    super('stopped by Ctrl-C');
    this.name = 'Interrupted';
  }
}

/** For each diverging profile, the subject's part of the trace up to the divergence (read in one pass): its story in the report. */
async function excerpts(trace: string, outcome: CheckRun): Promise<Map<string, SubjectLines>> {
  const wanted: (SubjectWanted & { profile: string })[] = [];
  for (const r of outcome.results) {
    if (r.verdict !== 'diverges') continue;
    const who = divergenceSubject(r.divergence);
    if (who !== undefined) wanted.push({ profile: r.profile, ...who, upTo: r.divergence.line });
  }
  if (wanted.length === 0) return new Map();
  const parts = await readSubjectLines(trace, wanted);
  return new Map(wanted.map((w, i) => [w.profile, parts[i]!]));
}

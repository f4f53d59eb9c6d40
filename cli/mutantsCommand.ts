import { reportMeta } from './reportMeta.js';
import { performance } from 'node:perf_hooks';
import { MUTANTS } from '../adapters/sim/mutants/catalog.js';
import { explore } from '../harness/explore.js';
import { simTenantFactory } from '../harness/TenantFactory.js';
import { toMutantRun, toMutantRunsReport, type MutantRun } from '../reports/MutantRunsReport.js';
import { renderers } from '../reports/renderers.js';
import { ExitCode } from './ExitCode.js';
import { mutantNamed, oneProfile } from './harnessTenant.js';
import { interruptible } from './interruptible.js';
import type { Io } from './Io.js';
import type { Format } from './options.js';
import { ProgressLine } from './Progress.js';
import { UsageError } from './UsageError.js';

export type MutantsOptions = { budget: number; profile?: string; mutant?: string; maxActions: number; seed?: number; format: Format };

/**
 * `photosync mutants`: runs the harness on every mutant of the catalog, as a simulated tenant of
 * each profile whose rule it breaks, against that profile. Exit 0 when every one is killed, 1
 * when one survives its budget, 2 on bad input.
 */
export async function mutantsCommand(options: MutantsOptions, io: Io): Promise<ExitCode> {
  const only = options.profile === undefined || options.profile === 'all' ? undefined : oneProfile(options.profile).id;
  const mutants = options.mutant === undefined ? MUTANTS : [mutantNamed(options.mutant)];
  if (only !== undefined && !mutants.some((m) => m.profiles.includes(only))) {
    throw new UsageError(`no mutant${options.mutant === undefined ? '' : ` ${options.mutant}`} breaks a rule of --profile ${only}`);
  }
  const began = performance.now();
  const progress = new ProgressLine(io);
  const { rows, interrupted } = await interruptible(io, async (stop) => {
    const out: MutantRun[] = [];
    for (const mutant of mutants) {
      for (const profileId of mutant.profiles) {
        if (only !== undefined && profileId !== only) continue;
        if (stop.stopped) return { rows: out, interrupted: true };
        const e = await explore(simTenantFactory({ profile: profileId, mutant }), oneProfile(profileId), {
          runs: options.budget,
          maxActions: options.maxActions,
          seed: options.seed,
          stop,
          onProgress: (p) => progress.show(`${mutant.id} on ${profileId}`, p),
        });
        progress.done();
        // a run cut short by Ctrl-C says nothing of whether the mutant would have survived
        if (e.interrupted && e.outcome === 'conforms') return { rows: out, interrupted: true };
        out.push(toMutantRun(mutant, e));
      }
    }
    return { rows: out, interrupted: stop.stopped };
  });
  const report = toMutantRunsReport(options.budget, rows, interrupted, performance.now() - began);
  io.out(renderers.mutantRuns[options.format](report, reportMeta()));
  if (interrupted) return ExitCode.interrupted;
  return report.summary.killed === report.summary.runs ? ExitCode.ok : ExitCode.diverges;
}

import { reportMeta } from './reportMeta.js';
import { performance } from 'node:perf_hooks';
import { MUTANTS } from '../adapters/sim/mutants/catalog.js';
import { knownMinimalLength, shortestKnownLength, type Mutant } from '../adapters/sim/mutants/Mutant.js';
import { PROFILES } from '../model/profiles.js';
import { explore } from '../harness/explore.js';
import { simTenantFactory } from '../harness/TenantFactory.js';
import { toMutantRun, toMutantRunsReport, type MutantRun } from '../reports/MutantRunsReport.js';
import { toMutantsReport } from '../reports/MutantsReport.js';
import { renderers } from '../reports/renderers.js';
import { ExitCode } from './ExitCode.js';
import { checkMutantApplies, mutantNamed, oneProfile } from './harnessTenant.js';
import { interruptible } from './interruptible.js';
import type { Io } from './Io.js';
import type { Format } from './options.js';
import { ProgressLine } from './Progress.js';
import { UsageError } from './UsageError.js';

export type MutantsOptions = { budget: number; profile?: string; mutant?: string; maxActions: number; seed?: number; format: Format };

/** The flags that only running the mutants reads: `--list` runs nothing. */
export const RUN_ONLY_FLAGS = ['--budget', '--seed', '--max-actions'] as const;

/** The mutants `--mutant` and `--profile` select, and the one profile `--profile` names (none: all). */
function selection(options: Pick<MutantsOptions, 'profile' | 'mutant'>): { mutants: readonly Mutant[]; only: string | undefined } {
  const only = options.profile === undefined || options.profile === 'all' ? undefined : oneProfile(options.profile).id;
  if (options.mutant !== undefined) {
    const mutant = mutantNamed(options.mutant);
    if (only !== undefined) checkMutantApplies(mutant, only, '--profile');
    return { mutants: [mutant], only };
  }
  const mutants = only === undefined ? MUTANTS : MUTANTS.filter((m) => m.profiles.includes(only));
  if (mutants.length === 0) throw new UsageError(`no mutant breaks a rule of --profile ${only}`);
  return { mutants, only };
}

/**
 * `photosync mutants --list`: the catalog, or the part of it `--profile` and `--mutant` select,
 * with how the whole catalog covers the rules they touch. `given` are the flags on the command line:
 * one that only running reads is refused, as the list runs nothing.
 */
export function mutantsListCommand(options: MutantsOptions, given: readonly string[], io: Io): ExitCode {
  const ignored = RUN_ONLY_FLAGS.filter((f) => given.includes(f));
  if (ignored.length > 0)
    throw new UsageError(`${ignored.join(', ')} with --list: the list runs nothing (leave out --list to run the mutants)`);
  const { mutants, only } = selection(options);
  const profiles = only === undefined ? PROFILES : PROFILES.filter((p) => p.id === only);
  // the length listed is the shortest known on any of its profiles, as `mutants` holds its stories against it
  const full = toMutantsReport(
    MUTANTS.map((m) => ({ ...m, minimalLength: shortestKnownLength(m) })),
    profiles,
  );
  const ids = new Set(mutants.map((m) => m.id));
  // with --mutant, only the rule it breaks, as the profiles it lists: the rest is not what was asked
  const touched = options.mutant === undefined ? undefined : mutants[0]!;
  const report = {
    mutants: full.mutants.filter((m) => ids.has(m.id)),
    coverage: full.coverage.filter((c) => touched === undefined || (c.rule === touched.breaks && touched.profiles.includes(c.profile))),
  };
  io.out(renderers.mutants[options.format](report, reportMeta()));
  return ExitCode.ok;
}

/**
 * `photosync mutants`: runs the harness on every mutant of the catalog, as a simulated tenant of
 * each profile whose rule it breaks, against that profile. Exit 0 when every one is killed, 1
 * when one survives its budget, 2 on bad input, 130 when Ctrl-C stopped it before every mutant
 * was run.
 */
export async function mutantsCommand(options: MutantsOptions, io: Io): Promise<ExitCode> {
  const { mutants, only } = selection(options);
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
        // held against the shortest story known on this profile, from any header the harness generates
        out.push(toMutantRun({ ...mutant, minimalLength: knownMinimalLength(mutant, profileId) }, e));
        // nor one whose shrinking was cut of how short the harness makes its story: marked, and left out of those figures
        if (e.outcome === 'diverges' && e.shrinkingStopped) return { rows: out, interrupted: true };
      }
    }
    return { rows: out, interrupted: stop.stopped };
  });
  const report = toMutantRunsReport(options.budget, rows, interrupted, performance.now() - began, {
    maxActions: options.maxActions,
    ...(options.seed === undefined ? {} : { seed: options.seed }),
    ...(only === undefined ? {} : { profile: only }),
    ...(options.mutant === undefined ? {} : { mutant: mutants[0]!.id }),
  });
  io.out(renderers.mutantRuns[options.format](report, reportMeta()));
  if (interrupted) return ExitCode.interrupted;
  return report.summary.killed === report.summary.runs ? ExitCode.ok : ExitCode.diverges;
}

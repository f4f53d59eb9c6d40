import { reportMeta } from './reportMeta.js';
import type { Profile } from '../model/Profile.js';
import { explore, type Exploration, type StopSignal } from '../harness/explore.js';
import { ReplayPathError } from '../harness/ReplayPathError.js';
import type { TenantFactory } from '../harness/TenantFactory.js';
import { recordingSinks, writeTrace } from '../harness/traceFiles.js';
import { renderers } from '../reports/renderers.js';
import { toRunReport } from '../reports/RunReport.js';
import type { SearchOptions } from '../reports/SearchOptions.js';
import { ExitCode } from './ExitCode.js';
import type { TenantOptions } from './harnessOptions.js';
import { checkOutputDirs, checkTenantOptions, oneProfile, replayCommand, withTenant } from './harnessTenant.js';
import { withImages } from './storyImages.js';
import { interruptible } from './interruptible.js';
import type { Io } from './Io.js';
import type { Format } from './options.js';
import { ProgressLine } from './Progress.js';
import { UsageError } from './UsageError.js';

export type RunOptions = TenantOptions & { profile?: string; runs: number; path?: string; out: string; record?: string; format: Format };

/**
 * `photosync run`: 0 when the tenant conforms to the profile, 1 on a divergence (shrunk and written
 * as a trace), 2 on bad input, a --path that replays nothing with these options among it (on a live
 * tenant, a path whose run conforms this time is 0, said on stderr), 130 when Ctrl-C stopped it with
 * nothing found.
 */
export async function runCommand(options: RunOptions, io: Io): Promise<ExitCode> {
  checkTenantOptions(options);
  if (options.adapter === 'live' && options.profile === undefined)
    throw new UsageError('--adapter live needs --profile: which hypothesis to check the tenant against');
  const profile = oneProfile(options.profile ?? options.simProfile);
  if (options.path !== undefined && options.seed === undefined) throw new UsageError('--path needs the --seed it was found with');
  checkOutputDirs(options);
  return withTenant(options, io, (tenant) => runOn(tenant, profile, options, io));
}

async function runOn(tenant: TenantFactory, profile: Profile, options: RunOptions, io: Io): Promise<ExitCode> {
  const progress = new ProgressLine(io);
  // drawn here rather than by fast-check, so that the report can say what the search started from
  const seed = options.seed ?? randomSeed();
  let e: Exploration;
  try {
    e = await interruptible(io, (stop) => exploreOne(tenant, profile, { ...options, seed }, stop, progress));
  } catch (error) {
    if (error instanceof ReplayPathError) throw pathUsageError(error, tenant, profile.id, options);
    throw error;
  } finally {
    progress.done();
  }
  const trace = e.outcome === 'diverges' ? writeCounterexample(options.out, tenant, e) : undefined;
  const replay =
    e.outcome === 'diverges'
      ? replayCommand(tenant, profile.id, e.seed, e.path, e.maxActions, options.runs)
      : replayCommand(tenant, profile.id, e.seed, e.notReproduced, options.maxActions, options.runs);
  if (e.outcome === 'conforms' && e.notReproduced !== undefined) {
    io.err(
      `photosync: --path ${e.notReproduced} did not reproduce a divergence with these options: its run conforms to ${profile.id} this time (a live tenant may not repeat itself)\n`,
    );
  }
  if (e.outcome === 'diverges' && e.shrinkingStopped) io.err(`photosync: ${SHRINKING_STOPPED}\n`);
  const report = toRunReport(e, { trace, replay, options: searchOptions(options, seed) });
  if (report.counterexample !== undefined) report.counterexample = await withImages(tenant, report.counterexample);
  io.out(renderers.run[options.format](report, reportMeta()));
  if (e.outcome === 'diverges') return ExitCode.diverges;
  return e.interrupted ? ExitCode.interrupted : ExitCode.ok;
}

/** A seed as fast-check draws one when given none: a 32-bit integer, which --seed takes back. */
export function randomSeed(): number {
  return (Date.now() ^ (Math.random() * 0x1_0000_0000)) | 0;
}

/** What a report of `run` or `matrix` records of the options it was made with: `seed` as given, or as drawn. */
export function searchOptions(options: Pick<RunOptions, 'runs' | 'maxActions' | 'path'>, seed: number): SearchOptions {
  return { runs: options.runs, maxActions: options.maxActions, seed, ...(options.path === undefined ? {} : { path: options.path }) };
}

/** What is said of a counterexample whose shrinking Ctrl-C cut short. */
export const SHRINKING_STOPPED =
  'shrinking was stopped: the counterexample printed is not minimal; its replay line starts from it and shrinks it to the end, which may tell a shorter story';

/** The usage error of a --path that replays nothing with these options: the replay line printed with a counterexample has them all. */
function pathUsageError(e: ReplayPathError, tenant: TenantFactory, profile: string, options: RunOptions): UsageError {
  const what =
    e.reason === 'no-run'
      ? `no run of --seed ${options.seed} is at this path with these options`
      : `the run at this path conforms to ${profile} with these options: it reproduces no divergence`;
  const flags =
    tenant.describe.adapter === 'live'
      ? '--config, --no-operator, --profile and --max-actions'
      : '--sim-profile, --mutant, --as-is, --profile and --max-actions';
  return new UsageError(
    `--path ${e.path}: ${what}. A path replays its counterexample only with every option of the replay line printed with it (${flags}), and with the photosync that printed it: run that line as it is`,
  );
}

/** One exploration with the options of `run` and `matrix`: progress on the terminal, every run recorded if asked. */
export function exploreOne(
  tenant: TenantFactory,
  profile: Profile,
  options: Pick<RunOptions, 'runs' | 'maxActions' | 'seed' | 'path' | 'record'>,
  stop: StopSignal,
  progress: ProgressLine,
): Promise<Exploration> {
  const record = options.record === undefined ? undefined : recordingSinks(options.record, { ...tenant.describe, profile: profile.id });
  return explore(tenant, profile, {
    runs: options.runs,
    maxActions: options.maxActions,
    seed: options.seed,
    path: options.path,
    stop,
    onProgress: (p) => progress.show(profile.id, p),
    ...(record === undefined ? {} : { record }),
  });
}

/** Writes a counterexample as a trace whose header says how to replay it; returns its path. */
export function writeCounterexample(dir: string, tenant: TenantFactory, e: Exploration & { outcome: 'diverges' }): string {
  const d = tenant.describe;
  const history = d.history === 'as-is' ? 'as-is' : undefined;
  const name = [d.adapter, d.simProfile, d.mutant, history, 'vs', e.profile, `seed${e.seed}`].filter((x) => x !== undefined).join('-');
  return writeTrace(dir, name, e.counterexample, {
    ...d,
    profile: e.profile,
    seed: e.seed,
    path: e.path,
    maxActions: e.maxActions,
    tenantSeed: e.counterexample.plan.seed,
  });
}

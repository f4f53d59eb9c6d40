import { reportMeta } from './reportMeta.js';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { PROFILES } from '../model/profiles.js';
import { toMatrixResult, type MatrixReport, type MatrixResult } from '../reports/MatrixReport.js';
import { renderers } from '../reports/renderers.js';
import { ExitCode } from './ExitCode.js';
import type { TenantOptions } from './harnessOptions.js';
import { checkOutputDirs, checkTenantOptions, matrixReplayCommand, withTenant } from './harnessTenant.js';
import type { TenantFactory } from '../harness/TenantFactory.js';
import { withImages } from './storyImages.js';
import { interruptible } from './interruptible.js';
import type { Io } from './Io.js';
import type { Format } from './options.js';
import { ProgressLine } from './Progress.js';
import { exploreOne, randomSeed, searchOptions, SHRINKING_STOPPED, writeCounterexample } from './runCommand.js';

export type MatrixOptions = TenantOptions & { runs: number; out: string; record?: string; format: Format };

/**
 * `photosync matrix`: one tenant against every profile, every one explored from the same seed, so
 * that one command repeats it. Exit 0 when some profile holds, 1 when none does (the tenant fits no
 * hypothesis), 2 on bad input, 130 when Ctrl-C stopped it before every profile was explored.
 */
export async function matrixCommand(options: MatrixOptions, io: Io): Promise<ExitCode> {
  checkTenantOptions(options);
  checkOutputDirs(options);
  return withTenant(options, io, (tenant) => matrixOn(tenant, options, io));
}

async function matrixOn(tenant: TenantFactory, options: MatrixOptions, io: Io): Promise<ExitCode> {
  const began = performance.now();
  const progress = new ProgressLine(io);
  const seed = options.seed ?? randomSeed();
  const { results, interrupted } = await interruptible(io, async (stop) => {
    const out: MatrixResult[] = [];
    for (const profile of PROFILES) {
      if (stop.stopped) break;
      const record = options.record === undefined ? undefined : join(options.record, profile.id);
      const e = await exploreOne(tenant, profile, { ...options, seed, record }, stop, progress);
      progress.done();
      if (e.outcome === 'diverges' && e.shrinkingStopped) io.err(`photosync: ${profile.id}: ${SHRINKING_STOPPED}\n`);
      const result = toMatrixResult(e, e.outcome === 'diverges' ? writeCounterexample(options.out, tenant, e) : undefined);
      if (result.counterexample !== undefined) result.counterexample = await withImages(tenant, result.counterexample);
      out.push(result);
    }
    return { results: out, interrupted: stop.stopped };
  });
  const report: MatrixReport = {
    tenant: { ...tenant.describe },
    options: searchOptions(options, seed),
    seed,
    replay: matrixReplayCommand(tenant, seed, options.maxActions, options.runs),
    interrupted,
    ms: Math.round(performance.now() - began),
    results,
  };
  io.out(renderers.matrix[options.format](report, reportMeta()));
  if (interrupted) return ExitCode.interrupted;
  return results.some((r) => r.verdict === 'conforms') ? ExitCode.ok : ExitCode.diverges;
}

import { statSync, type Stats } from 'node:fs';
import { availableParallelism } from 'node:os';
import type { Profile } from '../model/Profile.js';
import { checkTraceFile, type CheckOutcome } from './checkTraceFile.js';
import { checkTraceFileParallel, workerScriptExists, type ParallelStats } from './checkTraceParallel.js';
import { TraceError } from './TraceError.js';

/**
 * The smallest trace checked in worker threads. Below it their start and their own warm-up of the
 * model (each thread compiles it anew), and the reading of the whole file by each, cost about what
 * they save: on 2 cores, five profiles broke even near 400,000 events of the bench's trace (35 MB).
 * See BENCHMARKS.md.
 */
export const PARALLEL_MIN_BYTES = 32 * 2 ** 20;

/**
 * The least profiles × workers for the workers to pay: each worker reads the whole file, and only
 * the checking is shared. On 2 cores, 1 and 2 profiles were faster in one thread, 3 even, 5 faster
 * in two workers; with more workers each checks less, so fewer profiles pay.
 */
export const PARALLEL_MIN_WORK = 8;

/**
 * The most worker threads `check` starts unless asked for more (`threads`). Each worker reads the
 * whole file and keeps a heap of its own: on the bench's trace (1,000,000 events, 88 MB) the check
 * peaked at 212 to 231 MiB with two workers, 253 to 270 with three and 308 with four (527 with
 * eight, before the young generation went from 16 to 12 MB), so two keep it under the 256 MB it is
 * held to on any machine. More cores are used only when asked.
 */
export const DEFAULT_MAX_WORKERS = 2;

/** How a trace is checked: in this thread (and why), or by this many workers. */
export type CheckWay = { readonly workers: 0; readonly why: string } | { readonly workers: number };

export type CheckRun = CheckOutcome & { readonly way: CheckWay; readonly parallel?: ParallelStats };

/**
 * Worker threads where they pay: more than one core, profiles × workers at least
 * PARALLEL_MIN_WORK, a trace of at least PARALLEL_MIN_BYTES, and the compiled worker script beside
 * this module (not so under vitest, which runs the TypeScript sources); one per core, at most
 * DEFAULT_MAX_WORKERS. `threads` asks for that many threads whatever the cores, the profiles and the
 * size (1: this thread); the file and the worker script are still needed.
 */
export function checkWay(path: string, profiles: number, cores = availableParallelism(), threads?: number): CheckWay {
  if (threads === 1) return { workers: 0, why: 'one thread asked' };
  const workers = threads ?? Math.min(cores, DEFAULT_MAX_WORKERS);
  if (threads === undefined) {
    if (cores < 2) return { workers: 0, why: 'one core' };
    if (profiles * workers < PARALLEL_MIN_WORK)
      return { workers: 0, why: `${profiles === 1 ? 'one profile' : `${profiles} profiles`} for ${workers} workers` };
  }
  let bytes: number;
  try {
    bytes = statSync(path).size;
  } catch {
    return { workers: 0, why: 'not a readable file' };
  }
  if (threads === undefined && bytes < PARALLEL_MIN_BYTES) return { workers: 0, why: 'a small trace' };
  if (!workerScriptExists()) return { workers: 0, why: 'no compiled worker script' };
  return { workers };
}

/**
 * Checks a trace against profiles: checkTraceFile, or checkTraceFileParallel where checkWay says so
 * (`threads` as there). Invariant: the same outcome, or the same TraceError, either way. `signal`
 * stops the check: it then rejects with the signal's reason. A trace that is not a regular file is
 * refused before anything is read (requireRegularFile).
 */
export async function checkTrace(
  path: string,
  profiles: readonly Profile[],
  options: { signal?: AbortSignal; threads?: number } = {},
): Promise<CheckRun> {
  requireRegularFile(path);
  const way = checkWay(path, profiles.length, undefined, options.threads);
  const signal = options.signal === undefined ? {} : { signal: options.signal };
  if (way.workers === 0) return { ...(await checkTraceFile(path, profiles, signal)), way };
  const { parallel, ...outcome } = await checkTraceFileParallel(path, profiles, { workers: way.workers, ...signal });
  return { ...outcome, way, parallel };
}

/**
 * Refuses a trace that is not a regular file (a pipe, `/dev/stdin` fed by one, `<(...)`, a device)
 * with a TraceError: a check reads the trace more than once (each worker reads it, a divergence's
 * story is read again), and a pipe gives its bytes once, so a second reader would wait forever or
 * find it empty. A missing file and a directory pass, for the reader to name as it does.
 */
export function requireRegularFile(path: string): void {
  let stat: Stats;
  try {
    stat = statSync(path);
  } catch {
    return;
  }
  if (stat.isFile() || stat.isDirectory()) return;
  throw new TraceError(
    'PHOTOSYNC_TRACE_UNREADABLE',
    path,
    0,
    '',
    `cannot read the trace: it is ${kind(stat)}, not a regular file (check reads a trace more than once, and a pipe or a socket can be read only once): save the trace to a file first, and check that file`,
  );
}

function kind(stat: Stats): string {
  return stat.isFIFO() ? 'a pipe' : stat.isSocket() ? 'a socket' : 'a device';
}

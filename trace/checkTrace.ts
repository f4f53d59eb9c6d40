import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import type { Profile } from '../model/Profile.js';
import { checkTraceFile, type CheckOutcome } from './checkTraceFile.js';
import { checkTraceFileParallel, workerScriptExists, type ParallelStats } from './checkTraceParallel.js';

/**
 * The smallest trace checked in worker threads. Below it their start and their own warm-up of the
 * model (each thread compiles it anew), and the reading of the whole file by each, cost about what
 * they save: on 2 cores, five profiles broke even near 400,000 events of the bench's trace (35 MB).
 * See BENCHMARKS.md.
 */
export const PARALLEL_MIN_BYTES = 32 * 2 ** 20;

/**
 * The least profiles × cores for the workers to pay: each worker reads the whole file, and only
 * the checking is shared. On 2 cores, 1 and 2 profiles were faster in one thread, 3 even, 5 faster
 * in two workers; with more cores each worker checks less, so fewer profiles pay.
 */
export const PARALLEL_MIN_WORK = 8;

/** How a trace is checked: in this thread (and why), or by this many workers. */
export type CheckWay = { readonly workers: 0; readonly why: string } | { readonly workers: number };

export type CheckRun = CheckOutcome & { readonly way: CheckWay; readonly parallel?: ParallelStats };

/**
 * Worker threads where they pay: more than one core, profiles × cores at least PARALLEL_MIN_WORK,
 * a trace of at least PARALLEL_MIN_BYTES, and the compiled worker script beside this module (not
 * so under vitest, which runs the TypeScript sources).
 */
export function checkWay(path: string, profiles: number, cores = availableParallelism()): CheckWay {
  if (cores < 2) return { workers: 0, why: 'one core' };
  if (profiles * cores < PARALLEL_MIN_WORK)
    return { workers: 0, why: `${profiles === 1 ? 'one profile' : `${profiles} profiles`} on ${cores} cores` };
  let bytes: number;
  try {
    bytes = statSync(path).size;
  } catch {
    return { workers: 0, why: 'not a readable file' };
  }
  if (bytes < PARALLEL_MIN_BYTES) return { workers: 0, why: 'a small trace' };
  if (!workerScriptExists()) return { workers: 0, why: 'no compiled worker script' };
  return { workers: cores };
}

/**
 * Checks a trace against profiles: checkTraceFile, or checkTraceFileParallel where checkWay says so.
 * Invariant: the same outcome, or the same TraceError, either way. `signal` stops the check: it
 * then rejects with the signal's reason.
 */
export async function checkTrace(path: string, profiles: readonly Profile[], options: { signal?: AbortSignal } = {}): Promise<CheckRun> {
  const way = checkWay(path, profiles.length);
  if (way.workers === 0) return { ...(await checkTraceFile(path, profiles, options)), way };
  const { parallel, ...outcome } = await checkTraceFileParallel(path, profiles, { workers: way.workers, ...options });
  return { ...outcome, way, parallel };
}

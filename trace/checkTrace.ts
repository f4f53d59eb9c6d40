import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import type { Profile } from '../model/Profile.js';
import { checkTraceFile, type CheckOutcome } from './checkTraceFile.js';
import { checkTraceFileParallel, workerScriptExists, type ParallelStats } from './checkTraceParallel.js';

/**
 * The smallest trace checked in worker threads. Below it their start (about 70 ms of CPU each) and
 * their own warm-up of the model (each thread compiles it anew) cost about what they save: on 2
 * cores, five profiles broke even between 7 and 14 MB (80,000 to 160,000 events of the bench's
 * trace); a faster model moves that point up. See BENCHMARKS.md.
 */
export const PARALLEL_MIN_BYTES = 16 * 2 ** 20;

/** How a trace is checked: in this thread (and why), or by this many workers. */
export type CheckWay = { readonly workers: 0; readonly why: string } | { readonly workers: number };

export type CheckRun = CheckOutcome & { readonly way: CheckWay; readonly parallel?: ParallelStats };

/**
 * Worker threads where they pay: more than one core, a trace of at least PARALLEL_MIN_BYTES, and
 * the compiled worker script beside this module (not so under vitest, which runs the TypeScript
 * sources). `profiles` do not matter: the workers share the subjects, each checking every profile.
 */
export function checkWay(path: string): CheckWay {
  const cores = availableParallelism();
  if (cores < 2) return { workers: 0, why: 'one core' };
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
  const way = checkWay(path);
  if (way.workers === 0) return { ...(await checkTraceFile(path, profiles, options)), way };
  const { parallel, ...outcome } = await checkTraceFileParallel(path, profiles, { workers: way.workers, ...options });
  return { ...outcome, way, parallel };
}

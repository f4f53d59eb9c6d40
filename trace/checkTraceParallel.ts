import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Profile } from '../model/Profile.js';
import type { Verdict } from '../model/Verdict.js';
import { BatchEncoder } from './BatchEncoder.js';
import { CheckCrew } from './CheckCrew.js';
import type { CheckOutcome } from './checkTraceFile.js';
import { batchBytes } from './eventBatch.js';
import { readRawLines } from './readRawLines.js';
import { readTrace } from './readTrace.js';
import { TraceError } from './TraceError.js';
import { traceStart } from './traceStart.js';
import type { WorkerStats } from './workerMessages.js';

export { CheckWorkerError } from './CheckWorkerError.js';

/** The compiled worker script; absent when this module runs from its TypeScript source. */
export const WORKER_URL = new URL('./checkWorker.js', import.meta.url);

export function workerScriptExists(): boolean {
  return existsSync(fileURLToPath(WORKER_URL));
}

export type ParallelOptions = {
  /** default: as many as profiles, at most availableParallelism() */
  readonly workers?: number;
  /** events per batch; default 2048 */
  readonly batchEvents?: number;
  /** batches sent and not yet done before the reader waits; default 16 */
  readonly inFlight?: number;
  /** aborting terminates the workers and rejects with the signal's reason */
  readonly signal?: AbortSignal;
};

/** How the work went: the reading thread's time and, of it, the time it waited for the workers; what each worker did. */
export type ParallelStats = {
  readonly readMs: number;
  readonly waitMs: number;
  readonly batches: number;
  readonly workers: readonly WorkerStats[];
};

export type ParallelOutcome = CheckOutcome & { readonly parallel: ParallelStats };

/**
 * checkTraceFile with the profiles' checkers in worker threads: this thread reads, validates and
 * parses every line (readTrace), packs the events into batches in shared memory (BatchEncoder)
 * and sends each batch to every worker that still has a profile undecided; each worker rebuilds
 * the events and feeds its share of the checkers. The `event` of a divergence, the line as
 * parsed, is read again from the file.
 * Invariants: the same outcome and the same TraceError as checkTraceFile on every file; a worker
 * that fails rejects the whole with a CheckWorkerError; every worker is terminated when it settles.
 */
export async function checkTraceFileParallel(
  path: string,
  profiles: readonly Profile[],
  options: ParallelOptions = {},
): Promise<ParallelOutcome> {
  const n = Math.max(1, Math.min(options.workers ?? availableParallelism(), profiles.length));
  const capacity = options.batchEvents ?? 2048;
  const crew = new CheckCrew(WORKER_URL, profiles, shareProfiles(profiles, n), options.inFlight ?? 16);
  const { signal } = options;
  const onAbort = () => crew.abort(signal!.reason instanceof Error ? signal!.reason : new Error('aborted'));
  signal?.addEventListener('abort', onAbort);
  if (signal?.aborted) onAbort();
  try {
    const encoder = new BatchEncoder(capacity, () => crew.buffer(batchBytes(capacity)));
    let header = false;
    let torn: TraceError | undefined;
    let batches = 0;
    let waitMs = 0;
    const began = performance.now();
    try {
      await readTrace(path, {
        header(h) {
          header = true;
          crew.start(traceStart(h));
        },
        event(e, line) {
          if (crew.open && encoder.add(e, line)) {
            crew.send(encoder.take());
            batches++;
          }
        },
        pause() {
          const wait = crew.pause();
          if (wait === undefined) return undefined;
          const from = performance.now();
          return wait.finally(() => (waitMs += performance.now() - from));
        },
      });
    } catch (e) {
      // a failure of the workers, or an abort, reaches readTrace as an unreadable file
      if (crew.error !== undefined) throw crew.error;
      if (!(e instanceof TraceError && e.code === 'PHOTOSYNC_TORN_TRACE' && header)) throw e;
      torn = e;
    }
    if (crew.open && encoder.size > 0) {
      crew.send(encoder.take());
      batches++;
    }
    const readMs = performance.now() - began;
    const { verdicts, workers } = await crew.finish();
    const results = await withEvents(path, verdicts);
    const parallel: ParallelStats = { readMs, waitMs, batches, workers };
    return torn === undefined ? { trace: path, results, parallel } : { trace: path, results, torn, parallel };
  } finally {
    signal?.removeEventListener('abort', onAbort);
    await crew.close();
  }
}

/**
 * The profiles' indices split into `n` shares of about equal cost, each in the profiles' order.
 * The cost of a profile is taken to be its number of rules (the longest first, each to the lightest share).
 */
export function shareProfiles(profiles: readonly Profile[], n: number): number[][] {
  const shares = Array.from({ length: n }, () => ({ cost: 0, profiles: [] as number[] }));
  const order = profiles.map((p, i) => ({ i, cost: p.rules.length })).sort((a, b) => b.cost - a.cost || a.i - b.i);
  for (const { i, cost } of order) {
    const lightest = shares.reduce((min, s) =>
      s.cost < min.cost || (s.cost === min.cost && s.profiles.length < min.profiles.length) ? s : min,
    );
    lightest.cost += cost;
    lightest.profiles.push(i);
  }
  return shares.map((s) => s.profiles.sort((a, b) => a - b)).filter((s) => s.length > 0);
}

/** The verdicts with the `event` of each divergence as the trace wrote it. */
async function withEvents(path: string, verdicts: readonly Verdict[]): Promise<Verdict[]> {
  const lines = verdicts.flatMap((v) => (v.verdict === 'diverges' ? [v.divergence.line] : []));
  if (lines.length === 0) return [...verdicts];
  const raws = await readRawLines(path, lines);
  return verdicts.map((v) =>
    v.verdict === 'diverges' ? { ...v, divergence: { ...v.divergence, event: raws.get(v.divergence.line) } } : v,
  );
}

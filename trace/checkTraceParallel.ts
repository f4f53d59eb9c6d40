import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Profile } from '../model/Profile.js';
import type { Verdict } from '../model/Verdict.js';
import { CheckWorkerError } from './CheckWorkerError.js';
import type { CheckOutcome } from './checkTraceFile.js';
import { readRawLines } from './readRawLines.js';
import { TraceError } from './TraceError.js';
import type { FromWorker, TraceErrorData, WorkerData, WorkerStats } from './workerMessages.js';

export { CheckWorkerError } from './CheckWorkerError.js';

/** The compiled worker script; absent when this module runs from its TypeScript source. */
export const WORKER_URL = new URL('./checkWorker.js', import.meta.url);

export function workerScriptExists(): boolean {
  return existsSync(fileURLToPath(WORKER_URL));
}

export type ParallelOptions = {
  /** how many shards, each a worker; default availableParallelism() */
  readonly workers?: number;
  /** aborting terminates the workers and rejects with the signal's reason */
  readonly signal?: AbortSignal;
};

/** What each worker did; `mismatch`: the line whose claim was off, after which one worker read the whole trace. */
export type ParallelStats = { readonly workers: readonly WorkerStats[]; readonly mismatch?: number };

export type ParallelOutcome = CheckOutcome & { readonly parallel: ParallelStats };

/**
 * A worker's young generation may grow to 48 MB by default. With 16, `check --profile all` peaked
 * at 231 to 259 MiB on the bench's trace and up to 264 MiB on the fault bench's (2026-12-05); with
 * 12, at 212 to 231 and 225 to 231 MiB, in 1.8% more time (medians of 12 runs each, alternating);
 * 8 saved nothing more.
 */
const YOUNG_GENERATION_MB = 12;

/**
 * checkTraceFile in worker threads, each one shard of the subjects (readTrace's shards): every
 * worker reads the file itself, parses and checks the events of its own subjects and of no
 * subject, for every profile, and passes over the rest. A profile's verdict is the one decided at
 * the least line; the first bad line is the one at the least line. Should a line not say what a
 * quick look took it to say (ShardMismatchError), one worker checks the whole trace again. The
 * `event` of a divergence, the line as parsed, is read again from the file.
 * Invariants: the same outcome and the same TraceError as checkTraceFile on every file; a worker
 * that fails rejects the whole with a CheckWorkerError; every worker is terminated when it settles.
 */
export async function checkTraceFileParallel(
  path: string,
  profiles: readonly Profile[],
  options: ParallelOptions = {},
): Promise<ParallelOutcome> {
  const count = Math.max(1, options.workers ?? availableParallelism());
  let answers = await runShards(path, profiles, count, options.signal);
  let mismatch: number | undefined;
  for (const a of answers) if (a.kind === 'mismatch') mismatch = Math.min(mismatch ?? Infinity, a.line);
  if (mismatch !== undefined) answers = await runShards(path, profiles, 1, options.signal);

  let first: TraceErrorData | undefined;
  for (const a of answers) if (a.kind === 'rejected' && (first === undefined || a.error.line < first.line)) first = a.error;
  if (first !== undefined) throw traceError(first);
  const done = answers.filter((a): a is Extract<FromWorker, { kind: 'done' }> => a.kind === 'done');
  // every worker reads every line: only the workers that checked it could be stopped by a torn last line
  const torn = done.find((a) => a.torn !== undefined)?.torn;
  const verdicts = profiles.map((_, p) => earliest(done.map((a) => a.verdicts[p]!)));
  const results = await withEvents(path, verdicts);
  const parallel: ParallelStats = { workers: done.map((a) => a.stats), ...(mismatch === undefined ? {} : { mismatch }) };
  return torn === undefined ? { trace: path, results, parallel } : { trace: path, results, torn: traceError(torn), parallel };
}

/** Runs `count` shards, one worker each, and resolves with their answers in shard order. */
async function runShards(
  path: string,
  profiles: readonly Profile[],
  count: number,
  signal: AbortSignal | undefined,
): Promise<FromWorker[]> {
  signal?.throwIfAborted();
  const workers = Array.from({ length: count }, (_, index) => {
    const data: WorkerData = { path, profiles, shard: { index, count } };
    return new Worker(WORKER_URL, { workerData: data, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
  });
  let onAbort: (() => void) | undefined;
  try {
    const aborted = new Promise<never>((_, reject) => {
      onAbort = () => reject(signal!.reason instanceof Error ? signal!.reason : new Error('aborted'));
      signal?.addEventListener('abort', onAbort);
    });
    return await Promise.race([Promise.all(workers.map((w, i) => answerOf(w, i, count))), aborted]);
  } finally {
    if (onAbort !== undefined) signal?.removeEventListener('abort', onAbort);
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

/** The one message of a worker, or a CheckWorkerError when it fails or exits without one. */
function answerOf(worker: Worker, index: number, count: number): Promise<FromWorker> {
  const which = count === 1 ? 'the check worker' : `check worker ${index + 1} of ${count}`;
  return new Promise<FromWorker>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', (e) => reject(new CheckWorkerError(`${which} failed: ${e.message}`, { cause: e })));
    worker.once('messageerror', (e) => reject(new CheckWorkerError(`${which} sent a message that could not be read`, { cause: e })));
    worker.once('exit', (code) => reject(new CheckWorkerError(`${which} exited with code ${code} before its verdicts`)));
  });
}

/**
 * A profile's verdict over the shards: the divergence at the least line, else the `unknown` at the
 * least line (a checker goes on past it, so a certain divergence later outranks it), else `conforms`.
 */
function earliest(verdicts: readonly Verdict[]): Verdict {
  let best = verdicts[0]!;
  let [bestTier, bestLine] = rank(best);
  for (const v of verdicts) {
    const [tier, line] = rank(v);
    if (tier < bestTier || (tier === bestTier && line < bestLine)) [best, bestTier, bestLine] = [v, tier, line];
  }
  return best;
}

/** A verdict's kind (a divergence, then an `unknown`, then `conforms`) and its line. */
function rank(v: Verdict): readonly [number, number] {
  return v.verdict === 'diverges' ? [0, v.divergence.line] : v.verdict === 'unknown' ? [1, v.line] : [2, Infinity];
}

function traceError(e: TraceErrorData): TraceError {
  return new TraceError(e.code, e.file, e.line, e.field, e.detail);
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

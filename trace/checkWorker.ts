import { parentPort, workerData } from 'node:worker_threads';
import { ProfileChecker } from '../model/ProfileChecker.js';
import type { TraceEvent } from '../model/vocabulary.js';
import { readTrace, type ReadCounts } from './readTrace.js';
import { ShardMismatchError } from './ShardMismatchError.js';
import { TraceError } from './TraceError.js';
import { traceStart } from './traceStart.js';
import type { FromWorker, TraceErrorData, WorkerData, WorkerStats } from './workerMessages.js';

/**
 * A check worker (see checkTraceParallel): reads the trace itself as one shard of it, feeds its
 * events to a checker of every profile, and posts one message. `raw`, the line as parsed, is not
 * sent: the reading thread reads a divergent line again.
 * Invariant: an exception other than a TraceError or a ShardMismatchError ends the worker, and
 * the thread that started it reports it as an error.
 */
const { path, profiles, shard } = workerData as WorkerData;

/**
 * How many events the checkers are fed at a time, one checker over all of them, then the next:
 * the profiles' states are too large together for the caches, and a checker run over thousands
 * of events at a time keeps its own warm (BENCHMARKS.md).
 */
const CHUNK = 16_384;

let checkers: ProfileChecker[] = [];
let open: ProfileChecker[] = [];
let held: TraceEvent[] = [];
let heldLines: number[] = [];
let checked = 0;
let checkMs = 0;

function run(): void {
  const began = performance.now();
  for (const c of open) for (let i = 0; i < held.length && c.feed(held[i]!, heldLines[i]!, held[i]) === undefined; i++);
  open = open.filter((c) => c.verdict === undefined);
  checked += held.length;
  held = [];
  heldLines = [];
  checkMs += performance.now() - began;
}

function data(e: TraceError): TraceErrorData {
  return { code: e.code, file: e.file, line: e.line, field: e.field, detail: e.detail };
}

/** The worker's one answer. */
async function check(): Promise<FromWorker> {
  let header = false;
  let counts: ReadCounts | undefined;
  let torn: TraceError | undefined;
  try {
    counts = await readTrace(
      path,
      {
        header(h) {
          const start = traceStart(h);
          checkers = profiles.map((p) => new ProfileChecker(p, start));
          open = [...checkers];
          header = true;
        },
        event(e, line) {
          if (open.length === 0) return;
          held.push(e);
          heldLines.push(line);
          if (held.length >= CHUNK) run();
        },
      },
      shard,
    );
  } catch (e) {
    if (e instanceof ShardMismatchError) return { kind: 'mismatch', line: e.line };
    if (!(e instanceof TraceError)) throw e;
    // a torn header leaves nothing to check
    if (!(e.code === 'PHOTOSYNC_TORN_TRACE' && header)) return { kind: 'rejected', error: data(e) };
    torn = e;
  }
  run();
  const stats: WorkerStats = { shard: shard.index, ...counts, checked, checkMs };
  const verdicts = checkers.map((c) => c.finish());
  return torn === undefined ? { kind: 'done', verdicts, stats } : { kind: 'done', verdicts, torn: data(torn), stats };
}

parentPort!.postMessage(await check());

import type { Profile } from '../model/Profile.js';
import { ProfileChecker } from '../model/ProfileChecker.js';
import { ChunkedFeed } from './ChunkedFeed.js';
import { readTrace, type ReadCounts, type TraceShard } from './readTrace.js';
import { ShardMismatchError } from './ShardMismatchError.js';
import { TraceError } from './TraceError.js';
import { traceStart } from './traceStart.js';
import type { FromWorker, TraceErrorData, WorkerStats } from './workerMessages.js';

/**
 * Reads `shard` of a trace (readTrace) and checks its events against every profile: the work of
 * one check worker (checkTraceParallel). `raw`, the line as parsed, is left out of a divergence:
 * whoever joins the shards reads a divergent line again.
 * Invariant: resolves with the verdicts, the first bad line, or the line whose claim was off;
 * rejects only with a failure of its own (neither a TraceError nor a ShardMismatchError).
 */
export async function checkShard(path: string, profiles: readonly Profile[], shard: TraceShard): Promise<FromWorker> {
  let checkers: ProfileChecker[] = [];
  let feed = new ChunkedFeed([]);
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
          feed = new ChunkedFeed(checkers);
          header = true;
        },
        event(e, line) {
          feed.add(e, line);
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
  feed.flush();
  const stats: WorkerStats = { shard: shard.index, ...counts, checked: feed.checked, checkMs: feed.checkMs };
  const verdicts = checkers.map((c) => c.finish());
  return torn === undefined ? { kind: 'done', verdicts, stats } : { kind: 'done', verdicts, torn: data(torn), stats };
}

function data(e: TraceError): TraceErrorData {
  return { code: e.code, file: e.file, line: e.line, field: e.field, detail: e.detail };
}

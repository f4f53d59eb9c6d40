import { parentPort, workerData } from 'node:worker_threads';
import { checkShard } from './checkShard.js';
import type { WorkerData } from './workerMessages.js';

/**
 * A check worker (see checkTraceParallel): checks its shard of the trace (checkShard) and posts
 * the one answer. Invariant: a failure of its own ends the worker, and the thread that started it
 * reports it as an error.
 */
const { path, profiles, shard } = workerData as WorkerData;
parentPort!.postMessage(await checkShard(path, profiles, shard));

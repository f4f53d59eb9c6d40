import { PROFILES } from '../model/profiles.js';
import { checkShard } from '../trace/checkShard.js';

/**
 * One shard of `check --profile all`, alone: `node dist/bench/shardRun.js FILE INDEX COUNT` reads
 * the trace as shard INDEX of COUNT and checks its events against every profile, as one check
 * worker does, in this thread. Prints `{"ms":T,"checked":N,"passed":P}`. With as many free cores
 * as shards, the check takes about as long as its slowest shard alone (checkBench's projection).
 */
const [file, index, count] = process.argv.slice(2);
if (file === undefined || index === undefined || count === undefined) throw new Error('usage: shardRun FILE INDEX COUNT');
const began = performance.now();
const answer = await checkShard(file, PROFILES, { index: Number(index), count: Number(count) });
if (answer.kind !== 'done') throw new Error(`shard ${index} of ${count}: ${JSON.stringify(answer)}`);
const { checked, passed } = answer.stats;
process.stdout.write(`${JSON.stringify({ ms: performance.now() - began, checked, passed })}\n`);

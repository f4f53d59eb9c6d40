import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * `npm run bench` after the build: the harness, check, fault, live and campaign benchmarks in turn, each in its own
 * `node` process, stopping at the first that fails. Flags after `--` go to the check benchmark, as
 * they did when it ran last; run another alone with `node dist/bench/NAME.js` to give it flags.
 */
const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const runs: readonly (readonly string[])[] = [
  ['dist/bench/harnessBench.js'],
  ['dist/bench/checkBench.js', ...process.argv.slice(2)],
  ['dist/bench/faultBench.js'],
  ['dist/bench/liveBench.js'],
  ['dist/bench/campaignBench.js'],
];
for (const args of runs) {
  const { status, signal } = spawnSync(process.execPath, args, { cwd: ROOT, stdio: 'inherit' });
  if (status !== 0) {
    process.stderr.write(`node ${args.join(' ')} ${signal !== null ? `was stopped by ${signal}` : `exited with ${status}`}\n`);
    process.exit(status ?? 1);
  }
}

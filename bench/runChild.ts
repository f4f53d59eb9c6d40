import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** One run of a child `node` process: its wall time as the parent saw it, and its peak memory. */
export type ChildRun = { ms: number; maxRssKiB: number; code: number; stdout: string; stderr: string };

const TIME = '/usr/bin/time';
const REPORT_MAX_RSS = fileURLToPath(new URL('./reportMaxRss.js', import.meta.url));

/** How peak memory is measured: GNU time's %M where it exists, else the child reports its own. */
export const maxRssSource = existsSync(TIME) ? `${TIME} -f %M (max RSS)` : 'process.resourceUsage().maxRSS in the child';

/**
 * Runs `node ARGS` in a fresh process and waits for it. Peak memory is the child's max RSS, read
 * from the last line of its stderr, where /usr/bin/time (or the preloaded reportMaxRss) puts it.
 */
export function runNode(args: readonly string[], cwd: string): Promise<ChildRun> {
  const [command, argv] = existsSync(TIME)
    ? [TIME, ['-f', '%M', process.execPath, ...args]]
    : [process.execPath, ['--import', REPORT_MAX_RSS, ...args]];
  return new Promise((resolvePromise, reject) => {
    const began = performance.now();
    const child = spawn(command, argv, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - began;
      const stderr = Buffer.concat(err).toString('utf8').trimEnd();
      const last = stderr.slice(stderr.lastIndexOf('\n') + 1);
      const maxRssKiB = /^\d+$/.test(last) ? Number(last) : NaN;
      resolvePromise({
        ms,
        maxRssKiB,
        code: code ?? -1,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: stderr.slice(0, stderr.length - last.length).trimEnd(),
      });
    });
  });
}

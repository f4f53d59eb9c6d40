import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** One run of a child `node` process: its wall time as the parent saw it, its CPU time (user and system, every thread) and its peak memory. */
export type ChildRun = { ms: number; cpuMs: number; maxRssKiB: number; code: number; stdout: string; stderr: string };

const TIME = '/usr/bin/time';
const REPORT_MAX_RSS = fileURLToPath(new URL('./reportMaxRss.js', import.meta.url));

/** How CPU time and peak memory are measured: GNU time's %U, %S and %M where it exists, else the child reports its own. */
export const maxRssSource = existsSync(TIME) ? `${TIME} -f '%U %S %M' (CPU time, max RSS)` : 'process.resourceUsage() in the child';

/** The last line of the child's stderr: user and system CPU seconds, then max RSS in KiB. */
const USAGE = /^(\d+(?:\.\d+)?) (\d+(?:\.\d+)?) (\d+)$/;

/**
 * Runs `node ARGS` in a fresh process and waits for it. CPU time and peak memory are read from the
 * last line of its stderr, where /usr/bin/time (or the preloaded reportMaxRss) puts them; NaN
 * where that line is missing.
 */
export function runNode(args: readonly string[], cwd: string): Promise<ChildRun> {
  const [command, argv] = existsSync(TIME)
    ? [TIME, ['-f', '%U %S %M', process.execPath, ...args]]
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
      const usage = USAGE.exec(last);
      resolvePromise({
        ms,
        cpuMs: usage === null ? NaN : (Number(usage[1]) + Number(usage[2])) * 1000,
        maxRssKiB: usage === null ? NaN : Number(usage[3]),
        code: code ?? -1,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: usage === null ? stderr : stderr.slice(0, stderr.length - last.length).trimEnd(),
      });
    });
  });
}

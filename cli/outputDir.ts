import { mkdirSync, mkdtempSync, rmdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { UsageError } from './UsageError.js';

/**
 * Checks, before anything runs, that `dir` is or can become a writable directory: makes what is
 * missing of it and a directory in it, then removes what it made, so that one that cannot be made
 * or written (EPERM under /sys, a read-only disk) is a usage error now rather than a lost verdict
 * after every run. Leaves the file system as it found it.
 */
export function checkOutputDir(dir: string, flag: string): void {
  // an unset shell variable: resolved, it would be the working directory, and mkdir of it fails
  if (dir.trim() === '') throw new UsageError(`${flag} is empty: expected a directory (a shell variable left unset?)`);
  const target = resolve(dir);
  for (let at = target; ; at = dirname(at)) {
    let stat;
    try {
      stat = statSync(at);
    } catch {
      if (dirname(at) === at) break;
      continue;
    }
    if (!stat.isDirectory()) throw new UsageError(`${flag} ${dir}: ${at} is not a directory`);
    break;
  }
  let made: string | undefined;
  try {
    made = mkdirSync(target, { recursive: true });
    rmdirSync(mkdtempSync(join(target, '.photosync-probe-')));
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    throw new UsageError(`${flag} ${dir}: cannot be made or written to (${reason})`);
  } finally {
    // one at a time, from the deepest: rmdir removes only an empty directory, and only those made here
    if (made !== undefined) {
      for (let d = target; ; d = dirname(d)) {
        try {
          rmdirSync(d);
        } catch {
          break;
        }
        if (d === made) break;
      }
    }
  }
}

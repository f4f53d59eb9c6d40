import { mkdirSync, mkdtempSync, rmdirSync, statSync, type Stats } from 'node:fs';
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
  const found = nearestExisting(target);
  if (found !== undefined && !found.stat.isDirectory()) throw new UsageError(`${flag} ${dir}: ${found.at} is not a directory`);
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

/** The nearest of `path` and the folders above it that exists (a stat that fails is taken for none), with what it is; undefined when none does. */
export function nearestExisting(path: string): { readonly at: string; readonly stat: Stats } | undefined {
  for (let at = path; ; at = dirname(at)) {
    try {
      return { at, stat: statSync(at) };
    } catch {
      if (dirname(at) === at) return undefined;
    }
  }
}

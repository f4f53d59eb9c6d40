import { accessSync, constants, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { UsageError } from './UsageError.js';

/** Checks, before anything runs, that `dir` is or can become a writable directory; creates nothing. */
export function checkOutputDir(dir: string, flag: string): void {
  let at = resolve(dir);
  for (;;) {
    let stat;
    try {
      stat = statSync(at);
    } catch {
      const parent = dirname(at);
      if (parent === at) break;
      at = parent;
      continue;
    }
    if (!stat.isDirectory()) throw new UsageError(`${flag} ${dir}: ${at} is not a directory`);
    try {
      accessSync(at, constants.W_OK);
    } catch {
      throw new UsageError(`${flag} ${dir}: ${at} is not writable`);
    }
    return;
  }
  throw new UsageError(`${flag} ${dir}: no existing directory to create it in`);
}

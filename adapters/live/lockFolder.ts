import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { StateFolderBusyError } from './StateFolderBusyError.js';

/** What link(2) says on a file system that has no hard links. */
const NO_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS']);

/** Whether a process runs with this id (a lock left by one that was killed is stale). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** What a lock file holds (a process id), or undefined when it is gone. */
function held(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

function removeStale(path: string): void {
  try {
    unlinkSync(path);
  } catch (e) {
    // another process removed it first: the next attempt tells who holds it now
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
}

/**
 * Takes the lock file `path` (created holding this process's id), or throws `busy(pid)` while a
 * live other process holds it. A lock whose process is gone (a kill, a reboot) is taken over.
 * Returns the release, which `process.exit` (a Ctrl-C) makes too: only a kill leaves a lock behind.
 */
export function lockFolder(path: string, busy: (pid: number) => Error): () => void {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      // written whole, then linked in place: no other process ever reads a lock half written
      const mine = `${path}.${process.pid}`;
      writeFileSync(mine, String(process.pid));
      try {
        linkSync(mine, path);
      } catch (e) {
        // a file system without hard links (FAT, some network shares): created in place instead
        if (!NO_LINKS.has((e as NodeJS.ErrnoException).code ?? '')) throw e;
        writeFileSync(path, String(process.pid), { flag: 'wx' });
      } finally {
        unlinkSync(mine);
      }
      const release = () => {
        process.off('exit', release);
        // another process's lock (it took over one thought stale) is not this one's to remove
        if (held(path) !== String(process.pid)) return;
        try {
          unlinkSync(path);
        } catch {
          // already gone: nothing to release
        }
      };
      process.on('exit', release);
      return release;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const was = held(path);
      if (was === undefined) continue;
      const pid = Number(was.trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) throw busy(pid);
      // stale: removed only if it still is the one just read (another process may have taken it over meanwhile)
      if (held(path) === was) removeStale(path);
    }
  }
  throw busy(Number(held(path)?.trim() ?? 0));
}

/**
 * Takes the state folder's lock (`photosync.lock`), held by every process that changes the tenant
 * through it (a run, a matrix, a campaign step, a restore) until it ends, so that no two back up
 * or put back each other's originals. Throws StateFolderBusyError, having changed nothing, while
 * another live process holds it. Returns the release.
 */
export function lockStateFolder(stateDir: string): () => void {
  mkdirSync(stateDir, { recursive: true });
  return lockFolder(join(stateDir, STATE_LOCK), (pid) => new StateFolderBusyError(stateDir, pid));
}

/** The state folder's lock file: it holds the id of the process changing the tenant through the folder. */
export const STATE_LOCK = 'photosync.lock';

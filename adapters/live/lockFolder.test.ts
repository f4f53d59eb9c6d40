import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lockFolder, lockStateFolder, STATE_LOCK } from './lockFolder.js';
import { StateFolderBusyError } from './StateFolderBusyError.js';

const dir = () => mkdtempSync(join(tmpdir(), 'photosync-state-lock-'));

/** A live process (until killed) and its id. */
async function sleeper() {
  const child = spawn('sleep', ['60'], { stdio: 'ignore' });
  await new Promise((r) => child.once('spawn', r));
  return {
    pid: child.pid!,
    kill: async () => {
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
    },
  };
}

describe('lockStateFolder', () => {
  it('makes the folder, holds its lock with this process id until released', () => {
    const state = join(dir(), 'photosync-live');
    const release = lockStateFolder(state);
    expect(readFileSync(join(state, STATE_LOCK), 'utf8')).toBe(String(process.pid));
    release();
    expect(existsSync(join(state, STATE_LOCK))).toBe(false);
  });

  it('refuses while another live process holds it, naming the folder and the process; takes over once that process is gone', async () => {
    const state = dir();
    const other = await sleeper();
    try {
      writeFileSync(join(state, STATE_LOCK), String(other.pid));
      expect(() => lockStateFolder(state)).toThrow(StateFolderBusyError);
      expect(() => lockStateFolder(state)).toThrow(
        `another photosync (process ${other.pid}) is changing the tenant through the state folder ${state}; nothing was done`,
      );
      expect(readFileSync(join(state, STATE_LOCK), 'utf8')).toBe(String(other.pid));
    } finally {
      await other.kill();
    }
    const release = lockStateFolder(state);
    expect(readFileSync(join(state, STATE_LOCK), 'utf8')).toBe(String(process.pid));
    release();
  });
});

describe('lockFolder', () => {
  it('takes over a lock left empty or unreadable (a crash as it was written)', () => {
    const path = join(dir(), 'x.lock');
    writeFileSync(path, '');
    const release = lockFolder(path, () => new Error('busy'));
    expect(readFileSync(path, 'utf8')).toBe(String(process.pid));
    release();
  });

  it('does not remove, when released, a lock another process holds now', async () => {
    const path = join(dir(), 'x.lock');
    const release = lockFolder(path, () => new Error('busy'));
    const other = await sleeper();
    try {
      writeFileSync(path, String(other.pid));
      release();
      expect(readFileSync(path, 'utf8')).toBe(String(other.pid));
    } finally {
      await other.kill();
    }
  });
});

import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { lockFolder } from './lockFolder.js';

// a file system without hard links (FAT, some network shares): link(2) says EPERM
vi.mock('node:fs', async (actual) => ({
  ...(await actual<typeof import('node:fs')>()),
  linkSync: () => {
    throw Object.assign(new Error('EPERM: operation not permitted, link'), { code: 'EPERM' });
  },
}));

describe('lockFolder on a file system without hard links', () => {
  it('creates the lock in place, holding this process id, and releases it', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'photosync-nolinks-')), 'x.lock');
    const release = lockFolder(path, () => new Error('busy'));
    expect(readFileSync(path, 'utf8')).toBe(String(process.pid));
    release();
    expect(() => readFileSync(path, 'utf8')).toThrow(/ENOENT/);
  });
});

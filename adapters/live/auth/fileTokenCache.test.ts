import { chmod, mkdir, mkdtemp, open, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fileCachePlugin, fileTokenCacheName, fileTokenCachePlugin, type CacheContext, type CachePlugin } from './fileTokenCache.js';

const posix = process.platform !== 'win32';
const SECRET = 'rt-secret-0123456789';
const cacheJson = (n: number) => JSON.stringify({ Account: {}, RefreshToken: { [`rt${n}`]: { secret: SECRET, n } } });

/** a TokenCacheContext as MSAL hands it: a changed flag, and a cache that records what it was given */
function context(changed: boolean, serialized = cacheJson(1)) {
  const given: string[] = [];
  let serializeCalls = 0;
  const ctx: CacheContext = {
    cacheHasChanged: changed,
    tokenCache: {
      serialize: () => {
        serializeCalls++;
        return serialized;
      },
      deserialize: (text) => void given.push(text),
    },
  };
  return { ctx, given, serializeCalls: () => serializeCalls };
}

const folders: string[] = [];
const tempFolder = async () => {
  const folder = await mkdtemp(join(tmpdir(), 'photosync-token-cache-'));
  folders.push(folder);
  return folder;
};
afterAll(() => Promise.all(folders.map((f) => rm(f, { recursive: true, force: true }))));
const modeOf = async (path: string) => (await stat(path)).mode & 0o777;

describe('fileCachePlugin', () => {
  it('writes a changed cache to its file (0600, folder 0700) and a new plugin on the same file reads it back', async () => {
    const file = join(await tempFolder(), 'state', 'tokens', 'alice.cache.json');
    const write = context(true, cacheJson(1));
    await fileCachePlugin(file).afterCacheAccess(write.ctx);
    expect(await readFile(file, 'utf8')).toBe(cacheJson(1));
    if (posix) {
      expect(await modeOf(file)).toBe(0o600);
      expect(await modeOf(join(file, '..'))).toBe(0o700);
    }
    const read = context(false);
    await fileCachePlugin(file).beforeCacheAccess(read.ctx);
    expect(read.given).toEqual([cacheJson(1)]);
  });

  it('writes nothing when the access did not change the cache, and reads nothing when there is no file', async () => {
    const file = join(await tempFolder(), 'tokens', 'alice.cache.json');
    const plugin = fileCachePlugin(file);
    const unchanged = context(false);
    await plugin.beforeCacheAccess(unchanged.ctx);
    await plugin.afterCacheAccess(unchanged.ctx);
    expect(unchanged.given).toEqual([]);
    expect(unchanged.serializeCalls()).toBe(0);
    await expect(stat(file)).rejects.toMatchObject({ code: 'ENOENT' });

    await plugin.afterCacheAccess(context(true, cacheJson(1)).ctx);
    const before = await stat(file);
    await plugin.afterCacheAccess(context(false, cacheJson(2)).ctx);
    expect(await readFile(file, 'utf8')).toBe(cacheJson(1));
    expect((await stat(file)).mtimeMs).toBe(before.mtimeMs);
  });

  it('replaces the file atomically: a reader of the old file reads all of it, and no temp file is left', async () => {
    const folder = join(await tempFolder(), 'tokens');
    const file = join(folder, 'alice.cache.json');
    const plugin = fileCachePlugin(file);
    await plugin.afterCacheAccess(context(true, cacheJson(1)).ctx);
    const reader = await open(file, 'r');
    try {
      await plugin.afterCacheAccess(context(true, cacheJson(2)).ctx);
      // a write in place would have truncated what the open reader sees
      expect(await reader.readFile('utf8')).toBe(cacheJson(1));
    } finally {
      await reader.close();
    }
    expect(await readFile(file, 'utf8')).toBe(cacheJson(2));
    expect(await readdir(folder)).toEqual(['alice.cache.json']);
  });

  it('names the file and not the content when a write fails, and leaves no temp file', async () => {
    const folder = join(await tempFolder(), 'tokens');
    const file = join(folder, 'alice.cache.json');
    await mkdir(file, { recursive: true }); // a folder where the file should be: the rename fails
    const error = (await fileCachePlugin(file)
      .afterCacheAccess(context(true).ctx)
      .catch((e: unknown) => e)) as Error;
    expect(error.message).toMatch(/^cannot write .*alice\.cache\.json: E[A-Z]+$/);
    expect(error.message).not.toContain(SECRET);
    expect(await readdir(folder)).toEqual(['alice.cache.json']);
  });

  it.runIf(posix)('tightens a token folder that others could read', async () => {
    const folder = join(await tempFolder(), 'tokens');
    await mkdir(folder);
    await chmod(folder, 0o755);
    await fileCachePlugin(join(folder, 'alice.cache.json')).afterCacheAccess(context(true).ctx);
    expect(await modeOf(folder)).toBe(0o700);
  });

  it.each([
    ['not JSON', '{"Account": {'],
    ['not an object', '[1, 2]'],
    ['a section that is not a map of entries', '{"RefreshToken": {"rt": null}}'],
    ['empty', ''],
  ])('ignores a damaged file (%s): MSAL is not given it, and sees an empty cache', async (_what, text) => {
    const file = join(await tempFolder(), 'alice.cache.json');
    await writeFile(file, text);
    const read = context(false);
    await fileCachePlugin(file).beforeCacheAccess(read.ctx);
    expect(read.given.filter((t) => t !== '')).toEqual([]);
  });

  it("clears MSAL's copy of a file it could not take", async () => {
    const file = join(await tempFolder(), 'alice.cache.json');
    await writeFile(file, cacheJson(1));
    const given: string[] = [];
    const refusing: CacheContext = {
      cacheHasChanged: false,
      tokenCache: {
        serialize: () => '',
        deserialize: (text) => {
          given.push(text);
          if (text !== '') throw new Error('unexpected shape');
        },
      },
    };
    await fileCachePlugin(file).beforeCacheAccess(refusing);
    expect(given).toEqual([cacheJson(1), '']);
  });
});

describe('fileTokenCachePlugin', () => {
  /** the persistence factory the plugin gives @azure/identity */
  function factory() {
    let set: ((options?: { name?: string; unsafeAllowUnencryptedStorage?: boolean }) => Promise<CachePlugin>) | undefined;
    fileTokenCachePlugin({ cachePluginControl: { setPersistence: (f: typeof set) => (set = f) } });
    return set!;
  }

  it('gives the file cache of a registered name, only when unencrypted storage is allowed', async () => {
    const file = join(await tempFolder(), 'tokens', 'alice.cache.json');
    const name = fileTokenCacheName(file);
    expect(fileTokenCacheName(file)).toBe(name);
    expect(name).toMatch(/^[\w.-]+$/);
    const make = factory();
    const plugin = await make({ name, unsafeAllowUnencryptedStorage: true });
    await plugin.afterCacheAccess(context(true).ctx);
    expect(await readFile(file, 'utf8')).toBe(cacheJson(1));
    await expect(make({ name })).rejects.toThrow(/unsafeAllowUnencryptedStorage/);
    await expect(make({ name: 'msal.cache', unsafeAllowUnencryptedStorage: true })).rejects.toThrow(/no token cache file named msal.cache/);
  });
});

import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { HOUR } from '../../model/Params.js';
import { liveOnEmulator, type LiveOnEmulator } from '../../harness/liveOnEmulator.js';
import { openLiveTenant } from './openLiveTenant.js';

let live: LiveOnEmulator | undefined;
afterEach(async () => {
  await live?.close();
  live = undefined;
});

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

describe('a live run is safe', () => {
  it("puts the originals back after a crash mid-run: a later process restores from the state folder's backups", async () => {
    live = await liveOnEmulator({ seed: 41, photo: 'p4' });
    await live.adapter.setup([]);
    await live.adapter.perform.setPhoto({ do: 'setPhoto', user: 'alice', photo: 'p1', via: 'graph', by: 'admin' });
    await live.adapter.perform.setPhotoSettings({ do: 'setPhotoSettings', source: 'cloud', allowedRoles: [] });
    // the process dies here: no restore; another one opens the same config and state folder
    const after = await openLiveTenant(live.configPath);
    try {
      const restored = await after.restoreOriginals();
      expect(restored.map((r) => [r.what, r.id, r.outcome])).toEqual([
        ['settings', 'tenant', 'restored'],
        ['photo', 'alice', 'restored'],
      ]);
      await after.perform.wait({ do: 'wait', ms: 5 * HOUR });
      await expect(after.observe('graph', 'alice', 'bob')).resolves.toEqual({ status: 'seen', photo: 'p4' });
    } finally {
      await after.close();
    }
  });

  it('writes no secret: no token, client secret or private key in any trace, state file or log, the private token cache aside', async () => {
    live = await liveOnEmulator({ seed: 42 });
    const { adapter, emulator, configPath, log } = live;
    await adapter.setup([]);
    await adapter.perform.setPhoto({ do: 'setPhoto', user: 'bob', photo: 'p2', via: 'graph' });
    await adapter.perform.visitMySite({ do: 'visitMySite', user: 'bob' });
    await adapter.observe('yammer', 'bob', 'carol');
    await adapter.restoreOriginals();
    const stateFiles = await filesUnder(join(configPath, '..', 'photosync-live'));
    expect(stateFiles.length).toBeGreaterThan(0);
    const key = (await readFile(join(configPath, '..', JSON.parse(await readFile(configPath, 'utf8')).credential.path), 'utf8')).match(
      /-----BEGIN [A-Z ]*PRIVATE KEY-----\s*([A-Za-z0-9+/=]{40})/,
    )?.[1];
    expect(key).toBeDefined();
    // the test users' tokens are kept between runs, by design, in one folder only its owner can read
    const tokens = join(configPath, '..', 'photosync-live', 'tokens');
    const cached = stateFiles.filter((f) => f.startsWith(`${tokens}/`));
    expect(cached.length).toBeGreaterThan(0);
    expect((await stat(tokens)).mode & 0o777).toBe(0o700);
    for (const f of cached) expect((await stat(f)).mode & 0o777, f).toBe(0o600);
    const elsewhere = stateFiles.filter((f) => !f.startsWith(`${tokens}/`) && !f.endsWith('.jpg') && !f.endsWith('.original'));
    for (const file of [configPath, ...elsewhere]) {
      const text = await readFile(file, 'latin1');
      expect(text, file).not.toContain(emulator.clientSecret);
      expect(text, file).not.toContain(key!);
      expect(text, file).not.toMatch(/eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+/);
    }
    for (const line of log) expect(line).not.toMatch(/eyJ[\w-]+\.eyJ[\w-]+/);
  });
});

import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadLiveConfig } from '../adapters/live/loadLiveConfig.js';
import { emulatorCommand } from './emulatorCommand.js';
import { runCli, tempDirs } from './cli.testkit.js';

const tmp = tempDirs('photosync-emulator-cli-');

const run = (...argv: string[]) => runCli(argv);

describe('photosync emulator --config-out', { timeout: 60_000 }, () => {
  it('creates a folder that does not exist yet, as --out does, and writes the config and its PEM files in it', async () => {
    const config = join(tmp(), 'new', 'folder', 'live.json');
    let err = '';
    const code = await emulatorCommand(
      { port: 0, faultRate: 0, latency: 0, seed: 3, configOut: config },
      { out: () => {}, err: (t) => void (err += t) },
      Promise.resolve(),
    );
    expect(code).toBe(0);
    expect(err).toContain(`wrote ${config}`);
    expect((await loadLiveConfig(config)).operator).toBe('emulator');
    expect(statSync(join(config, '..', 'live.app.pem')).mode & 0o077).toBe(0);
  });

  it('refuses, before the server starts, a path it cannot write: exit 2 naming it, no stack', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'a-file'), '');
    mkdirSync(join(dir, 'a-folder'));
    for (const [path, why] of [
      [join(dir, 'a-file', 'live.json'), `${join(dir, 'a-file')} is not a folder`],
      [join(dir, 'a-folder'), `${join(dir, 'a-folder')} is a folder`],
    ] as const) {
      const r = await run('emulator', '--config-out', path);
      expect(r.code).toBe(2);
      expect(r.err).toContain(`photosync: --config-out ${path}: ${why}`);
      expect(r.err).not.toMatch(/tenant emulator on|\n\s+at /);
    }
    expect(existsSync(join(dir, 'a-folder', 'live.app.pem'))).toBe(false);
  });
});

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadLiveConfig } from '../adapters/live/loadLiveConfig.js';
import { main } from './main.js';

const dirs: string[] = [];
function tmp(): string {
  const dir = mkdtempSync(join(tmpdir(), 'photosync-live-cli-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function run(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => void (out += t), err: (t) => void (err += t) });
  return { code, out, err };
}

/** `photosync emulator --config-out F` in the background, stopped when the test is done with it. */
async function emulatorWithConfig(...flags: string[]): Promise<{ config: string; stop: () => Promise<number> }> {
  const config = join(tmp(), 'live.json');
  let stop!: () => void;
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  const { emulatorCommand } = await import('./emulatorCommand.js');
  let err = '';
  const serving = emulatorCommand(
    { port: 0, faultRate: 0, latency: 0, configOut: config, seed: 31, ...parseFlags(flags) },
    { out: () => {}, err: (t) => void (err += t) },
    stopped,
  );
  for (let i = 0; i < 200 && !err.includes('wrote'); i++) await new Promise((r) => setTimeout(r, 50));
  expect(err).toContain('wrote');
  return { config, stop: async () => (stop(), await serving) };
}

function parseFlags(flags: string[]): { profile?: string; mutant?: string } {
  const out: { profile?: string; mutant?: string } = {};
  for (let i = 0; i < flags.length; i += 2) {
    if (flags[i] === '--profile') out.profile = flags[i + 1]!;
    if (flags[i] === '--mutant') out.mutant = flags[i + 1]!;
  }
  return out;
}

describe('the live tenant from the command line, against the emulator', { timeout: 240_000 }, () => {
  it('emulator --config-out writes a config the live adapter reads; run --adapter live conforms; doctor finds all there; restore puts back', async () => {
    const { config, stop } = await emulatorWithConfig('--profile', 'microsoft-2026');
    try {
      const parsed = await loadLiveConfig(config);
      expect(parsed.operator).toBe('emulator');
      expect(readFileSync(config, 'utf8')).not.toMatch(/PRIVATE KEY|secret/i);

      const doctor = await run('doctor', '--config', config);
      expect(doctor.err).toBe('');
      expect(doctor.out).toContain('Everything a live run needs is there');
      expect(doctor.code).toBe(0);

      const r = await run(
        'run',
        '--adapter',
        'live',
        '--config',
        config,
        '--profile',
        'microsoft-2026',
        '--runs',
        '8',
        '--max-actions',
        '8',
        '--seed',
        '2',
        '--format',
        'json',
      );
      expect(r.code).toBe(0);
      expect(JSON.parse(r.out)).toMatchObject({ tenant: { adapter: 'live', config }, verdict: 'conforms', runs: 8 });
      // the end of the run puts the originals back; nothing is left for restore
      const restore = await run('restore', '--config', config);
      expect(restore.code).toBe(0);
      expect(restore.err).toContain('no original photo waits');
    } finally {
      expect(await stop()).toBe(0);
    }
  });

  it('doctor names what is missing, and a bad config is exit 2 naming the file, line and field', async () => {
    const dir = tmp();
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{\n  "tenantId": "not-a-guid"\n}\n');
    const r = await run('doctor', '--config', bad);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(new RegExp(`${bad}:2: tenantId`));
    expect(r.out).toBe('');
  });

  it('a config that points at no server: doctor says sign-in is missing, exit 1', async () => {
    const { config, stop } = await emulatorWithConfig();
    await stop();
    const r = await run('doctor', '--config', config);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/MISSING/);
    expect(r.out).toMatch(/app sign-in/);
  });
});

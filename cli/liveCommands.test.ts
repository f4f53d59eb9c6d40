import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadLiveConfig } from '../adapters/live/loadLiveConfig.js';
import { runCli, tempDirs } from './cli.testkit.js';

const tmp = tempDirs('photosync-live-cli-');

const run = (...argv: string[]) => runCli(argv);

/** `photosync emulator --config-out F` in the background, stopped when the test is done with it. */
async function emulatorWithConfig(...flags: string[]): Promise<{ config: string; stop: () => Promise<number> }> {
  return emulatorWith({}, ...flags);
}

/** The same, with more of the emulator's options (--fault-rate). */
async function emulatorWith(more: { faultRate?: number }, ...flags: string[]): Promise<{ config: string; stop: () => Promise<number> }> {
  const config = join(tmp(), 'live.json');
  let stop!: () => void;
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  const { emulatorCommand } = await import('./emulatorCommand.js');
  let err = '';
  const serving = emulatorCommand(
    { port: 0, faultRate: 0, latency: 0, configOut: config, seed: 31, ...more, ...parseFlags(flags) },
    { out: () => {}, err: (t) => void (err += t) },
    stopped,
  );
  for (let i = 0; i < 200 && !err.includes('wrote'); i++) await new Promise((r) => setTimeout(r, 50));
  expect(err).toContain('wrote');
  return { config, stop: async () => (stop(), await serving) };
}

/** The config at `path` with `change` made to its JSON, written beside it as `name`. */
function configChanged(path: string, name: string, change: (c: Record<string, any>) => void): string {
  const c = JSON.parse(readFileSync(path, 'utf8')) as Record<string, any>;
  change(c);
  const out = join(path, '..', name);
  writeFileSync(out, JSON.stringify(c, null, 2));
  return out;
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
      expect(restore.err).toContain('nothing waits to be put back');
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

  it('a config that points at no server: doctor says sign-in is missing, naming the endpoint that could not be reached, exit 1', async () => {
    const { config, stop } = await emulatorWithConfig();
    await stop();
    const r = await run('doctor', '--config', config, '--format', 'json');
    expect(r.code).toBe(1);
    const [check] = JSON.parse(r.out).checks;
    expect(check).toMatchObject({ check: 'app sign-in', status: 'missing' });
    expect(check.detail).toMatch(/^endpoints\.authorityHost \(https:\/\/127\.0\.0\.1:\d+\/login\) could not be reached .*ECONNREFUSED/);
    expect(check.detail).not.toMatch(/certificate is uploaded/);
  });

  it('doctor: endpoints.trustedCa missing is MISSING naming the field (as a missing certificate is), and left out a TLS trust failure', async () => {
    const { config, stop } = await emulatorWithConfig();
    try {
      const gone = configChanged(config, 'gone-ca.json', (c) => (c.endpoints.trustedCa = 'nowhere/ca.pem'));
      const r = await run('doctor', '--config', gone, '--format', 'json');
      expect(r.code).toBe(1);
      expect(r.err).toBe('');
      expect(JSON.parse(r.out).checks).toEqual([
        expect.objectContaining({
          check: 'app sign-in',
          status: 'missing',
          detail: expect.stringMatching(/^cannot read endpoints\.trustedCa \S+nowhere\/ca\.pem \(ENOENT\)/),
        }),
      ]);
      const run4 = await run('restore', '--config', gone);
      expect(run4.code).toBe(4);
      expect(run4.err).not.toMatch(/\n\s+at /);

      const untrusting = configChanged(config, 'no-ca.json', (c) => delete c.endpoints.trustedCa);
      const u = await run('doctor', '--config', untrusting, '--format', 'json');
      expect(u.code).toBe(1);
      const [check] = JSON.parse(u.out).checks;
      expect(check).toMatchObject({ check: 'app sign-in', status: 'missing' });
      expect(check.detail).toMatch(
        /^a TLS certificate trust failure: the certificate of endpoints\.authorityHost .* set endpoints\.trustedCa/,
      );
      expect(check.detail).not.toMatch(/certificate is uploaded/);
    } finally {
      await stop();
    }
  });

  it('doctor under faults: a check the tenant did not answer (429, 503, dropped) is NO ANSWER, not MISSING; exit 4', async () => {
    const { config, stop } = await emulatorWith({ faultRate: 1 });
    try {
      const once = configChanged(config, 'once.json', (c) => (c.http = { retries: 0 }));
      const r = await run('doctor', '--config', once);
      expect(r.code).toBe(4);
      expect(r.out).toMatch(/NO ANSWER/);
      expect(r.out).not.toMatch(/MISSING/);
      expect(r.out).toMatch(/The tenant did not answer every check/);
    } finally {
      await stop();
    }
  });

  it("restore puts back the tenant's photo update settings in those words, on stderr as a run says it", async () => {
    const { config, stop } = await emulatorWithConfig();
    try {
      const originals = join((await loadLiveConfig(config)).stateDir, 'originals');
      mkdirSync(originals, { recursive: true });
      writeFileSync(join(originals, 'photo-settings.json'), '{"source":"cloud","allowedRoles":[]}\n');
      const r = await run('restore', '--config', config);
      expect(r.code).toBe(0);
      expect(r.out).toBe('');
      expect(r.err).toBe('photosync: put back the photo update settings of the tenant\n');
      // a change of the tenant: the next survey waits for it to settle
      const { lastChange } = JSON.parse(readFileSync(join((await loadLiveConfig(config)).stateDir, 'last-change.json'), 'utf8')) as {
        lastChange: string;
      };
      expect(Number.isNaN(Date.parse(lastChange))).toBe(false);
    } finally {
      await stop();
    }
  });
});

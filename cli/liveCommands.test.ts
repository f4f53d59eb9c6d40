import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { refusedOrigin, testPki } from '../adapters/live/http/loopback.testkit.js';
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

  describe('a live command that cannot sign in says why, as doctor does: the cause, the field to fix, and doctor to run; exit 4', () => {
    let emulator: { config: string; stop: () => Promise<number> };
    beforeAll(async () => {
      emulator = await emulatorWithConfig();
    });
    afterAll(async () => {
      vi.unstubAllEnvs();
      await emulator.stop();
    });

    /** the two lines a sign-in that failed says, the first matching `cause` */
    const says = (r: { code: number; err: string }, path: string, cause: RegExp) => {
      expect(r.code).toBe(4);
      const lines = r.err.trimEnd().split('\n');
      expect(lines[0]).toMatch(cause);
      expect(lines[1]).toBe(`photosync: for the full picture, run photosync doctor --config ${path}`);
      expect(lines).toHaveLength(2);
    };
    const live = (path: string) => run('run', '--adapter', 'live', '--config', path, '--profile', 'microsoft-2026', '--runs', '1');
    /** an authority host on a loopback port nothing listens on */
    const refusing = async () => {
      const closed = `${(await refusedOrigin()).replace('http:', 'https:')}/login`;
      return configChanged(emulator.config, 'refused.json', (c) => (c.endpoints.authorityHost = closed));
    };

    it('an authority host that refuses the connection: named, with endpoints.authorityHost (run and matrix)', async () => {
      const refused = await refusing();
      const refusedSays =
        /^photosync: the app could not sign in for graph: endpoints\.authorityHost \(https:\/\/127\.0\.0\.1:\d+\/login\) could not be reached .*ECONNREFUSED.*check the address/;
      says(await live(refused), refused, refusedSays);
      says(await run('matrix', '--adapter', 'live', '--config', refused, '--runs', '1'), refused, refusedSays);
    });

    it('restore signs in before its first change and says the same; the backup stays', async () => {
      const refused = await refusing();
      const originals = join((await loadLiveConfig(emulator.config)).stateDir, 'originals');
      mkdirSync(originals, { recursive: true });
      writeFileSync(join(originals, 'photo-settings.json'), '{"source":"cloud","allowedRoles":[]}\n');
      try {
        says(
          await run('restore', '--config', refused),
          refused,
          /endpoints\.authorityHost \(https:\/\/127\.0\.0\.1:\d+\/login\) could not be reached/,
        );
        expect(readdirSync(originals)).toEqual(['photo-settings.json']);
      } finally {
        rmSync(originals, { recursive: true });
      }
    });

    it('an emulator whose CA is not trusted (no endpoints.trustedCa, or another CA): a certificate trust failure, naming endpoints.trustedCa', async () => {
      const untrusting = configChanged(emulator.config, 'no-ca.json', (c) => delete c.endpoints.trustedCa);
      says(
        await live(untrusting),
        untrusting,
        /^photosync: the app could not sign in for graph: a TLS certificate trust failure: the certificate of endpoints\.authorityHost .* set endpoints\.trustedCa to the CA file/,
      );
      const otherCa = join(tmp(), 'other.ca.pem');
      writeFileSync(otherCa, (await testPki()).caCert);
      const mistrusting = configChanged(emulator.config, 'other-ca.json', (c) => (c.endpoints.trustedCa = otherCa));
      says(
        await live(mistrusting),
        mistrusting,
        /a TLS certificate trust failure.*endpoints\.trustedCa \(\S+other\.ca\.pem\) is not the CA that signed it/,
      );
    });

    it('a wrong client secret: check tenantId, clientId and the credential, and the secret never shown', async () => {
      vi.stubEnv('PHOTOSYNC_TEST_WRONG_SECRET', 'not-the-secret-0123456789');
      const wrong = configChanged(
        emulator.config,
        'wrong-secret.json',
        (c) => (c.credential = { kind: 'secret', env: 'PHOTOSYNC_TEST_WRONG_SECRET' }),
      );
      const r = await live(wrong);
      says(
        r,
        wrong,
        /^photosync: the app could not sign in for graph: invalid_client: .*AADSTS7000215.*\. Check tenantId, clientId and the credential/,
      );
      expect(r.err).not.toContain('not-the-secret-0123456789');
    });
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

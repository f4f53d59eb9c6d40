import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { closeEmulator, send } from '../../../emulator/emulator.testkit.js';
import type { RunningEmulator } from '../../../emulator/RunningEmulator.js';
import { startEmulator } from '../../../emulator/startEmulator.js';
import type { LiveConfig } from '../LiveConfig.js';
import { persistentUserCredential, userTokenFiles } from './persistentUserCredential.js';
import { tokenClaims } from './tokenClaims.js';
import { Tokens } from './Tokens.js';

const ALICE = 'alice@photosync.test';
const posix = process.platform !== 'win32';
const modeOf = async (path: string) => (await stat(path)).mode & 0o777;

describe('test users stay signed in across processes, through the state folder (against the emulator)', () => {
  let emu: RunningEmulator;
  const folders: string[] = [];

  beforeAll(async () => {
    emu = await startEmulator({ seed: 7 });
  });
  afterAll(async () => {
    await closeEmulator(emu);
    await Promise.all(folders.map((f) => rm(f, { recursive: true, force: true })));
  });

  /** the emulator's config with a state folder of its own */
  async function freshConfig(): Promise<LiveConfig> {
    const folder = await mkdtemp(join(tmpdir(), 'photosync-tokens-'));
    folders.push(folder);
    return { ...emu.config, stateDir: join(folder, 'photosync-live') };
  }

  /** the scripted operator entering each device code as `upn`; `codes` are the codes shown */
  function operator(upn: string) {
    const codes: string[] = [];
    const prompt = async (_message: string, userCode: string) => {
      codes.push(userCode);
      const answer = await send(emu, 'POST', '/_emulator/signin', { json: { userCode, upn } });
      if (answer.status !== 200) throw new Error(answer.body.toString());
    };
    return { codes, prompt };
  }

  /** Tokens as a new process makes them: a credential with nothing in memory, only the state folder */
  function newProcess(config: LiveConfig, prompt: (m: string, c: string) => Promise<void>): Tokens {
    return new Tokens(config, { prompt, user: (upn, p) => persistentUserCredential(config, upn, p) });
  }

  async function signIn(config: LiveConfig): Promise<void> {
    const first = operator(ALICE);
    expect(await new Tokens(config, { prompt: first.prompt }).token('yammer', ALICE)).toMatch(/^eyJ/);
    expect(first.codes).toHaveLength(1);
  }

  it('signs in with a device code once; a new process gets tokens with no code, checked for the tenant as before', async () => {
    const config = await freshConfig();
    await signIn(config);
    const files = userTokenFiles(config, ALICE);
    if (posix) {
      expect(await modeOf(files.cache)).toBe(0o600);
      expect(await modeOf(files.record)).toBe(0o600);
      expect(await modeOf(dirname(files.cache))).toBe(0o700);
    }
    const record = JSON.parse(await readFile(files.record, 'utf8'));
    expect(record).toMatchObject({ username: ALICE, tenantId: config.tenantId, clientId: config.clientId });
    expect(JSON.stringify(record)).not.toMatch(/eyJ|0\.rt\./);

    const again = operator(ALICE);
    const tokens = newProcess(config, again.prompt);
    const checkTenant = vi.spyOn(tokens, 'checkTenant');
    // Graph was never asked for: only the kept refresh token can give it
    const graph = await tokens.token('graph', ALICE);
    const yammer = await tokens.token('yammer', 'alice');
    expect(again.codes).toEqual([]);
    expect(checkTenant.mock.calls).toEqual([[graph], [yammer]]);
    expect(tokenClaims(graph)).toMatchObject({ tid: config.tenantId });
    expect((await send(emu, 'GET', `/graph/v1.0/users/${ALICE}`, { token: graph })).status).toBe(200);
  });

  it('shows a code again when the kept cache is damaged, and does not crash', async () => {
    const config = await freshConfig();
    await signIn(config);
    const { cache } = userTokenFiles(config, ALICE);
    await writeFile(cache, '{"Account": {"half a');
    const again = operator(ALICE);
    expect(await newProcess(config, again.prompt).token('graph', ALICE)).toMatch(/^eyJ/);
    expect(again.codes).toHaveLength(1);
    expect(JSON.parse(await readFile(cache, 'utf8'))).toHaveProperty('RefreshToken');
  });

  it('shows a code again when the kept refresh token no longer works, then keeps the new one', async () => {
    const config = await freshConfig();
    await signIn(config);
    const { cache } = userTokenFiles(config, ALICE);
    const kept = JSON.parse(await readFile(cache, 'utf8')) as { AccessToken: object; RefreshToken: Record<string, { secret: string }> };
    for (const rt of Object.values(kept.RefreshToken)) rt.secret = '0.rt.revoked';
    kept.AccessToken = {};
    await writeFile(cache, JSON.stringify(kept));
    const again = operator(ALICE);
    expect(await newProcess(config, again.prompt).token('yammer', ALICE)).toMatch(/^eyJ/);
    expect(again.codes).toHaveLength(1);
    const third = operator(ALICE);
    expect(await newProcess(config, third.prompt).token('graph', ALICE)).toMatch(/^eyJ/);
    expect(third.codes).toEqual([]);
  });

  it('keeps nothing of a sign-in as someone else', async () => {
    const config = await freshConfig();
    const asBob = operator('bob@photosync.test');
    await expect(new Tokens(config, { prompt: asBob.prompt }).token('yammer', 'carol@photosync.test')).rejects.toMatchObject({
      code: 'PHOTOSYNC_SIGN_IN',
      message: expect.stringMatching(/as bob@photosync.test, not as carol/),
    });
    const files = userTokenFiles(config, 'carol@photosync.test');
    await expect(stat(files.record)).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(stat(files.cache)).rejects.toMatchObject({ code: 'ENOENT' });
    const asCarol = operator('carol@photosync.test');
    expect(await newProcess(config, asCarol.prompt).token('yammer', 'carol@photosync.test')).toMatch(/^eyJ/);
    expect(asCarol.codes).toHaveLength(1);
  });

  it('names each file after the lowercase sign-in name, escaping what a file name should not hold', async () => {
    const config = await freshConfig();
    const folder = join(config.stateDir, 'tokens');
    expect(userTokenFiles(config, 'Alice@Photosync.test')).toEqual({
      cache: join(folder, 'alice@photosync.test.cache.json'),
      record: join(folder, 'alice@photosync.test.record.json'),
    });
    expect(userTokenFiles(config, '../a+b@x.test').record).toBe(join(folder, '..%002fa%002bb@x.test.record.json'));
  });
});

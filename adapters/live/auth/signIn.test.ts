import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeEmulator, send } from '../../../emulator/emulator.testkit.js';
import type { RunningEmulator } from '../../../emulator/RunningEmulator.js';
import { startEmulator } from '../../../emulator/startEmulator.js';
import type { LiveConfig } from '../LiveConfig.js';
import { appCredential } from './appCredential.js';
import { SignInError } from './SignInError.js';
import { Tokens } from './Tokens.js';

const ALICE = 'alice@photosync.test';
const properties = (upn: string) =>
  `/sp/_api/SP.UserProfiles.PeopleManager/GetPropertiesFor(accountName=@v)?@v=${encodeURIComponent(`'i:0#.f|membership|${upn}'`)}`;

/** a JWT with these claims, unsigned: enough for checks made client-side */
const fakeJwt = (claims: object) =>
  ['{"alg":"none"}', JSON.stringify(claims)].map((p) => Buffer.from(p).toString('base64url')).join('.') + '.';

describe('sign-in through @azure/identity against the emulator', () => {
  let emu: RunningEmulator;
  let secretConfig: LiveConfig;
  const env = () => ({ PHOTOSYNC_TEST_SECRET: emu.clientSecret });

  beforeAll(async () => {
    emu = await startEmulator({ seed: 99 });
    secretConfig = { ...emu.config, credential: { kind: 'secret', env: 'PHOTOSYNC_TEST_SECRET' } };
  });
  afterAll(() => closeEmulator(emu));

  it('gets a Graph token with the certificate (ClientCertificateCredential), which Graph takes', async () => {
    const tokens = new Tokens(emu.config);
    const token = await tokens.token('graph');
    expect((await send(emu, 'GET', `/graph/v1.0/users/${ALICE}`, { token })).status).toBe(200);
    expect(await tokens.token('graph')).toBe(token);
    const sp = await tokens.token('sharepoint');
    expect((await send(emu, 'GET', properties(ALICE), { token: sp })).status).toBe(200);
    const direct = await appCredential(emu.config).getToken(`${emu.url}/my/.default`);
    expect(direct?.token).toMatch(/^eyJ/);
  });

  it('gets a Graph token with the client secret (ClientSecretCredential), and SharePoint refuses the app-only tokens it gets', async () => {
    const tokens = new Tokens(secretConfig, { env: env() });
    const graph = await tokens.token('graph');
    expect((await send(emu, 'GET', `/graph/v1.0/users/${ALICE}`, { token: graph })).status).toBe(200);
    expect((await send(emu, 'GET', properties(ALICE), { token: graph })).status).toBe(401);
    const sp = await tokens.token('sharepoint');
    const refused = await send(emu, 'GET', properties(ALICE), { token: sp });
    expect(refused.status).toBe(401);
    expect(refused.json().error_description).toBe('Unsupported app only token.');
  });

  it('names the environment variable when the secret is not set, and never shows a wrong secret', async () => {
    const missing = new Tokens(secretConfig, { env: {} }).token('graph');
    await expect(missing).rejects.toBeInstanceOf(SignInError);
    await expect(missing).rejects.toMatchObject({ code: 'PHOTOSYNC_SIGN_IN', message: expect.stringContaining('PHOTOSYNC_TEST_SECRET') });
    const wrong = 'not-the-secret-0123456789';
    const refused = new Tokens(secretConfig, { env: { PHOTOSYNC_TEST_SECRET: wrong } }).token('graph');
    await expect(refused).rejects.toMatchObject({ code: 'PHOTOSYNC_SIGN_IN', message: expect.stringMatching(/AADSTS7000215/) });
    await expect(refused).rejects.toMatchObject({ message: expect.not.stringContaining(wrong) });
  });

  it('signs a test user in with a device code (DeviceCodeCredential) that the scripted operator approves, for Viva Engage and then Graph', async () => {
    const prompts: string[] = [];
    const tokens = new Tokens(emu.config, {
      prompt: async (message, userCode, uri) => {
        prompts.push(userCode);
        expect(message).toContain(userCode);
        expect(uri).toBe(`${emu.url}/login/devicelogin`);
        const answer = await send(emu, 'POST', '/_emulator/signin', { json: { userCode, upn: ALICE } });
        if (answer.status !== 200) throw new Error(answer.body.toString());
      },
    });
    const yammer = await tokens.token('yammer', ALICE);
    const answer = await send(emu, 'GET', `/yammer/api/v1/users/by_email.json?email=${ALICE}`, { token: yammer });
    expect(answer.status).toBe(200);
    // the second resource comes from the refresh token: no second code
    const graph = await tokens.token('graph', 'alice');
    expect((await send(emu, 'GET', `/graph/v1.0/users/${ALICE}`, { token: graph })).status).toBe(200);
    expect(prompts).toHaveLength(1);
  });

  it('refuses a token of someone other than the user asked for, and gives up when the prompt fails', async () => {
    const asBob = new Tokens(emu.config, {
      prompt: async (_m, userCode) => {
        await send(emu, 'POST', '/_emulator/signin', { json: { userCode, upn: 'bob@photosync.test' } });
      },
    });
    await expect(asBob.token('yammer', 'carol@photosync.test')).rejects.toMatchObject({
      code: 'PHOTOSYNC_SIGN_IN',
      message: expect.stringMatching(/as bob@photosync.test, not as carol/),
    });
    // signing in again shows a new code, and the right user's sign-in is taken
    const asCarol = new Tokens(emu.config, {
      prompt: async (_m, userCode) => {
        await send(emu, 'POST', '/_emulator/signin', { json: { userCode, upn: 'carol@photosync.test' } });
      },
    });
    expect(await asCarol.token('yammer', 'carol@photosync.test')).toMatch(/^eyJ/);
    const failing = new Tokens(emu.config, {
      prompt: () => {
        throw new Error('nobody at the terminal');
      },
    });
    await expect(failing.token('yammer', 'dave@photosync.test')).rejects.toMatchObject({
      code: 'PHOTOSYNC_SIGN_IN',
      message: expect.stringMatching(/abandoned: the device code prompt failed: nobody at the terminal/),
    });
    await expect(new Tokens(emu.config).token('graph', 'mallory@photosync.test')).rejects.toMatchObject({
      message: expect.stringMatching(/not a test user/),
    });
  });

  it('checkTenant refuses a token of another tenant, and takes one of its own', async () => {
    const tokens = new Tokens(emu.config);
    expect(() => tokens.checkTenant(fakeJwt({ tid: '00000000-0000-4000-8000-000000000000' }))).toThrow(
      expect.objectContaining({ code: 'PHOTOSYNC_WRONG_TENANT' }),
    );
    expect(() => tokens.checkTenant('not a token')).toThrow(SignInError);
    expect(() => tokens.checkTenant(fakeJwt({ tid: emu.config.tenantId }))).not.toThrow();
    const own = await tokens.token('graph');
    expect(() => tokens.checkTenant(own)).not.toThrow();
  });
});

import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadLiveConfig } from '../adapters/live/loadLiveConfig.js';
import { appToken, clientAssertion, closeEmulator, dimensions, send } from './emulator.testkit.js';
import { EmulatorError } from './EmulatorError.js';
import type { RunningEmulator } from './RunningEmulator.js';
import { startEmulator } from './startEmulator.js';

const form = (values: Record<string, string>) => ({
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(values).toString(),
});

describe('startEmulator', () => {
  let emu: RunningEmulator;
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'photosync-emulator-test-'));
    emu = await startEmulator({ seed: 42, dir: join(dir, 'certs') });
  });
  afterAll(async () => {
    await closeEmulator(emu);
    await rm(dir, { recursive: true, force: true });
  });

  it('listens on loopback and points its config at itself, with ids drawn from the seed', async () => {
    expect(emu.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(emu.config.endpoints).toMatchObject({
      authorityHost: `${emu.url}/login`,
      graph: `${emu.url}/graph`,
      sharepoint: `${emu.url}/sp`,
      mySite: `${emu.url}/my`,
      yammer: `${emu.url}/yammer`,
      yammerAudience: `${emu.url}/yammer`,
      disableInstanceDiscovery: true,
      virtualClock: `${emu.url}/_emulator`,
      trustedCa: join(dir, 'certs', 'ca.pem'),
    });
    expect(emu.config.users.map((u) => u.upn)).toEqual(['alice', 'bob', 'carol', 'dave'].map((id) => `${id}@photosync.test`));
    const again = await startEmulator({ seed: 42 });
    try {
      expect([again.config.tenantId, again.config.clientId]).toEqual([emu.config.tenantId, emu.config.clientId]);
    } finally {
      await again.close();
    }
  });

  it('writes a config that loadLiveConfig accepts, with the PEM files beside it and no secret', async () => {
    const path = join(dir, 'out', 'emulator.json');
    await import('node:fs/promises').then((fs) => fs.mkdir(join(dir, 'out')));
    await emu.writeConfig(path);
    const text = await readFile(path, 'utf8');
    expect(text).not.toContain(emu.clientSecret);
    expect(JSON.parse(text).credential).toEqual({ kind: 'certificate', path: 'emulator.app.pem' });
    const loaded = await loadLiveConfig(path, {});
    expect(loaded.credential).toEqual({ kind: 'certificate', path: join(dir, 'out', 'emulator.app.pem') });
    expect(loaded.endpoints.trustedCa).toBe(join(dir, 'out', 'emulator.ca.pem'));
    expect(loaded.tenantId).toBe(emu.config.tenantId);
    expect(loaded.operator).toBe('emulator');
    expect(await readFile(join(dir, 'out', 'emulator.ca.pem'), 'utf8')).toBe(emu.caPem);
    expect((await stat(join(dir, 'out', 'emulator.app.pem'))).mode & 0o077).toBe(0);
  });

  it('refuses options it cannot start with, naming the option', async () => {
    await expect(startEmulator({ profile: 'nope' })).rejects.toMatchObject({ code: 'PHOTOSYNC_BAD_EMULATOR_OPTIONS', option: 'profile' });
    await expect(startEmulator({ faultRate: 2 })).rejects.toBeInstanceOf(EmulatorError);
    await expect(startEmulator({ users: ['admin'] })).rejects.toMatchObject({ option: 'users.0' });
    await expect(startEmulator({ mutant: 'no-such-mutant' })).rejects.toMatchObject({ option: 'mutant' });
    await expect(startEmulator({ photo: 'p999' })).rejects.toMatchObject({ option: 'photo' });
  });

  it('starts a tenant with a history (asIs) later than its start, showing test photos of the default set, and a mutant', async () => {
    const start = Date.UTC(2026, 1, 2, 8);
    const asIs = await startEmulator({ seed: 4, asIs: true, start });
    try {
      expect(asIs.clock.now()).toBeGreaterThan(start);
      const token = await appToken(asIs, 'graph');
      for (const id of ['alice', 'bob', 'carol', 'dave']) {
        const photo = await send(asIs, 'GET', `/graph/v1.0/users/${id}@photosync.test/photos/64x64/$value`, { token });
        expect([200, 404]).toContain(photo.status);
        if (photo.status === 200) expect(await dimensions(photo.body)).toMatchObject({ width: 64, format: 'jpeg' });
      }
    } finally {
      await closeEmulator(asIs);
    }
    const mutant = await startEmulator({ seed: 4, mutant: 'exchange-takes-a-day' });
    await mutant.close();
  });

  it('serves the OpenID configuration of its tenant, and no other tenant', async () => {
    const { tenantId } = emu.config;
    const doc = await send(emu, 'GET', `/login/${tenantId}/v2.0/.well-known/openid-configuration`);
    expect(doc.json()).toMatchObject({
      issuer: `${emu.url}/login/${tenantId}/v2.0`,
      token_endpoint: `${emu.url}/login/${tenantId}/oauth2/v2.0/token`,
      device_authorization_endpoint: `${emu.url}/login/${tenantId}/oauth2/v2.0/devicecode`,
    });
    const other = await send(emu, 'GET', '/login/00000000-0000-4000-8000-000000000000/v2.0/.well-known/openid-configuration');
    expect(other.status).toBe(400);
    expect(other.json().error_description).toMatch(/^AADSTS90002/);
  });

  it('refuses a token request that is malformed, with a wrong secret or an assertion for another audience, naming the field', async () => {
    const { tenantId, clientId } = emu.config;
    const token = `/login/${tenantId}/oauth2/v2.0/token`;
    const scope = `${emu.url}/graph/.default`;
    const missing = await send(emu, 'POST', token, form({ client_id: clientId, scope }));
    expect(missing.json().error_description).toMatch(/'grant_type'/);
    const secret = await send(
      emu,
      'POST',
      token,
      form({ grant_type: 'client_credentials', client_id: clientId, scope, client_secret: 'wrong' }),
    );
    expect([secret.status, secret.json().error]).toEqual([401, 'invalid_client']);
    const assertion = await clientAssertion(emu, 'https://login.microsoftonline.com/elsewhere/oauth2/v2.0/token');
    const aud = await send(
      emu,
      'POST',
      token,
      form({
        grant_type: 'client_credentials',
        client_id: clientId,
        scope,
        client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
        client_assertion: assertion,
      }),
    );
    expect([aud.status, aud.json().error]).toEqual([401, 'invalid_client']);
    const expired = await clientAssertion(emu, `${emu.url}${token}`, { exp: Math.floor(Date.now() / 1000) - 3600 });
    const old = await send(
      emu,
      'POST',
      token,
      form({
        grant_type: 'client_credentials',
        client_id: clientId,
        scope,
        client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
        client_assertion: expired,
      }),
    );
    expect(old.json().error_description).toMatch(/AADSTS700024/);
    const resource = await send(
      emu,
      'POST',
      token,
      form({
        grant_type: 'client_credentials',
        client_id: clientId,
        scope: 'https://graph.microsoft.com/.default',
        client_secret: emu.clientSecret,
      }),
    );
    expect(resource.json().error).toBe('invalid_resource');
    const client = await send(
      emu,
      'POST',
      token,
      form({ grant_type: 'client_credentials', client_id: tenantId, scope, client_secret: emu.clientSecret }),
    );
    expect(client.json().error).toBe('unauthorized_client');
  });

  it('refuses a request without a token, or with one for another audience, with a Graph error', async () => {
    const none = await send(emu, 'GET', '/graph/v1.0/users/alice@photosync.test');
    expect(none.status).toBe(401);
    expect(none.json().error.code).toBe('InvalidAuthenticationToken');
    const sp = await appToken(emu, 'sharepoint');
    const wrong = await send(emu, 'GET', '/graph/v1.0/users/alice@photosync.test', { token: sp });
    expect(wrong.status).toBe(401);
    expect(wrong.json().error.message).toMatch(/Invalid audience/);
    const forged = await send(emu, 'GET', '/graph/v1.0/users/alice@photosync.test', { token: `${sp.slice(0, -4)}AAAA` });
    expect(forged.json().error.message).toMatch(/Invalid signature/);
  });

  it('answers 404 for an unknown path and 405 for a known path with another method', async () => {
    expect((await send(emu, 'GET', '/graph/v1.0/groups')).status).toBe(404);
    expect((await send(emu, 'POST', '/_emulator/clock')).status).toBe(405);
  });
});

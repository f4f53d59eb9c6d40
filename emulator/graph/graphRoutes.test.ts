import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appToken, closeEmulator, dimensions, meanColour, send, solidJpeg, userToken } from '../emulator.testkit.js';
import type { RunningEmulator } from '../RunningEmulator.js';
import { startEmulator } from '../startEmulator.js';

const HOUR = 3600_000;

describe('Graph', () => {
  let emu: RunningEmulator;
  let token: string;
  const upn = (id: string) => `${id}@photosync.test`;
  const advance = (ms: number) => send(emu, 'POST', '/_emulator/clock/advance', { json: { ms } });

  beforeAll(async () => {
    emu = await startEmulator({ seed: 7, start: Date.UTC(2026, 0, 5, 9) });
    token = await appToken(emu, 'graph');
  });
  afterAll(() => closeEmulator(emu));

  it('answers a user by UPN, and 404 for anyone else', async () => {
    const alice = await send(emu, 'GET', `/graph/v1.0/users/${upn('alice')}`, { token });
    expect(alice.status).toBe(200);
    expect(alice.json()).toMatchObject({ userPrincipalName: upn('alice'), displayName: 'Alice', mail: upn('alice') });
    const byId = await send(emu, 'GET', `/graph/v1.0/users/${alice.json().id}`, { token });
    expect(byId.json().userPrincipalName).toBe(upn('alice'));
    const nobody = await send(emu, 'GET', `/graph/v1.0/users/${upn('mallory')}`, { token });
    expect(nobody.status).toBe(404);
    expect(nobody.json().error.code).toBe('Request_ResourceNotFound');
  });

  it('answers 404 ImageNotFound for a user with no photo', async () => {
    const none = await send(emu, 'GET', `/graph/v1.0/users/${upn('bob')}/photo/$value`, { token });
    expect(none.status).toBe(404);
    expect(none.json().error.code).toBe('ImageNotFound');
  });

  it('takes a PUT, and once Exchange has it serves it resized at the asked size', async () => {
    const put = await send(emu, 'PUT', `/graph/v1.0/users/${upn('alice')}/photo/$value`, {
      token,
      headers: { 'content-type': 'image/jpeg' },
      body: await solidJpeg('#d02020', 700),
    });
    expect(put.status).toBe(200);
    await advance(5 * HOUR); // past microsoft-2026's exoLag
    const full = await send(emu, 'GET', `/graph/v1.0/users/${upn('alice')}/photo/$value`, { token });
    expect(full.status).toBe(200);
    expect(full.headers['content-type']).toBe('image/jpeg');
    expect(await dimensions(full.body)).toEqual({ width: 648, height: 648, format: 'jpeg' });
    const [r, g, b] = await meanColour(full.body);
    expect(r).toBeGreaterThan(180);
    expect(g + b).toBeLessThan(120);
    const small = await send(emu, 'GET', `/graph/v1.0/users/${upn('alice')}/photos/96x96/$value`, { token });
    expect(await dimensions(small.body)).toEqual({ width: 96, height: 96, format: 'jpeg' });
    const meta = await send(emu, 'GET', `/graph/v1.0/users/${upn('alice')}/photo`, { token });
    expect(meta.json()).toMatchObject({ width: 648, height: 648, '@odata.mediaContentType': 'image/jpeg' });
  });

  it('takes a PUT of a signed-in user of their own photo', async () => {
    const carol = await userToken(emu, upn('carol'), 'graph');
    const put = await send(emu, 'PUT', `/graph/v1.0/users/${upn('carol')}/photo/$value`, {
      token: carol,
      headers: { 'content-type': 'image/png' },
      body: await solidJpeg('#2040d0').then((j) => import('sharp').then((s) => s.default(j).png().toBuffer())),
    });
    expect(put.status).toBe(200);
  });

  it('removes a photo with DELETE', async () => {
    const del = await send(emu, 'DELETE', `/graph/v1.0/users/${upn('alice')}/photo/$value`, { token });
    expect(del.status).toBe(204);
    await advance(5 * HOUR);
    const none = await send(emu, 'GET', `/graph/v1.0/users/${upn('alice')}/photo/$value`, { token });
    expect(none.status).toBe(404);
  });

  it('refuses a body that is not an image, and a content type that is not one, naming the field', async () => {
    const text = await send(emu, 'PUT', `/graph/v1.0/users/${upn('alice')}/photo/$value`, {
      token,
      headers: { 'content-type': 'image/jpeg' },
      body: 'hello',
    });
    expect(text.status).toBe(400);
    expect(text.json().error.target).toBe('body');
    const type = await send(emu, 'PUT', `/graph/v1.0/users/${upn('alice')}/photo/$value`, {
      token,
      headers: { 'content-type': 'text/plain' },
      body: await solidJpeg('#000000'),
    });
    expect(type.status).toBe(400);
    expect(type.json().error.target).toBe('header.content-type');
    const size = await send(emu, 'GET', `/graph/v1.0/users/${upn('alice')}/photos/50x50/$value`, { token });
    expect(size.status).toBe(400);
    expect(size.json().error.target).toBe('path.size');
  });

  it('reads and changes the photo update settings', async () => {
    const before = await send(emu, 'GET', '/graph/beta/admin/people/photoUpdateSettings', { token });
    expect(before.json()).toMatchObject({ source: null, allowedRoles: [] });
    const patch = await send(emu, 'PATCH', '/graph/beta/admin/people/photoUpdateSettings', {
      token,
      json: { source: 'cloud', allowedRoles: ['PhotoAdmin'] },
    });
    expect(patch.status).toBe(200);
    const after = await send(emu, 'GET', '/graph/beta/admin/people/photoUpdateSettings', { token });
    expect(after.json()).toMatchObject({ source: 'cloud', allowedRoles: ['PhotoAdmin'] });
    const bad = await send(emu, 'PATCH', '/graph/beta/admin/people/photoUpdateSettings', { token, json: { source: 'somewhere' } });
    expect(bad.status).toBe(400);
    expect(bad.json().error.target).toBe('body.source');
    // `unset` is the contract's word for Graph's default, which no PATCH names: DELETE gives it back
    const unset = await send(emu, 'PATCH', '/graph/beta/admin/people/photoUpdateSettings', { token, json: { source: 'unset' } });
    expect(unset.status).toBe(400);
    expect(unset.json().error.target).toBe('body.source');
    const deleted = await send(emu, 'DELETE', '/graph/beta/admin/people/photoUpdateSettings', { token });
    expect(deleted.status).toBe(204);
    const reset = await send(emu, 'GET', '/graph/beta/admin/people/photoUpdateSettings', { token });
    expect(reset.json()).toMatchObject({ source: null, allowedRoles: [] });
    await send(emu, 'PATCH', '/graph/beta/admin/people/photoUpdateSettings', { token, json: { source: null, allowedRoles: null } });
  });

  it('refuses a photo over 4 MiB as the tenant does (GRAPH-SIZE): 413', async () => {
    const big = Buffer.concat([await solidJpeg('#00ff00', 64), Buffer.alloc(4 * 1024 * 1024 + 10)]);
    const put = await send(emu, 'PUT', `/graph/v1.0/users/${upn('dave')}/photo/$value`, {
      token,
      headers: { 'content-type': 'image/jpeg' },
      body: big,
    });
    expect(put.status).toBe(413);
    expect(put.json().error.code).toBe('ImageTooLarge');
  });
});

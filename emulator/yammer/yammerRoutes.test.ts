import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { placeholder } from '../../adapters/live/photos/placeholders.js';
import { appToken, closeEmulator, dimensions, meanColour, send, solidJpeg, userToken } from '../emulator.testkit.js';
import type { RunningEmulator } from '../RunningEmulator.js';
import { startEmulator } from '../startEmulator.js';

const HOUR = 3600_000;
const byEmail = (upn: string) => `/yammer/api/v1/users/by_email.json?email=${encodeURIComponent(upn)}`;

describe('Viva Engage', () => {
  let emu: RunningEmulator;
  let bob: string;

  beforeAll(async () => {
    emu = await startEmulator({ seed: 3 });
    bob = await userToken(emu, 'bob@photosync.test', 'yammer');
  });
  afterAll(() => closeEmulator(emu));

  it('answers a user with no photo with the default mugshot, which serves the Viva Engage placeholder', async () => {
    const answer = await send(emu, 'GET', byEmail('alice@photosync.test'), { token: bob });
    expect(answer.status).toBe(200);
    const [user] = answer.json();
    expect(user.email).toBe('alice@photosync.test');
    expect(user.mugshot_url).toContain('no_photo');
    expect(user.mugshot_url_template).toContain('{width}x{height}');
    const image = await send(emu, 'GET', user.mugshot_url);
    expect(image.status).toBe(200);
    expect(image.body.equals(await placeholder('yammer', 48))).toBe(true);
  });

  it('serves the photo Viva Engage shows, at 48 px and at any size of the template', async () => {
    const app = await appToken(emu, 'graph');
    const put = await send(emu, 'PUT', '/graph/v1.0/users/carol@photosync.test/photo/$value', {
      token: app,
      headers: { 'content-type': 'image/jpeg' },
      body: await solidJpeg('#2040e0', 300),
    });
    expect(put.status).toBe(200);
    await send(emu, 'POST', '/_emulator/clock/advance', { json: { ms: 5 * HOUR } });
    await send(emu, 'POST', '/_emulator/operator/act', { json: { action: { do: 'openYammer', user: 'carol' } } });
    await send(emu, 'POST', '/_emulator/clock/advance', { json: { ms: 30 * 24 * HOUR } });
    const [user] = (await send(emu, 'GET', byEmail('carol@photosync.test'), { token: bob })).json();
    expect(user.mugshot_url).not.toContain('no_photo');
    const image = await send(emu, 'GET', user.mugshot_url);
    expect(await dimensions(image.body)).toEqual({ width: 48, height: 48, format: 'jpeg' });
    const [r, , b] = await meanColour(image.body);
    expect(b - r).toBeGreaterThan(100);
    const large = await send(emu, 'GET', user.mugshot_url_template.replace('{width}x{height}', '120x120'));
    expect(await dimensions(large.body)).toMatchObject({ width: 120, height: 120 });
  });

  it('takes only delegated tokens', async () => {
    const app = await appToken(emu, 'yammer');
    const answer = await send(emu, 'GET', byEmail('alice@photosync.test'), { token: app });
    expect(answer.status).toBe(401);
    expect(answer.json().error.message).toMatch(/signed-in user/);
    const graph = await userToken(emu, 'bob@photosync.test', 'graph');
    expect((await send(emu, 'GET', byEmail('alice@photosync.test'), { token: graph })).status).toBe(401);
  });

  it('refuses a malformed email, naming the field, and answers 404 for an unknown one', async () => {
    const bad = await send(emu, 'GET', '/yammer/api/v1/users/by_email.json?email=alice', { token: bob });
    expect(bad.status).toBe(400);
    expect(bad.json().error.target).toBe('query.email');
    expect((await send(emu, 'GET', byEmail('zed@photosync.test'), { token: bob })).status).toBe(404);
  });
});

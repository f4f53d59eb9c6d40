import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { placeholder } from '../../adapters/live/photos/placeholders.js';
import { TestPhotoSet } from '../../adapters/live/photos/TestPhotoSet.js';
import { closeEmulator, dimensions, send, solidJpeg } from '../emulator.testkit.js';
import type { RunningEmulator } from '../RunningEmulator.js';
import { startEmulator } from '../startEmulator.js';

const START = Date.UTC(2014, 3, 1, 9);

describe('control endpoints', () => {
  let emu: RunningEmulator;
  const act = (body: object) => send(emu, 'POST', '/_emulator/operator/act', { json: body });
  const look = (query: string) => send(emu, 'GET', `/_emulator/operator/look?${query}`);

  beforeAll(async () => {
    // a tenant of 2014, with Lync, where everyone holds test photo p1
    emu = await startEmulator({ profile: 'threewill-2014', seed: 5, start: START, photo: 'p1' });
  });
  afterAll(() => closeEmulator(emu));

  it('reads the virtual clock, which moves only when advanced', async () => {
    expect((await send(emu, 'GET', '/_emulator/clock')).json()).toEqual({ now: '2014-04-01T09:00:00.000Z' });
    const advanced = await send(emu, 'POST', '/_emulator/clock/advance', { json: { ms: 90_000 } });
    expect(advanced.json()).toEqual({ now: '2014-04-01T09:01:30.000Z' });
    expect(emu.clock.now()).toBe(START + 90_000);
    const bad = await send(emu, 'POST', '/_emulator/clock/advance', { json: { ms: -1 } });
    expect(bad.status).toBe(400);
    expect(bad.json().error.target).toBe('body.ms');
  });

  it('shows a test photo the tenant started with, rendered from the default set, at the size of the surface', async () => {
    const seen = await look('see=owa-contact-card&user=alice&viewer=bob');
    expect(seen.status).toBe(200);
    expect(await dimensions(seen.body)).toEqual({ width: 96, height: 96, format: 'jpeg' });
    const expected = await new TestPhotoSet().image('p1', { size: 96, format: 'jpeg', quality: 75 });
    expect(seen.body.equals(expected)).toBe(true);
  });

  it("takes an operator's step, with the photo's bytes, and says how it went", async () => {
    const set = await act({
      action: { do: 'setPhoto', user: 'alice@photosync.test', via: 'outlook-web', photo: 'p9' },
      photoBase64: (await solidJpeg('#ff0000')).toString('base64'),
    });
    expect(set.json()).toEqual({ status: 'ok' });
    await send(emu, 'POST', '/_emulator/clock/advance', { json: { ms: 60_000 } });
    const graph = await look('see=graph&user=alice&viewer=bob&size=64');
    expect(await dimensions(graph.body)).toMatchObject({ width: 64, format: 'jpeg' });
    expect(graph.body.equals(await new TestPhotoSet().image('p1', { size: 64, format: 'jpeg', quality: 75 }))).toBe(false);
    expect((await act({ action: { do: 'visitMySite', user: 'alice' } })).json()).toEqual({ status: 'ok' });
    const refused = await act({
      action: { do: 'setPhoto', user: 'bob', via: 'teams' },
      photoBase64: (await solidJpeg('#00ff00')).toString('base64'),
    });
    expect(refused.json()).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/no teams/) });
  });

  it('answers 204 where a surface shows nothing (Lync, signed out), and a placeholder where it shows one', async () => {
    await act({ action: { do: 'removePhoto', user: 'carol', via: 'graph' } });
    await send(emu, 'POST', '/_emulator/clock/advance', { json: { ms: 120_000 } });
    expect((await look('see=lync&user=dave&viewer=bob')).status).toBe(204);
    expect((await look('see=graph&user=carol&viewer=bob')).status).toBe(204);
    const owa = await look('see=owa-email&user=carol&viewer=dave');
    expect(owa.body.equals(await placeholder('outlook', 48))).toBe(true);
  });

  it('refuses malformed input, naming the field', async () => {
    const noPhoto = await act({ action: { do: 'setPhoto', user: 'alice', via: 'graph' } });
    expect(noPhoto.status).toBe(400);
    expect(noPhoto.json().error.target).toBe('body.photoBase64');
    const via = await act({ action: { do: 'setPhoto', user: 'alice', via: 'fax' } });
    expect(via.json().error.target).toBe('body.action.via');
    const who = await act({ action: { do: 'visitMySite', user: 'mallory' } });
    expect(who.json().error.target).toBe('body.action.user');
    const surface = await look('see=myspace&user=alice&viewer=bob');
    expect(surface.json().error.target).toBe('query.see');
    const notJson = await send(emu, 'POST', '/_emulator/operator/act', { headers: { 'content-type': 'application/json' }, body: '{' });
    expect(notJson.json().error.target).toBe('body');
  });

  it('answers 404 for a surface the tenant does not have', async () => {
    const teams = await look('see=teams&user=alice&viewer=bob');
    expect(teams.status).toBe(404);
    expect(teams.json().error.code).toBe('SurfaceNotAvailable');
  });
});

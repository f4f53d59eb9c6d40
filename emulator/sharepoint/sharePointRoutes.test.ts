import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { placeholder } from '../../adapters/live/photos/placeholders.js';
import { appToken, closeEmulator, dimensions, meanColour, send, solidJpeg, userToken } from '../emulator.testkit.js';
import type { RunningEmulator } from '../RunningEmulator.js';
import { startEmulator } from '../startEmulator.js';

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const account = (id: string) => encodeURIComponent(`'i:0#.f|membership|${id}@photosync.test'`);

describe('SharePoint', () => {
  let emu: RunningEmulator;
  let my: string;
  let site: string;

  const act = (action: object, photo?: Buffer) =>
    send(emu, 'POST', '/_emulator/operator/act', {
      json: { action, ...(photo === undefined ? {} : { photoBase64: photo.toString('base64') }) },
    });
  const advance = (ms: number) => send(emu, 'POST', '/_emulator/clock/advance', { json: { ms } });

  beforeAll(async () => {
    emu = await startEmulator({ seed: 11, users: ['alice', 'bob', 'erin'] });
    [my, site] = await Promise.all([appToken(emu, 'mySite'), appToken(emu, 'sharepoint')]);
    // alice sets a photo in Outlook on the web; once Exchange has it, her visit brings it to SharePoint (microsoft-2026)
    await act({ do: 'setPhoto', user: 'alice', via: 'outlook-web' }, await solidJpeg('#d02020', 400));
    await advance(5 * HOUR);
    await act({ do: 'visitMySite', user: 'alice' });
    await advance(DAY);
  });
  afterAll(() => closeEmulator(emu));

  it('userphoto.aspx redirects to a short-lived thumbnail link on the same host, at the size asked', async () => {
    const page = await send(emu, 'GET', '/my/_layouts/15/userphoto.aspx?size=L&accountname=alice@photosync.test', { token: my });
    expect(page.status).toBe(302);
    const location = String(page.headers['location']);
    expect(location.startsWith(`${emu.url}/my/User%20Photos/Profile%20Pictures/alice_photosync_test_LThumb.jpg?t=`)).toBe(true);
    const image = await send(emu, 'GET', location);
    expect(image.status).toBe(200);
    expect(await dimensions(image.body)).toEqual({ width: 300, height: 300, format: 'jpeg' });
    const small = await send(emu, 'GET', '/my/_layouts/15/userphoto.aspx?size=S&accountname=i:0%23.f|membership|alice@photosync.test', {
      token: my,
    });
    expect(await dimensions((await send(emu, 'GET', String(small.headers['location']))).body)).toMatchObject({ width: 48 });
  });

  it('shows the SharePoint placeholder for a user with no photo, and for an unknown account', async () => {
    const expected = await placeholder('sharepoint', 72);
    for (const who of ['bob@photosync.test', 'nobody@photosync.test']) {
      const page = await send(emu, 'GET', `/my/_layouts/15/userphoto.aspx?size=M&accountname=${who}`, { token: my });
      expect(page.status).toBe(200);
      expect(page.headers['content-type']).toBe('image/png');
      expect(page.body.equals(expected)).toBe(true);
    }
  });

  it('answers GetPropertiesFor with the PictureUrl on the My Site host, or null without a photo', async () => {
    const path = (id: string) => `/sp/_api/SP.UserProfiles.PeopleManager/GetPropertiesFor(accountName=@v)?@v=${account(id)}`;
    const alice = await send(emu, 'GET', path('alice'), { token: site, headers: { accept: 'application/json;odata=nometadata' } });
    expect(alice.status).toBe(200);
    expect(alice.json()).toMatchObject({
      AccountName: 'i:0#.f|membership|alice@photosync.test',
      PictureUrl: `${emu.url}/my/User%20Photos/Profile%20Pictures/alice_photosync_test_MThumb.jpg`,
      PersonalUrl: `${emu.url}/my/personal/alice_photosync_test/`,
    });
    const picture = await send(emu, 'GET', alice.json().PictureUrl, { token: my });
    expect(await dimensions(picture.body)).toMatchObject({ width: 72, format: 'jpeg' });
    const bob = await send(emu, 'GET', path('bob'), { token: site, headers: { accept: 'application/json;odata=nometadata' } });
    expect(bob.json().PictureUrl).toBeNull();
    const bad = await send(emu, 'GET', '/sp/_api/SP.UserProfiles.PeopleManager/GetPropertiesFor(accountName=@v)?@v=alice', { token: site });
    expect(bad.status).toBe(400);
    expect(bad.json()['odata.error'].target).toBe('query.@v');
  });

  it('takes SetMyProfilePicture from a signed-in user, for their own profile', async () => {
    const erin = await userToken(emu, 'erin@photosync.test', 'mySite');
    const set = await send(emu, 'POST', '/my/_api/SP.UserProfiles.PeopleManager/SetMyProfilePicture', {
      token: erin,
      headers: { 'content-type': 'application/octet-stream' },
      body: await solidJpeg('#10b010', 400),
    });
    expect(set.status).toBe(200);
    // microsoft-2026 sends SharePoint's upload through Exchange: a visit once Exchange has it brings it back
    await advance(5 * HOUR);
    await act({ do: 'visitMySite', user: 'erin' });
    await advance(DAY);
    const page = await send(emu, 'GET', '/my/_layouts/15/userphoto.aspx?size=M&accountname=erin@photosync.test', { token: erin });
    expect(page.status).toBe(302);
    const [r, g, b] = await meanColour((await send(emu, 'GET', String(page.headers['location']))).body);
    expect(g).toBeGreaterThan(140);
    expect(r + b).toBeLessThan(120);
  });

  it('refuses SetMyProfilePicture app-only, and an upload over 5,000,000 bytes', async () => {
    const app = await send(emu, 'POST', '/my/_api/SP.UserProfiles.PeopleManager/SetMyProfilePicture', {
      token: my,
      body: await solidJpeg('#000000'),
    });
    expect(app.status).toBe(401);
    const erin = await userToken(emu, 'erin@photosync.test', 'mySite');
    const big = await send(emu, 'POST', '/my/_api/SP.UserProfiles.PeopleManager/SetMyProfilePicture', {
      token: erin,
      body: Buffer.alloc(5_000_001),
    });
    expect(big.status).toBe(413);
  });

  it('refuses app-only tokens got with a client secret, as SharePoint does', async () => {
    const secret = await appToken(emu, 'sharepoint', 'secret');
    const answer = await send(
      emu,
      'GET',
      `/sp/_api/SP.UserProfiles.PeopleManager/GetPropertiesFor(accountName=@v)?@v=${account('alice')}`,
      { token: secret },
    );
    expect(answer.status).toBe(401);
    expect(answer.json()).toEqual({ error_description: 'Unsupported app only token.' });
  });

  it('refuses a token for another audience, and a request without one', async () => {
    const graph = await appToken(emu, 'graph');
    const wrong = await send(emu, 'GET', '/my/_layouts/15/userphoto.aspx?accountname=alice@photosync.test', { token: graph });
    expect(wrong.status).toBe(401);
    expect(wrong.json().error_description).toMatch(/Invalid audience/);
    const none = await send(emu, 'GET', '/my/_layouts/15/userphoto.aspx?accountname=alice@photosync.test');
    expect(none.status).toBe(401);
    expect(none.headers['www-authenticate']).toMatch(/^Bearer/);
  });
});

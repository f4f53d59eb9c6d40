import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { batchBody, batchParts, boundaryOf, partStatus } from '../../adapters/live/api/httpBatch.js';
import { appToken, closeEmulator, send, solidJpeg } from '../emulator.testkit.js';
import type { RunningEmulator } from '../RunningEmulator.js';
import { startEmulator } from '../startEmulator.js';
import { SP_BATCH_LIMIT } from './sharePointBatchRoute.js';

const account = (id: string) => encodeURIComponent(`'i:0#.f|membership|${id}@photosync.test'`);
const properties = (id: string) => `/sp/_api/SP.UserProfiles.PeopleManager/GetPropertiesFor(accountName=@v)?@v=${account(id)}`;

describe('SharePoint $batch', () => {
  let emu: RunningEmulator;
  let site: string;
  const batch = (paths: string[], options: { token?: string; method?: string; at?: string } = {}) => {
    const boundary = 'batch_test';
    return send(emu, 'POST', options.at ?? '/sp/_api/$batch', {
      ...(options.token === undefined ? {} : { token: options.token }),
      headers: { 'content-type': `multipart/mixed; boundary=${boundary}` },
      body: batchBody(
        boundary,
        paths.map((p) => ({
          start: `${options.method ?? 'GET'} ${emu.url}${p} HTTP/1.1`,
          headers: { Accept: 'application/json;odata=nometadata' },
          body: '',
        })),
      ),
    });
  };

  beforeAll(async () => {
    emu = await startEmulator({ seed: 21, users: ['alice', 'bob'] });
    site = await appToken(emu, 'sharepoint');
    await send(emu, 'POST', '/_emulator/operator/act', {
      json: {
        action: { do: 'setPhoto', user: 'alice', via: 'outlook-web' },
        photoBase64: (await solidJpeg('#2040d0', 200)).toString('base64'),
      },
    });
    // once Exchange has it, her visit brings it to SharePoint
    await send(emu, 'POST', '/_emulator/clock/advance', { json: { ms: 5 * 3600_000 } });
    await send(emu, 'POST', '/_emulator/operator/act', { json: { action: { do: 'visitMySite', user: 'alice' } } });
    await send(emu, 'POST', '/_emulator/clock/advance', { json: { ms: 3 * 24 * 3600_000 } });
  });
  afterAll(() => closeEmulator(emu));

  it('answers each request as the request alone is answered, in order, in a multipart answer', async () => {
    const paths = [properties('alice'), properties('bob'), properties('mallory')];
    const reply = await batch(paths, { token: site });
    expect(reply.status).toBe(200);
    const boundary = boundaryOf(String(reply.headers['content-type']));
    expect(boundary).toMatch(/^batchresponse_/);
    const parts = batchParts(reply.body.toString('utf8'), boundary!)!;
    expect(parts).toHaveLength(3);
    for (const [i, path] of paths.entries()) {
      const alone = await send(emu, 'GET', path, { token: site, headers: { accept: 'application/json;odata=nometadata' } });
      expect(partStatus(parts[i]!)).toBe(alone.status);
      expect(JSON.parse(parts[i]!.body)).toEqual(alone.json());
    }
    expect(JSON.parse(parts[0]!.body).PictureUrl).toEqual(expect.any(String));
  });

  it('takes the batch’s authorization for every request, and refuses a batch without one or of the wrong shape', async () => {
    expect((await batch([properties('alice')])).status).toBe(401);
    expect(
      (await send(emu, 'POST', '/sp/_api/$batch', { token: site, headers: { 'content-type': 'application/json' }, body: '{}' })).status,
    ).toBe(400);
    expect(
      (
        await batch(
          Array.from({ length: SP_BATCH_LIMIT + 1 }, () => properties('alice')),
          { token: site },
        )
      ).status,
    ).toBe(400);
  });

  it('answers 400 inside the batch for a request it does not take: another site, or not a GET', async () => {
    for (const reply of [
      await batch([properties('alice').replace('/sp/', '/my/')], { token: site }),
      await batch([properties('alice')], { token: site, method: 'POST' }),
    ]) {
      expect(reply.status).toBe(200);
      const parts = batchParts(reply.body.toString('utf8'), boundaryOf(String(reply.headers['content-type']))!)!;
      expect(parts.map(partStatus)).toEqual([400]);
    }
  });
});

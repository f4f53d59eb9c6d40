import { describe, expect, it } from 'vitest';
import type { HttpOutcome, HttpRequest } from '../http/HttpClient.js';
import { batchBody, batchParts, boundaryOf } from './httpBatch.js';
import { SharePointApi } from './SharePointApi.js';
import { answered, fakeServices } from './services.testkit.js';

/** A profile as SharePoint answers it: alice has a picture and a My Site, everyone else neither. */
const profile = (url: string) =>
  decodeURIComponent(url).includes('alice')
    ? { PictureUrl: 'https://contoso-my.sharepoint.com/User%20Photos/Profile%20Pictures/alice_MThumb.jpg', PersonalUrl: '/personal/alice/' }
    : { PictureUrl: null, PersonalUrl: null };

/** SharePoint answering each read alone, and a batch with `batch` (given the URLs it was asked). */
function fakeSharePoint(appOnly: boolean, batch: (urls: string[]) => HttpOutcome): { api: SharePointApi; sent: HttpRequest[] } {
  const { services, sent } = fakeServices((r) => {
    if (!r.url.endsWith('/_api/$batch')) return answered(200, JSON.stringify(profile(r.url)));
    const parts = batchParts(String(r.body), boundaryOf(r.headers?.['content-type'])!)!;
    return batch(parts.map((p) => p.start.split(' ')[1]!));
  });
  return { api: new SharePointApi(services, appOnly), sent };
}

const answers = (urls: string[], status = (_: string) => 200) =>
  answered(
    200,
    batchBody(
      'batchresponse_1',
      urls.map((u) => ({
        start: `HTTP/1.1 ${status(u)} X`,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(profile(u)),
      })),
    ),
    { 'content-type': 'multipart/mixed; boundary=batchresponse_1' },
  );

describe('SharePointApi.propertiesOfEach', () => {
  const users = ['alice@x.test', 'bob@x.test', 'carol@x.test'];

  it('reads several profiles app-only in one $batch, each as a read alone would answer it', async () => {
    const { api, sent } = fakeSharePoint(true, (urls) => answers(urls));
    const read = await api.propertiesOfEach(users);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ method: 'POST', url: 'https://contoso.sharepoint.com/_api/$batch', idempotent: true });
    const one = fakeSharePoint(true, () => answered(503, ''));
    const alone = new Map(await Promise.all(users.map(async (u) => [u, await one.api.properties(u, u)] as const)));
    expect(read).toEqual(alone);
    expect(read.get('alice@x.test')).toMatchObject({ kind: 'ok', value: { mySite: true, pictureUrl: expect.stringContaining('alice') } });
    expect(read.get('bob@x.test')).toEqual({ kind: 'ok', value: { mySite: false } });
  });

  it('reads again alone what the batch did not answer for sure: a failed part, a failed or garbled batch', async () => {
    const throttled = fakeSharePoint(true, (urls) => answers(urls, (u) => (decodeURIComponent(u).includes('bob') ? 429 : 200)));
    expect((await throttled.api.propertiesOfEach(users)).get('bob@x.test')).toEqual({ kind: 'ok', value: { mySite: false } });
    expect(throttled.sent.map((r) => r.method)).toEqual(['POST', 'GET']);
    for (const broken of [answered(500, ''), answered(200, 'not a batch', { 'content-type': 'multipart/mixed; boundary=b' })]) {
      const { api, sent } = fakeSharePoint(true, () => broken);
      expect((await api.propertiesOfEach(users)).size).toBe(3);
      expect(sent.map((r) => r.method)).toEqual(['POST', 'GET', 'GET', 'GET']);
    }
  });

  it('reads each profile alone for one user, and where reads go as each user (no certificate)', async () => {
    for (const [appOnly, asked] of [
      [true, ['alice@x.test']],
      [false, users],
    ] as const) {
      const { api, sent } = fakeSharePoint(appOnly, () => {
        throw new Error('no batch expected');
      });
      await api.propertiesOfEach(asked);
      expect(sent.map((r) => r.method)).toEqual(asked.map(() => 'GET'));
    }
  });
});

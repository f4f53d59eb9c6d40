import { describe, expect, it } from 'vitest';
import type { HttpOutcome, HttpRequest } from '../http/HttpClient.js';
import { GraphApi } from './GraphApi.js';
import { answered, fakeServices } from './services.testkit.js';

type Part = { id: string; status: number; body?: unknown };
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]);
const SETTINGS = { source: 'cloud', allowedRoles: ['r1'] };

/** A Graph that answers each read alone as `alone` says, and a batch with `batch` (given the parts it was asked). */
function fakeGraph(options: { alone: (url: string) => HttpOutcome; batch: (parts: { id: string; url: string }[]) => HttpOutcome }): {
  api: GraphApi;
  sent: HttpRequest[];
} {
  const { services, sent } = fakeServices((r) =>
    r.url.endsWith('/$batch')
      ? options.batch((JSON.parse(String(r.body)) as { requests: { id: string; url: string }[] }).requests)
      : options.alone(r.url),
  );
  return { api: new GraphApi(services), sent };
}

const batchOf = (parts: Part[]) => answered(200, JSON.stringify({ responses: parts }));
/** What a batch part holds: the settings, a photo for alice, none for everyone else. */
const part = (p: { id: string; url: string }): Part =>
  p.url.includes('photoUpdateSettings')
    ? { id: p.id, status: 200, body: SETTINGS }
    : p.url.includes('alice')
      ? { id: p.id, status: 200, body: JPEG.toString('base64') }
      : { id: p.id, status: 404, body: { error: { code: 'ImageNotFound' } } };
const alone = (url: string) =>
  url.includes('photoUpdateSettings')
    ? answered(200, JSON.stringify(SETTINGS))
    : url.includes('alice')
      ? answered(200, JPEG)
      : answered(404);

describe('GraphApi.survey', () => {
  it('reads the settings and every photo in one batch, each as a read alone would answer it', async () => {
    const { api, sent } = fakeGraph({ alone, batch: (parts) => batchOf(parts.map(part)) });
    const read = await api.survey(['alice@x.test', 'bob@x.test']);
    expect(sent).toHaveLength(1);
    expect(sent[0]!).toMatchObject({ method: 'POST', idempotent: true });
    expect(read.settings).toEqual({ kind: 'ok', value: { source: 'cloud', allowedRoles: ['r1'] } });
    expect(read.photos.get('alice@x.test')).toEqual({ kind: 'ok', value: { kind: 'photo', bytes: JPEG } });
    expect(read.photos.get('bob@x.test')).toEqual({ kind: 'ok', value: { kind: 'none' } });
    const one = fakeGraph({ alone, batch: () => answered(500) });
    const alike = await one.api.survey(['alice@x.test', 'bob@x.test']);
    expect(alike).toEqual(read);
  });

  it('sends batches of at most 20 reads', async () => {
    const sizes: number[] = [];
    const users = Array.from({ length: 45 }, (_, i) => `u${i}@x.test`);
    const { api, sent } = fakeGraph({
      alone,
      batch: (parts) => {
        sizes.push(parts.length);
        return batchOf(parts.map(part));
      },
    });
    const read = await api.survey(users);
    expect(sizes).toEqual([20, 20, 6]);
    expect(sent).toHaveLength(3);
    expect([...read.photos.keys()]).toEqual(users);
  });

  it('reads alone what the batch did not answer for sure: a throttled part, a missing one, a JSON body for a photo', async () => {
    const { api, sent } = fakeGraph({
      alone,
      batch: (parts) =>
        batchOf(
          parts.flatMap((p): Part[] => {
            if (p.url.includes('bob')) return [{ id: p.id, status: 429, body: { error: { code: 'TooManyRequests' } } }];
            if (p.url.includes('carol')) return [];
            if (p.url.includes('alice')) return [{ id: p.id, status: 200, body: { not: 'an image' } }];
            return [part(p)];
          }),
        ),
    });
    const read = await api.survey(['alice@x.test', 'bob@x.test', 'carol@x.test', 'dave@x.test']);
    expect(sent.map((r) => r.url.split('/users/')[1] ?? 'batch')).toEqual([
      'batch',
      'alice%40x.test/photo/$value',
      'bob%40x.test/photo/$value',
      'carol%40x.test/photo/$value',
    ]);
    expect(read.photos.get('alice@x.test')).toEqual({ kind: 'ok', value: { kind: 'photo', bytes: JPEG } });
    expect(read.photos.get('dave@x.test')).toEqual({ kind: 'ok', value: { kind: 'none' } });
  });

  it('is unknown for a read that failed alone too, never a guess', async () => {
    const { api } = fakeGraph({
      alone: (url) =>
        url.includes('photoUpdateSettings')
          ? answered(503)
          : { kind: 'unknown', reason: 'timed out', failure: 'lost', attempts: 4, mayHaveApplied: false },
      batch: () => ({ kind: 'unknown', reason: 'connection reset', failure: 'lost', attempts: 4, mayHaveApplied: false }),
    });
    const read = await api.survey(['alice@x.test']);
    expect(read.photos.get('alice@x.test')).toEqual({ kind: 'unknown', reason: 'timed out' });
    expect(read.settings.kind).toBe('unknown');
  });
});

describe('GraphApi.photoSettings and setPhotoSettings', () => {
  const reading = async (body: unknown) => {
    const { services } = fakeServices(() => answered(200, JSON.stringify(body)));
    return new GraphApi(services).photoSettings();
  };

  it('reads none set as unset, an empty object of roles as none, and a collection of one as its element', async () => {
    expect(await reading({ source: null })).toEqual({ kind: 'ok', value: { source: 'unset', allowedRoles: [] } });
    expect(await reading({ source: 'cloud', allowedRoles: {} })).toEqual({ kind: 'ok', value: { source: 'cloud', allowedRoles: [] } });
    expect(await reading({ value: [{ source: 'onPremises', allowedRoles: ['r1'] }] })).toEqual({
      kind: 'ok',
      value: { source: 'onPremises', allowedRoles: ['r1'] },
    });
  });

  it('reads settings answered 404 as none set, as they are once deleted, alone and in the survey', async () => {
    const { services } = fakeServices(() => answered(404, JSON.stringify({ error: { code: 'ResourceNotFound' } })));
    expect(await new GraphApi(services).photoSettings()).toEqual({ kind: 'ok', value: { source: 'unset', allowedRoles: [] } });
    const { api, sent } = fakeGraph({
      alone: () => answered(500),
      batch: (parts) => batchOf(parts.map((p) => (p.url.includes('photoUpdateSettings') ? { id: p.id, status: 404 } : part(p)))),
    });
    const read = await api.survey(['alice@x.test']);
    expect(read.settings).toEqual({ kind: 'ok', value: { source: 'unset', allowedRoles: [] } });
    expect(sent).toHaveLength(1);
  });

  it('is unknown for a source the contract does not know, or a collection of other than one, never read as another', async () => {
    const future = await reading({ source: 'unknownFutureValue', allowedRoles: [] });
    expect(future).toMatchObject({ kind: 'unknown', reason: expect.stringContaining('"unknownFutureValue"') });
    expect(await reading({ source: 'unset' })).toMatchObject({ kind: 'unknown' });
    expect(await reading({ value: [] })).toMatchObject({ kind: 'unknown' });
    expect(await reading({ value: [SETTINGS, SETTINGS] })).toMatchObject({ kind: 'unknown' });
  });

  it('sends cloud and onPremises in a PATCH, and has unset back by deleting the settings, 404 included', async () => {
    for (const status of [204, 404]) {
      const { services, sent } = fakeServices((r) => answered(r.method === 'DELETE' ? status : 200));
      const api = new GraphApi(services);
      expect(await api.setPhotoSettings({ source: 'cloud', allowedRoles: ['r1'] })).toEqual({ kind: 'ok', value: undefined });
      expect(await api.setPhotoSettings({ source: 'unset', allowedRoles: [] })).toEqual({ kind: 'ok', value: undefined });
      expect(sent.map((r) => r.method)).toEqual(['PATCH', 'DELETE']);
      expect(JSON.parse(String(sent[0]!.body))).toEqual({ source: 'cloud', allowedRoles: ['r1'] });
      expect(sent[1]!.url).toMatch(/\/beta\/admin\/people\/photoUpdateSettings$/);
    }
  });

  it('takes a 403 or 413 as the tenant refusing, and a 400 as not known: a request the service could not read says nothing of the tenant', async () => {
    const reply = async (status: number) => {
      const { services } = fakeServices(() => answered(status, JSON.stringify({ error: { code: 'X', message: 'no' } })));
      return (await new GraphApi(services).setPhoto('alice@x.test', JPEG)).kind;
    };
    expect(await reply(403)).toBe('refused');
    expect(await reply(413)).toBe('refused');
    expect(await reply(400)).toBe('unknown');
    expect(await reply(404)).toBe('unknown');
  });
});

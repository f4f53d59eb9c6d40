import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appToken, closeEmulator, send, solidJpeg } from '../emulator.testkit.js';
import type { RunningEmulator } from '../RunningEmulator.js';
import { startEmulator } from '../startEmulator.js';
import { GRAPH_BATCH_LIMIT } from './graphBatchRoute.js';

type Answer = { id: string; status: number; headers: Record<string, string>; body?: unknown };

describe('Graph JSON batching', () => {
  let emu: RunningEmulator;
  let token: string;
  const photo = (id: string) => `/users/${id}@photosync.test/photo/$value`;
  const batch = (requests: unknown[]) => send(emu, 'POST', '/graph/v1.0/$batch', { token, json: { requests } });

  beforeAll(async () => {
    emu = await startEmulator({ seed: 3, start: Date.UTC(2026, 0, 5, 9) });
    token = await appToken(emu, 'graph');
    const put = await send(emu, 'PUT', `/graph/v1.0${photo('alice')}`, {
      token,
      headers: { 'content-type': 'image/jpeg' },
      body: await solidJpeg('#20a040', 400),
    });
    expect(put.status).toBe(200);
    // past microsoft-2026's exoLag
    expect((await send(emu, 'POST', '/_emulator/clock/advance', { json: { ms: 5 * 3600_000 } })).status).toBe(200);
  });
  afterAll(() => closeEmulator(emu));

  it('answers each request as the request alone is answered: an image as base64, an error as JSON', async () => {
    const reply = await batch([
      { id: 'a', method: 'GET', url: photo('alice') },
      { id: 'b', method: 'GET', url: photo('bob') },
      { id: 'm', method: 'GET', url: photo('mallory') },
    ]);
    expect(reply.status).toBe(200);
    const responses = reply.json().responses as Answer[];
    expect(responses.map((r) => r.id)).toEqual(['a', 'b', 'm']);
    for (const [r, who] of [
      [responses[0]!, 'alice'],
      [responses[1]!, 'bob'],
      [responses[2]!, 'mallory'],
    ] as const) {
      const alone = await send(emu, 'GET', `/graph/v1.0${photo(who)}`, { token });
      expect(r.status).toBe(alone.status);
      if (alone.status === 200) expect(Buffer.from(r.body as string, 'base64').equals(alone.body)).toBe(true);
      else expect((r.body as { error: { code: string } }).error.code).toBe(alone.json().error.code);
    }
    expect(responses[0]!.headers['content-type']).toBe('image/jpeg');
  });

  it('takes the batch’s authorization for every request, and refuses a batch without one', async () => {
    const anonymous = await send(emu, 'POST', '/graph/v1.0/$batch', {
      json: { requests: [{ id: '1', method: 'GET', url: photo('alice') }] },
    });
    expect(anonymous.status).toBe(401);
  });

  it('refuses a batch of more than Graph’s limit, duplicate ids, and answers 400 for a request it does not take', async () => {
    const many = Array.from({ length: GRAPH_BATCH_LIMIT + 1 }, (_, i) => ({ id: String(i), method: 'GET', url: photo('alice') }));
    expect((await batch(many)).status).toBe(400);
    expect(
      (
        await batch([
          { id: '1', method: 'GET', url: photo('alice') },
          { id: '1', method: 'GET', url: photo('bob') },
        ])
      ).status,
    ).toBe(400);
    const put = await batch([{ id: '1', method: 'PUT', url: photo('alice') }]);
    expect((put.json().responses as Answer[])[0]!.status).toBe(400);
  });
});

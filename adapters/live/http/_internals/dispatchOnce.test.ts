import type { Dispatcher } from 'undici';
import { describe, expect, it } from 'vitest';
import { dispatchOnce } from './dispatchOnce.js';

/** A dispatcher that holds the request, as undici does while a connection is still being made. */
function pendingDispatcher(): { dispatcher: Pick<Dispatcher, 'dispatch'>; handler: () => Dispatcher.DispatchHandlers } {
  let held: Dispatcher.DispatchHandlers | undefined;
  return {
    dispatcher: {
      dispatch(_options, handler) {
        held = handler;
        return true;
      },
    },
    handler: () => {
      if (!held) throw new Error('nothing dispatched');
      return held;
    },
  };
}

const request = { method: 'POST', url: new URL('http://127.0.0.1:9/x'), headers: {} } as const;

describe('dispatchOnce', () => {
  it('aborts a request cancelled before it reached a socket at the moment it would be written, and reports it unwritten', async () => {
    const fake = pendingDispatcher();
    const result = await dispatchOnce(fake.dispatcher, request, { timeoutMs: 10, maxBodyBytes: 100 });
    expect(result).toMatchObject({ kind: 'failed', failure: 'timeout', written: false });
    const aborts: (Error | undefined)[] = [];
    fake.handler().onConnect?.((err) => void aborts.push(err));
    expect(aborts).toHaveLength(1);
  });

  it('reports a request written once it reached a socket, and the caller abort as aborted', async () => {
    const fake = pendingDispatcher();
    const controller = new AbortController();
    const pending = dispatchOnce(fake.dispatcher, request, { timeoutMs: 0, maxBodyBytes: 100, signal: controller.signal });
    const aborts: (Error | undefined)[] = [];
    fake.handler().onConnect?.((err) => void aborts.push(err));
    controller.abort();
    expect(await pending).toMatchObject({ kind: 'failed', failure: 'aborted', written: true });
    expect(aborts).toHaveLength(1);
  });

  it('joins repeated headers, lower-cases names and skips interim 1xx answers', async () => {
    const fake = pendingDispatcher();
    const pending = dispatchOnce(fake.dispatcher, request, { timeoutMs: 0, maxBodyBytes: 100 });
    const h = fake.handler();
    h.onConnect?.(() => undefined);
    h.onHeaders?.(100, [], () => undefined, 'Continue');
    h.onHeaders?.(
      200,
      ['Set-Cookie', 'a=1', 'set-cookie', 'b=2'].map((s) => Buffer.from(s)),
      () => undefined,
      'OK',
    );
    h.onData?.(Buffer.from('ok'));
    h.onComplete?.(null);
    expect(await pending).toEqual({ kind: 'response', status: 200, headers: { 'set-cookie': 'a=1, b=2' }, body: Buffer.from('ok') });
  });
});

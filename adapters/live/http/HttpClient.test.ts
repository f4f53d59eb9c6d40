import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { HttpClient, MAX_BODY_BYTES, type AttemptLog, type HttpClientOptions } from './HttpClient.js';
import { HttpUsageError } from './HttpUsageError.js';
import { refusedOrigin, startHttp, startHttps, testPki, type Handle, type Loopback } from './loopback.testkit.js';
import { BudgetSpentError, RequestBudget } from './RequestBudget.js';
import { RETRY_AFTER_CEILING_MS } from './retryDelay.js';
import { USER_AGENT } from './userAgent.js';

const NOW = Date.UTC(2026, 0, 1, 12, 0, 0);
const TOKEN = 'tok-Zq9-very-secret-123';

const servers: Loopback[] = [];
const clients: HttpClient[] = [];

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function serve(handle: Handle): Promise<Loopback> {
  const s = await startHttp(handle);
  servers.push(s);
  return s;
}

/** A client that records its waits and attempts instead of sleeping, at a fixed `now`. */
function client(options: Partial<HttpClientOptions> = {}): { c: HttpClient; waits: number[]; logs: AttemptLog[] } {
  const waits: number[] = [];
  const logs: AttemptLog[] = [];
  const c = new HttpClient({
    timeoutMs: 2000,
    retries: 3,
    maxBackoffMs: 10_000,
    sleep: async (ms) => void waits.push(ms),
    now: () => NOW,
    onAttempt: (a) => void logs.push(a),
    ...options,
  });
  clients.push(c);
  return { c, waits, logs };
}

/** Answers the i-th request with `statuses[i]` (the last one repeated), headers from `headers[i]`. */
function statuses(list: number[], headers: Record<string, string>[] = []): Handle {
  return (_req, res, n) => {
    res.writeHead(list[Math.min(n, list.length - 1)] ?? 200, headers[n] ?? {});
    res.end(`answer ${n}`);
  };
}

describe('HttpClient', () => {
  it('names photosync in every request as SharePoint asks of REST callers, unless the caller names itself', async () => {
    const s = await serve((req, res) => res.end(String(req.headers['user-agent'])));
    const { c } = client();
    const named = await c.send({ method: 'GET', url: `${s.origin}/a` });
    expect(named.kind === 'answered' && named.body.toString()).toBe(USER_AGENT);
    expect(USER_AGENT).toMatch(/^NONISV\|photosync\|photosync\/\d+\.\d+\.\d+$/);
    const own = await c.send({ method: 'GET', url: `${s.origin}/b`, headers: { 'User-Agent': 'other/1' } });
    expect(own.kind === 'answered' && own.body.toString()).toBe('other/1');
  });

  it('answers with status, lower-cased headers, the whole body and the final URL, sending a fresh bearer token', async () => {
    const s = await serve((req, res) => {
      res.setHeader('X-Thing', 'yes');
      res.end(`${req.method} ${req.url} ${req.headers['content-type']}`);
    });
    const { c, logs } = client();
    const out = await c.send({
      method: 'PUT',
      url: `${s.origin}/a?b=1`,
      headers: { 'Content-Type': 'image/jpeg' },
      body: new Uint8Array([1, 2]),
      token: async () => TOKEN,
    });
    expect(out).toMatchObject({ kind: 'answered', status: 200, url: `${s.origin}/a?b=1`, attempts: 1, headers: { 'x-thing': 'yes' } });
    expect(out.kind === 'answered' && out.body.toString()).toBe('PUT /a?b=1 image/jpeg');
    expect(s.seen[0]?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(logs).toEqual([{ method: 'PUT', url: `${s.origin}/a?b=1`, attempt: 1, status: 200, elapsedMs: 0 }]);
  });

  it('answers 4xx, 500 and 502 without retrying: the caller decides what they mean', async () => {
    for (const status of [404, 500, 502]) {
      const s = await serve(statuses([status]));
      const { c, waits } = client();
      expect(await c.send({ method: 'GET', url: s.origin })).toMatchObject({ kind: 'answered', status, attempts: 1 });
      expect(waits).toEqual([]);
    }
  });

  it('waits as a 429 Retry-After in seconds says, even past maxBackoffMs', async () => {
    const s = await serve(statuses([429, 429, 200], [{ 'Retry-After': '7' }, { 'Retry-After': '120' }]));
    const { c, waits, logs } = client({ maxBackoffMs: 1000 });
    expect(await c.send({ method: 'GET', url: s.origin })).toMatchObject({ kind: 'answered', status: 200, attempts: 3 });
    expect(waits).toEqual([7000, 120_000]);
    expect(logs.map((l) => [l.status, l.waitMs])).toEqual([
      [429, 7000],
      [429, 120_000],
      [200, undefined],
    ]);
  });

  it('waits as a 429 Retry-After HTTP-date says, relative to now, and not at all for a date past', async () => {
    const later = new Date(NOW + 30_000).toUTCString();
    const earlier = new Date(NOW - 30_000).toUTCString();
    const s = await serve(statuses([429, 429, 200], [{ 'Retry-After': later }, { 'Retry-After': earlier }]));
    const { c, waits } = client();
    expect(await c.send({ method: 'GET', url: s.origin })).toMatchObject({ kind: 'answered', attempts: 3 });
    expect(waits).toEqual([30_000, 0]);
  });

  it('gives up as unknown when Retry-After passes the ceiling, without waiting', async () => {
    const s = await serve(statuses([503], [{ 'Retry-After': String(RETRY_AFTER_CEILING_MS / 1000 + 1) }]));
    const { c, waits } = client();
    const out = await c.send({ method: 'GET', url: s.origin });
    expect(out).toMatchObject({ kind: 'unknown', failure: 'busy', attempts: 1, mayHaveApplied: false });
    expect(out.kind === 'unknown' && out.reason).toContain('ceiling');
    expect(waits).toEqual([]);
  });

  it('backs off 503 and 504 with full jitter under the cap, then gives up as unknown after retries + 1 attempts', async () => {
    const s = await serve(statuses([503, 504, 503, 504]));
    const rolls = [0.999, 0.5, 0.999];
    const { c, waits } = client({ retries: 3, maxBackoffMs: 1500, random: () => rolls.shift() ?? 0 });
    const out = await c.send({ method: 'GET', url: s.origin });
    expect(out).toMatchObject({ kind: 'unknown', failure: 'busy', attempts: 4, mayHaveApplied: false });
    expect(out.kind === 'unknown' && out.reason).toContain('status 504');
    // windows: 500, 1000, min(2000, cap 1500)
    expect(waits).toEqual([499, 500, 1498]);
    expect(s.seen).toHaveLength(4);
  });

  it('retries a 503 to a POST (not processed), but not a 504 (it may have been applied)', async () => {
    const s = await serve(statuses([503, 201]));
    const { c } = client();
    expect(await c.send({ method: 'POST', url: s.origin, body: 'x' })).toMatchObject({ kind: 'answered', status: 201, attempts: 2 });
    const g = await serve(statuses([504, 201]));
    const out = await c.send({ method: 'POST', url: g.origin, body: 'x' });
    expect(out).toMatchObject({ kind: 'unknown', attempts: 1, mayHaveApplied: true });
    expect(g.seen).toHaveLength(1);
  });

  it('retries a GET whose connection the server dropped', async () => {
    const s = await serve((req, res, n) => (n === 0 ? req.socket.destroy() : res.end('ok')));
    const { c, waits, logs } = client();
    expect(await c.send({ method: 'GET', url: s.origin })).toMatchObject({ kind: 'answered', status: 200, attempts: 2 });
    expect(waits).toHaveLength(1);
    expect(logs[0]?.error).toMatch(/other side closed/);
  });

  it('does not repeat a POST whose connection dropped after it was sent: unknown, may have applied', async () => {
    const s = await serve((req) => req.socket.destroy());
    const { c, waits } = client();
    const out = await c.send({ method: 'POST', url: s.origin, body: 'x' });
    expect(out).toMatchObject({ kind: 'unknown', failure: 'lost', attempts: 1, mayHaveApplied: true });
    expect(waits).toEqual([]);
    expect(s.seen).toHaveLength(1);
    // unless the caller says the POST is idempotent
    const t = await serve((req, res, n) => (n === 0 ? req.socket.destroy() : res.end('ok')));
    expect(await c.send({ method: 'POST', url: t.origin, body: 'x', idempotent: true })).toMatchObject({ kind: 'answered', attempts: 2 });
  });

  it('retries a POST whose connection was refused: it was never sent', async () => {
    const origin = await refusedOrigin();
    let late: Loopback | undefined;
    const { c, waits } = client({
      // the service comes up during the first wait
      sleep: async (ms) => {
        waits.push(ms);
        if (late) return;
        const server = http.createServer((_req, res) => res.end('up'));
        await new Promise<void>((done) => server.listen(Number(new URL(origin).port), '127.0.0.1', done));
        late = { origin, seen: [], close: () => new Promise((done) => server.close(() => done())) };
        servers.push(late);
      },
    });
    expect(await c.send({ method: 'POST', url: origin, body: 'x' })).toMatchObject({ kind: 'answered', status: 200, attempts: 2 });
    expect(waits).toHaveLength(1);
    const gone = await refusedOrigin();
    expect(await c.send({ method: 'POST', url: gone, body: 'x' })).toMatchObject({
      kind: 'unknown',
      failure: 'unreachable',
      attempts: 4,
      mayHaveApplied: false,
    });
  });

  it("asks once when the request says retries 0, and never more often than the client's retries", async () => {
    const gone = await refusedOrigin();
    const { c, waits } = client({ retries: 2 });
    const once = await c.send({ method: 'GET', url: gone, retries: 0 });
    expect(once).toMatchObject({ kind: 'unknown', failure: 'unreachable', attempts: 1 });
    expect(once.kind === 'unknown' && once.reason).toMatch(/ECONNREFUSED/);
    expect(once.kind === 'unknown' && once.reason).not.toMatch(/after 1 attempts/);
    expect(waits).toEqual([]);
    expect(await c.send({ method: 'GET', url: gone, retries: 9 })).toMatchObject({ attempts: 3 });
  });

  it('times out a server that never answers, retrying a GET and not a POST', async () => {
    const s = await serve(() => undefined);
    const { c } = client({ timeoutMs: 200, retries: 1 });
    const started = Date.now();
    const get = await c.send({ method: 'GET', url: s.origin });
    expect(get).toMatchObject({ kind: 'unknown', failure: 'lost', attempts: 2, mayHaveApplied: false });
    expect(get.kind === 'unknown' && get.reason).toContain('200 ms');
    const post = await c.send({ method: 'PATCH', url: s.origin, body: '{}' });
    expect(post).toMatchObject({ kind: 'unknown', attempts: 1, mayHaveApplied: true });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('follows a redirect to another origin without the Authorization header, and keeps it on the same origin', async () => {
    const other = await serve((_req, res) => res.end('photo'));
    const first = await serve((req, res) => {
      res.writeHead(302, { Location: req.url === '/start' ? '/again' : `${other.origin}/photo?x=1` });
      res.end();
    });
    let fetched = 0;
    const { c, logs } = client();
    const out = await c.send({
      method: 'GET',
      url: `${first.origin}/start`,
      headers: { Cookie: 'a=1' },
      token: async () => `${TOKEN}-${++fetched}`,
    });
    expect(out).toMatchObject({ kind: 'answered', status: 200, url: `${other.origin}/photo?x=1`, attempts: 3 });
    expect(first.seen.map((r) => r.headers.authorization)).toEqual([`Bearer ${TOKEN}-1`, `Bearer ${TOKEN}-2`]);
    expect(other.seen[0]?.headers.authorization).toBeUndefined();
    expect(other.seen[0]?.headers.cookie).toBeUndefined();
    expect(logs.map((l) => l.status)).toEqual([302, 302, 200]);
  });

  it('turns a 303 into a GET without body, leaves a 302 to a POST and a redirect off to the caller', async () => {
    const s = await serve((req, res) => {
      if (req.url === '/see') res.writeHead(303, { Location: '/result' }).end();
      else if (req.url === '/moved') res.writeHead(302, { Location: '/elsewhere' }).end();
      else res.end(`${req.method} ${req.url} ${req.headers['content-length'] ?? '-'}`);
    });
    const { c } = client();
    const see = await c.send({ method: 'POST', url: `${s.origin}/see`, body: 'x', headers: { 'Content-Type': 'text/plain' } });
    expect(see.kind === 'answered' && see.body.toString()).toBe('GET /result -');
    expect(await c.send({ method: 'POST', url: `${s.origin}/moved`, body: 'x' })).toMatchObject({ kind: 'answered', status: 302 });
    expect(await c.send({ method: 'GET', url: `${s.origin}/see`, followRedirects: false })).toMatchObject({
      kind: 'answered',
      status: 303,
    });
  });

  it('gives up as unknown after 5 redirect hops', async () => {
    const s = await serve((req, res) => res.writeHead(307, { Location: `/hop${req.url?.length}` }).end());
    const { c } = client();
    const out = await c.send({ method: 'GET', url: s.origin });
    expect(out).toMatchObject({ kind: 'unknown', attempts: 6 });
  });

  it('rejects with BudgetSpentError once the budget is spent, retries included', async () => {
    const s = await serve(statuses([503]));
    const budget = new RequestBudget(2);
    const { c } = client({ budget, retries: 5 });
    await expect(c.send({ method: 'GET', url: s.origin })).rejects.toBeInstanceOf(BudgetSpentError);
    expect(s.seen).toHaveLength(2);
    expect(budget.left).toBe(0);
    await expect(c.send({ method: 'GET', url: s.origin })).rejects.toMatchObject({ code: 'PHOTOSYNC_BUDGET_SPENT' });
    expect(s.seen).toHaveLength(2);
  });

  it('never puts a token or a secret parameter in a reason or a log', async () => {
    const s = await serve((req) => req.socket.destroy());
    const { c, logs } = client({ retries: 1 });
    const url = `${s.origin}/token?client_id=app&client_secret=Zq9shh&code=Zq9code`;
    const outcomes = [
      await c.send({ method: 'GET', url, token: async () => TOKEN }),
      await c.send({ method: 'POST', url, token: async () => TOKEN }),
      await c.send({ method: 'GET', url, token: () => Promise.reject(new Error(`refresh failed for Bearer ${TOKEN}`)) }),
    ];
    expect(outcomes.map((o) => o.kind)).toEqual(['unknown', 'unknown', 'unknown']);
    const text = JSON.stringify({ outcomes, logs });
    expect(text).toContain('client_secret=REDACTED');
    for (const secret of [TOKEN, 'Zq9shh', 'Zq9code']) expect(text).not.toContain(secret);
  });

  it('gives up as unknown on an answer body larger than 16 MiB', async () => {
    const s = await serve((_req, res) => {
      const chunk = Buffer.alloc(1024 * 1024);
      for (let i = 0; i < 16; i += 1) res.write(chunk);
      res.end(Buffer.alloc(1));
    });
    const { c } = client();
    const out = await c.send({ method: 'GET', url: s.origin });
    expect(out).toMatchObject({ kind: 'unknown', attempts: 1 });
    expect(out.kind === 'unknown' && out.reason).toContain(String(MAX_BODY_BYTES));
  });

  it('trusts the extra CA for HTTPS, refuses an unknown one without retrying, and follows no redirect from https to http', async () => {
    const pki = await testPki();
    const plain = await serve((_req, res) => res.end('plain'));
    const s = await startHttps(
      (req, res) => (req.url === '/down' ? res.writeHead(302, { Location: `${plain.origin}/` }).end() : res.end('secure')),
      pki,
    );
    servers.push(s);
    const trusting = client({ trustedCa: pki.caCert }).c;
    const out = await trusting.send({ method: 'GET', url: `${s.origin}/` });
    expect(out.kind === 'answered' && out.body.toString()).toBe('secure');
    expect(await trusting.send({ method: 'GET', url: `${s.origin}/down` })).toMatchObject({ kind: 'answered', status: 302 });
    expect(plain.seen).toHaveLength(0);
    const { c, waits } = client();
    const refused = await c.send({ method: 'GET', url: `${s.origin}/` });
    expect(refused).toMatchObject({ kind: 'unknown', failure: 'certificate', attempts: 1, mayHaveApplied: false });
    expect(refused.kind === 'unknown' && refused.reason).toContain('UNABLE_TO_VERIFY_LEAF_SIGNATURE');
    expect(waits).toEqual([]);
  });

  it('refuses misuse with HttpUsageError', async () => {
    expect(() => new HttpClient({ timeoutMs: 0, retries: 1, maxBackoffMs: 1 })).toThrow(HttpUsageError);
    const { c } = client();
    await expect(c.send({ method: 'GET', url: 'ftp://127.0.0.1/x' })).rejects.toBeInstanceOf(HttpUsageError);
    await c.close();
    await expect(c.send({ method: 'GET', url: 'http://127.0.0.1/' })).rejects.toMatchObject({ code: 'PHOTOSYNC_HTTP_MISUSE' });
  });
});

import { setTimeout as delay } from 'node:timers/promises';
import type { Agent } from 'undici';
import { createAgent } from './_internals/createAgent.js';
import { dispatchOnce, type OnceResult } from './_internals/dispatchOnce.js';
import { HttpUsageError } from './HttpUsageError.js';
import { redactText, redactUrl } from './redact.js';
import { BudgetSpentError, type RequestBudget } from './RequestBudget.js';
import { BACKOFF_BASE_MS, RETRY_AFTER_CEILING_MS, backoffDelay, parseRetryAfter } from './retryDelay.js';
import { USER_AGENT } from './userAgent.js';

/** Largest answer body read, 16 MiB (a full-size photo is a few MiB); a larger one is an unknown outcome. */
export const MAX_BODY_BYTES = 16 * 1024 * 1024;

/** Redirect hops followed per send; one more is an unknown outcome. */
export const MAX_REDIRECTS = 5;

/** How a client waits, retries and trusts; `sleep`, `random` and `now` are injectable so tests need not wait. */
export interface HttpClientOptions {
  /** per attempt, covering connect, headers and body */
  timeoutMs: number;
  /** retries after the first attempt; a redirect hop is not a retry */
  retries: number;
  /** cap of the jittered backoff; a longer Retry-After is still honoured up to RETRY_AFTER_CEILING_MS */
  maxBackoffMs: number;
  /** PEM text of an extra CA to trust besides Node's own list (the tenant emulator's) */
  trustedCa?: string;
  /** every attempt, retries and redirect hops included, spends one */
  budget?: RequestBudget;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  now?: () => number;
  onAttempt?: (a: AttemptLog) => void;
}

/** One request as the adapter means it; the client adds the bearer token, retries and follows redirects. */
export interface HttpRequest {
  method: 'GET' | 'PUT' | 'POST' | 'PATCH' | 'DELETE';
  url: string;
  headers?: Record<string, string>;
  body?: Uint8Array | string;
  /** bearer token, fetched per attempt so a refreshed one is used */
  token?: () => Promise<string>;
  /** default: true for GET, PUT, DELETE; false for POST, PATCH */
  idempotent?: boolean;
  /** default true: at most MAX_REDIRECTS hops, same scheme only; Authorization is not sent to another origin */
  followRedirects?: boolean;
  /** retries for this request, at most the client's (default); 0 for a probe that only asks whether the service is there */
  retries?: number;
}

/**
 * Why a send got no answer: the service asked to be asked later (429, 503, 504) until the retries
 * ran out (`busy`); no connection could be made (`unreachable`); one was made and its answer lost
 * or late (`lost`); the server's certificate was not trusted (`certificate`); or anything else,
 * which asking again would not mend (`other`).
 */
export type NoAnswer = 'busy' | 'unreachable' | 'lost' | 'certificate' | 'other';

/** The service's final answer, whatever its status; or unknown, when none came and the outcome cannot be known. */
export type HttpOutcome =
  | {
      kind: 'answered';
      status: number;
      headers: Record<string, string>;
      body: Buffer;
      /** final URL after redirects, as the service gave it: not redacted, use redactUrl before logging it */
      url: string;
      attempts: number;
    }
  | { kind: 'unknown'; reason: string; failure: NoAnswer; attempts: number; mayHaveApplied: boolean };

/** One attempt as it is logged: the URL is redacted and no header or token appears. */
export interface AttemptLog {
  method: HttpRequest['method'];
  url: string;
  /** 1-based count of requests sent by this `send`, redirect hops included */
  attempt: number;
  status?: number;
  error?: string;
  /** the wait before the next attempt, when there is one */
  waitMs?: number;
  elapsedMs: number;
}

type Method = HttpRequest['method'];
type Answered = Extract<HttpOutcome, { kind: 'answered' }>;
/** What to do after an attempt; `send` adds what it alone knows (attempt count, mayHaveApplied, secrets). */
type Step =
  | { do: 'answer'; outcome: Answered }
  | { do: 'giveUp'; reason: string; failure: NoAnswer }
  | { do: 'retry'; waitMs: number }
  | { do: 'redirect'; to: URL; method: Method; dropBody: boolean };

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
// the service says it did not process the request (429, 503), or a gateway gave up on it (504)
const RETRY_STATUSES = new Set([429, 503, 504]);
// no connection was made: the host refused it, or its name or route is not known
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL']);
// credentials a redirect must not carry to another origin
const CREDENTIAL_HEADERS = ['authorization', 'cookie', 'proxy-authorization'];

/**
 * An HTTP client for the live adapter: `send` never rejects for a tenant's or network's fault, only for
 * a spent budget (BudgetSpentError) or misuse (HttpUsageError); no message it makes holds a secret.
 */
export class HttpClient {
  readonly #options: HttpClientOptions;
  readonly #agent: Agent;
  readonly #sleep: (ms: number) => Promise<void>;
  readonly #random: () => number;
  readonly #now: () => number;
  #closing: Promise<void> | undefined;

  constructor(options: HttpClientOptions) {
    const { timeoutMs, retries, maxBackoffMs } = options;
    if (!(Number.isFinite(timeoutMs) && timeoutMs > 0))
      throw new HttpUsageError(`timeoutMs must be a positive number of ms, not ${timeoutMs}`);
    if (!(Number.isInteger(retries) && retries >= 0)) throw new HttpUsageError(`retries must be a whole number, not ${retries}`);
    if (!(Number.isFinite(maxBackoffMs) && maxBackoffMs >= 0))
      throw new HttpUsageError(`maxBackoffMs must be a number of ms, not ${maxBackoffMs}`);
    this.#options = options;
    this.#agent = createAgent(options.trustedCa, timeoutMs);
    this.#sleep = options.sleep ?? ((ms) => delay(ms));
    this.#random = options.random ?? Math.random;
    this.#now = options.now ?? Date.now;
  }

  /** Sends until answered, retrying what is safe to retry; resolves answered or unknown, rejects only with BudgetSpentError or HttpUsageError. */
  async send(request: HttpRequest): Promise<HttpOutcome> {
    if (this.#closing) throw new HttpUsageError('send after close');
    const idempotent = request.idempotent ?? (request.method === 'GET' || request.method === 'PUT' || request.method === 'DELETE');
    const follow = request.followRedirects ?? true;
    // tokens seen by this send: every message is scrubbed of them, whatever else redaction misses
    const secrets: string[] = [];
    let url = parseUrl(request.url);
    let method: Method = request.method;
    let body = request.body;
    // every request names photosync, unless the caller names itself
    let headers: Record<string, string> = { 'user-agent': USER_AGENT, ...lowerCaseKeys(request.headers ?? {}) };
    let sendToken = request.token !== undefined;
    let attempts = 0;
    let retriesUsed = 0;
    let hops = 0;
    // GET changes nothing; any other method may have taken effect once a request was written and not refused
    let mayHaveApplied = false;
    const unknown = (reason: string, failure: NoAnswer): HttpOutcome => ({
      kind: 'unknown',
      reason: redactText(reason, secrets),
      failure,
      attempts,
      mayHaveApplied,
    });
    const retries = Math.min(request.retries ?? this.#options.retries, this.#options.retries);

    for (;;) {
      const target = `${method} ${redactUrl(url.href, secrets)}`;
      const attemptHeaders = { ...headers };
      if (sendToken && request.token) {
        let token: string;
        try {
          token = await request.token();
        } catch (err) {
          if (err instanceof BudgetSpentError) throw err;
          return unknown(`${target}: no bearer token: ${err instanceof Error ? err.message : String(err)}`, 'other');
        }
        secrets.push(token);
        attemptHeaders['authorization'] = `Bearer ${token}`;
      }
      this.#options.budget?.spend();
      attempts += 1;
      const started = this.#now();
      const result = await dispatchOnce(
        this.#agent,
        { method, url, headers: attemptHeaders, body },
        { timeoutMs: this.#options.timeoutMs, maxBodyBytes: MAX_BODY_BYTES },
      );
      const log: AttemptLog = { method, url: redactUrl(url.href, secrets), attempt: attempts, elapsedMs: this.#now() - started };
      if (result.kind === 'response') log.status = result.status;
      else log.error = redactText(result.message, secrets);
      const step = this.#decide(result, { method, url, idempotent, follow, attempts, retries, retriesUsed, target });
      if (method !== 'GET' && step.do !== 'redirect' && mayHaveTakenEffect(result)) mayHaveApplied = true;
      if (step.do === 'retry') log.waitMs = step.waitMs;
      this.#options.onAttempt?.(log);

      if (step.do === 'answer') return step.outcome;
      if (step.do === 'giveUp') return unknown(step.reason, step.failure);
      if (step.do === 'retry') {
        retriesUsed += 1;
        await this.#sleep(step.waitMs);
        continue;
      }
      hops += 1;
      if (hops > MAX_REDIRECTS) return unknown(`${target}: more than ${MAX_REDIRECTS} redirects`, 'other');
      if (step.to.origin !== url.origin) {
        // once a redirect leaves the origin, credentials stay behind for the rest of the chain (as fetch does)
        sendToken = false;
        for (const name of CREDENTIAL_HEADERS) delete headers[name];
      }
      if (step.dropBody) {
        body = undefined;
        headers = Object.fromEntries(Object.entries(headers).filter(([name]) => !name.startsWith('content-')));
      }
      url = step.to;
      method = step.method;
    }
  }

  /** Closes the connections once, however often called; a send after close is misuse. */
  close(): Promise<void> {
    this.#closing ??= this.#agent.close();
    return this.#closing;
  }

  #decide(
    result: OnceResult,
    at: {
      method: Method;
      url: URL;
      idempotent: boolean;
      follow: boolean;
      attempts: number;
      retries: number;
      retriesUsed: number;
      target: string;
    },
  ): Step {
    const { maxBackoffMs } = this.#options;
    const exhausted = at.retriesUsed >= at.retries;
    const backoff = (): number => backoffDelay(at.retriesUsed, this.#random, BACKOFF_BASE_MS, maxBackoffMs);
    const exhaustedAfter = (last: string, failure: NoAnswer): Step => ({
      do: 'giveUp',
      reason: at.attempts === 1 ? `${at.target}: ${last}` : `${at.target}: no answer after ${at.attempts} attempts; last: ${last}`,
      failure,
    });

    if (result.kind === 'response') {
      const { status } = result;
      if (at.follow && REDIRECTS.has(status)) {
        const next = redirectTarget(status, result.headers['location'], at.url, at.method);
        if (next) return { do: 'redirect', ...next };
      }
      if (!RETRY_STATUSES.has(status)) {
        return {
          do: 'answer',
          outcome: { kind: 'answered', status, headers: result.headers, body: result.body, url: at.url.href, attempts: at.attempts },
        };
      }
      if (status === 504 && !at.idempotent) {
        return {
          do: 'giveUp',
          reason: `${at.target}: a gateway timed out (504); the request may have been applied, and is not repeated`,
          failure: 'busy',
        };
      }
      if (exhausted) return exhaustedAfter(`status ${status}`, 'busy');
      const asked = parseRetryAfter(result.headers['retry-after'], this.#now());
      if (asked !== undefined && asked > RETRY_AFTER_CEILING_MS) {
        return {
          do: 'giveUp',
          reason: `${at.target}: status ${status} asks to wait ${asked} ms, past the ${RETRY_AFTER_CEILING_MS} ms ceiling`,
          failure: 'busy',
        };
      }
      return { do: 'retry', waitMs: asked ?? backoff() };
    }

    switch (result.failure) {
      case 'too-large':
      case 'certificate':
      case 'invalid':
      case 'aborted':
        // repeating would fail the same way
        return {
          do: 'giveUp',
          reason: `${at.target}: ${result.message}`,
          failure: result.failure === 'certificate' ? 'certificate' : 'other',
        };
      case 'timeout':
      case 'network': {
        const failure: NoAnswer = result.code !== undefined && UNREACHABLE_CODES.has(result.code) ? 'unreachable' : 'lost';
        if (result.written && !at.idempotent) {
          return {
            do: 'giveUp',
            reason: `${at.target}: ${result.message}; the request may have been applied, and is not repeated`,
            failure,
          };
        }
        return exhausted ? exhaustedAfter(result.message, failure) : { do: 'retry', waitMs: backoff() };
      }
    }
  }
}

/** Whether an attempt may have changed the service: it was written and not answered "not processed" (429, 503) or redirected. */
function mayHaveTakenEffect(result: OnceResult): boolean {
  if (result.kind === 'response') return result.status !== 429 && result.status !== 503;
  return result.written;
}

function redirectTarget(
  status: number,
  location: string | undefined,
  from: URL,
  method: Method,
): { to: URL; method: Method; dropBody: boolean } | undefined {
  if (location === undefined) return undefined;
  let to: URL;
  try {
    to = new URL(location, from);
  } catch {
    return undefined;
  }
  // no downgrade from https, and no scheme change at all
  if (to.protocol !== from.protocol) return undefined;
  if (status === 303) return { to, method: 'GET', dropBody: method !== 'GET' };
  // 301 and 302 turn a write into a GET in browsers; a write is not silently turned into a read here
  if ((status === 301 || status === 302) && method !== 'GET') return undefined;
  return { to, method, dropBody: false };
}

function parseUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new HttpUsageError(`not a URL: ${redactUrl(text)}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new HttpUsageError(`not an http(s) URL: ${redactUrl(text)}`);
  return url;
}

function lowerCaseKeys(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
}

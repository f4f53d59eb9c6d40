import type { Dispatcher, FormData } from 'undici';

/** One request as undici sends it: headers already final, the body replayable. */
export interface OnceRequest {
  method: Dispatcher.HttpMethod;
  url: URL;
  headers: Record<string, string>;
  body?: string | Uint8Array | FormData | undefined;
}

/** The `abort` event source of a caller (AbortSignal, or Azure's AbortSignalLike). */
export interface AbortSource {
  readonly aborted: boolean;
  addEventListener(type: 'abort', listener: () => void): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}

export interface OnceLimits {
  /** the whole attempt: connect, headers and body; 0 for none */
  timeoutMs: number;
  maxBodyBytes: number;
  signal?: AbortSource | undefined;
}

/**
 * Why an attempt got no full answer. `certificate`: the server's certificate was refused;
 * `invalid`: undici refused the request itself; `network`: any other transport failure.
 */
export type OnceFailure = 'timeout' | 'aborted' | 'too-large' | 'certificate' | 'invalid' | 'network';

export type OnceResult =
  | { kind: 'response'; status: number; headers: Record<string, string>; body: Buffer }
  | {
      kind: 'failed';
      failure: OnceFailure;
      /** the request reached a socket, so the service may have received it; false means it was never sent */
      written: boolean;
      code: string | undefined;
      message: string;
      status?: number;
    };

// OpenSSL's verify errors and Node's host check: a refused certificate, not a flaky network
const CERTIFICATE_CODES = new Set([
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_DECRYPT_CERT_SIGNATURE',
  'CERT_SIGNATURE_FAILURE',
  'CERT_NOT_YET_VALID',
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'CERT_CHAIN_TOO_LONG',
  'CERT_REVOKED',
  'INVALID_CA',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'HOSTNAME_MISMATCH',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);
const INVALID_CODES = new Set(['UND_ERR_INVALID_ARG', 'UND_ERR_NOT_SUPPORTED', 'UND_ERR_REQ_CONTENT_LENGTH_MISMATCH']);

/** Internal reason handed to undici's abort; never surfaces, the result says why. */
class AttemptCancelled extends Error {
  readonly code = 'PHOTOSYNC_ATTEMPT_CANCELLED';
}

/**
 * Sends one request over `dispatcher` and reads the whole answer; never rejects. `written` is exact:
 * undici calls `onConnect` just before it writes the request to a socket, and a request cancelled
 * before that is aborted there, so it is never written later.
 */
export function dispatchOnce(dispatcher: Pick<Dispatcher, 'dispatch'>, request: OnceRequest, limits: OnceLimits): Promise<OnceResult> {
  return new Promise((resolve) => {
    let settled = false;
    let written = false;
    let abort: ((err?: Error) => void) | undefined;
    let cancelledEarly: Error | undefined;
    let status = 0;
    let headers: Record<string, string> = {};
    const chunks: Buffer[] = [];
    let size = 0;
    let timer: NodeJS.Timeout | undefined;
    const { signal } = limits;

    const finish = (result: OnceResult): void => {
      if (settled) return;
      settled = true;
      if (timer !== undefined) clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      resolve(result);
    };
    const cancel = (failure: OnceFailure, message: string): void => {
      const withStatus = failure === 'too-large' ? { status } : {};
      finish({ kind: 'failed', failure, written, code: undefined, message, ...withStatus });
      const reason = new AttemptCancelled(message);
      if (abort) abort(reason);
      else cancelledEarly = reason;
    };
    function onAbort(): void {
      cancel('aborted', 'the request was aborted');
    }

    if (signal?.aborted) {
      finish({
        kind: 'failed',
        failure: 'aborted',
        written: false,
        code: undefined,
        message: 'the request was aborted before it was sent',
      });
      return;
    }
    signal?.addEventListener('abort', onAbort);
    if (limits.timeoutMs > 0) {
      timer = setTimeout(() => cancel('timeout', `no full answer within ${limits.timeoutMs} ms`), limits.timeoutMs);
    }

    const handler: Dispatcher.DispatchHandlers = {
      onConnect(abortRequest) {
        if (cancelledEarly) {
          abortRequest(cancelledEarly);
          return;
        }
        abort = abortRequest;
        written = true;
      },
      onHeaders(statusCode, rawHeaders) {
        // 1xx answers are interim; the final one follows
        if (statusCode < 200) return true;
        status = statusCode;
        headers = parseHeaders(rawHeaders);
        const length = Number(headers['content-length']);
        if (Number.isFinite(length) && length > limits.maxBodyBytes) {
          cancel('too-large', `the answer's body (${length} bytes) is larger than ${limits.maxBodyBytes} bytes`);
          return false;
        }
        return true;
      },
      onData(chunk) {
        size += chunk.length;
        if (size > limits.maxBodyBytes) {
          cancel('too-large', `the answer's body is larger than ${limits.maxBodyBytes} bytes`);
          return false;
        }
        chunks.push(chunk);
        return true;
      },
      onComplete() {
        finish({ kind: 'response', status, headers, body: Buffer.concat(chunks, size) });
      },
      onError(err) {
        const code = errorCode(err);
        const failure: OnceFailure =
          code !== undefined && CERTIFICATE_CODES.has(code)
            ? 'certificate'
            : code !== undefined && INVALID_CODES.has(code)
              ? 'invalid'
              : 'network';
        finish({ kind: 'failed', failure, written, code, message: describe(err, code) });
      },
    };

    try {
      dispatcher.dispatch(
        {
          origin: request.url.origin,
          path: `${request.url.pathname}${request.url.search}`,
          method: request.method,
          headers: request.headers,
          body: request.body ?? null,
        },
        handler,
      );
    } catch (err) {
      handler.onError?.(err instanceof Error ? err : new AttemptCancelled(String(err)));
    }
  });
}

function parseHeaders(raw: Buffer[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = String(raw[i]).toLowerCase();
    const value = String(raw[i + 1]);
    const before = out[name];
    out[name] = before === undefined ? value : `${before}, ${value}`;
  }
  return out;
}

function errorCode(err: Error): string | undefined {
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth += 1) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

function describe(err: Error, code: string | undefined): string {
  const message = err.message === '' ? err.name : err.message;
  return code === undefined || message.includes(code) ? message : `${message} (${code})`;
}

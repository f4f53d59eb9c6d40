import { Readable } from 'node:stream';
import zlib from 'node:zlib';
import {
  RestError,
  createHttpHeaders,
  type HttpClient as AzureHttpClient,
  type PipelineRequest,
  type PipelineResponse,
  type RequestBodyType,
} from '@azure/core-rest-pipeline';
import { FormData as UndiciFormData, type Agent } from 'undici';
import { AzureAbortError } from './_internals/AzureAbortError.js';
import { createAgent } from './_internals/createAgent.js';
import { dispatchOnce } from './_internals/dispatchOnce.js';
import { MAX_BODY_BYTES } from './HttpClient.js';
import { redactText, redactUrl } from './redact.js';

/**
 * An HttpClient for `@azure/identity` credentials (their `httpClient` option) that trusts Node's CA list
 * plus `trustedCa`, so sign-in against the tenant emulator goes through the real credential classes.
 * It sends exactly once (the SDK's pipeline retries), throws RestError for a transport failure and an
 * `AbortError` for a timeout or an abort, as the SDK's own client does; no error message holds a secret.
 * Proxy settings, a custom `agent` and per-request `tlsSettings` are not supported.
 */
export function azureHttpClient(trustedCa: string | undefined): AzureHttpClient {
  const agent = createAgent(trustedCa);
  return { sendRequest: (request) => sendRequest(agent, request) };
}

async function sendRequest(agent: Agent, request: PipelineRequest): Promise<PipelineResponse> {
  const url = new URL(request.url);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && request.allowInsecureConnection === true)) {
    throw new RestError(`Cannot connect to ${redactUrl(request.url)} while allowInsecureConnection is false.`, { request });
  }
  if (request.abortSignal?.aborted) throw new AzureAbortError('The operation was aborted. Request has already been canceled.');
  const body = await requestBody(request);
  const headers = request.headers.toJSON({ preserveCase: true });
  const result = await dispatchOnce(
    agent,
    { method: request.method, url, headers, body },
    { timeoutMs: request.timeout, maxBodyBytes: MAX_BODY_BYTES, signal: request.abortSignal },
  );
  if (result.kind === 'failed') {
    const message = `${request.method} ${redactUrl(request.url)}: ${redactText(result.message)}`;
    if (result.failure === 'timeout' || result.failure === 'aborted') throw new AzureAbortError(message);
    throw new RestError(message, { code: result.code ?? RestError.REQUEST_SEND_ERROR, request });
  }
  if (body !== undefined)
    request.onUploadProgress?.({ loadedBytes: typeof body === 'string' ? Buffer.byteLength(body) : byteLength(body) });
  const responseHeaders = createHttpHeaders(result.headers);
  const response: PipelineResponse = { request, status: result.status, headers: responseHeaders };
  // a response to HEAD has no body, whatever the server sends
  if (request.method === 'HEAD') return response;
  const content = decode(request, result.headers['content-encoding'], result.body);
  request.onDownloadProgress?.({ loadedBytes: content.length });
  const streamed = request.streamResponseStatusCodes;
  if (streamed?.has(Number.POSITIVE_INFINITY) || streamed?.has(result.status)) response.readableStreamBody = Readable.from([content]);
  else response.bodyAsText = content.toString('utf8');
  return response;
}

/** The body in a form undici can resend: MSAL sends url-encoded strings; streams and blobs are read whole first. */
async function requestBody(request: PipelineRequest): Promise<string | Uint8Array | UndiciFormData | undefined> {
  const raw: RequestBodyType | undefined = typeof request.body === 'function' ? request.body() : request.body;
  if (raw !== undefined && raw !== null) return fromBodyType(raw);
  if (request.multipartBody !== undefined) {
    throw new RestError('a multipart body reaches this client only without the SDK multipartPolicy, which encodes it', { request });
  }
  if (request.formData !== undefined) return fromFormDataMap(request);
  return undefined;
}

async function fromBodyType(raw: Exclude<RequestBodyType, null | (() => unknown)>): Promise<string | Uint8Array | UndiciFormData> {
  if (typeof raw === 'string') return raw;
  if (raw instanceof ArrayBuffer) return new Uint8Array(raw);
  if (ArrayBuffer.isView(raw)) return new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength);
  if (raw instanceof Blob) return new Uint8Array(await raw.arrayBuffer());
  if (raw instanceof FormData) {
    const form = new UndiciFormData();
    for (const [name, value] of raw.entries()) form.append(name, value);
    return form;
  }
  const chunks: Buffer[] = [];
  for await (const chunk of raw as AsyncIterable<Uint8Array | string>) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

function fromFormDataMap(request: PipelineRequest): string | UndiciFormData {
  const entries = Object.entries(request.formData ?? {}).flatMap(([name, value]) =>
    (Array.isArray(value) ? value : [value]).map((v) => [name, v] as const),
  );
  if (request.headers.get('content-type')?.startsWith('application/x-www-form-urlencoded')) {
    const params = new URLSearchParams();
    for (const [name, value] of entries) {
      if (typeof value !== 'string') throw new RestError(`form field ${name} is a file; a url-encoded form holds only text`, { request });
      params.append(name, value);
    }
    return params.toString();
  }
  const form = new UndiciFormData();
  for (const [name, value] of entries) form.append(name, value);
  return form;
}

function byteLength(body: Uint8Array | UndiciFormData): number {
  return body instanceof Uint8Array ? body.byteLength : 0;
}

/** Decompresses only when the request asked for compression, as the SDK's own Node client does. */
function decode(request: PipelineRequest, encoding: string | undefined, body: Buffer): Buffer {
  const accepted = request.headers.get('accept-encoding') ?? '';
  if (!(accepted.includes('gzip') || accepted.includes('deflate'))) return body;
  try {
    if (encoding === 'gzip') return zlib.gunzipSync(body, { maxOutputLength: MAX_BODY_BYTES });
    if (encoding === 'deflate') return zlib.inflateSync(body, { maxOutputLength: MAX_BODY_BYTES });
  } catch (err) {
    throw new RestError(`could not decode the ${encoding} answer: ${err instanceof Error ? err.message : String(err)}`, {
      code: RestError.PARSE_ERROR,
      request,
    });
  }
  return body;
}

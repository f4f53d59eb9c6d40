import { ClientCertificateCredential, ClientSecretCredential } from '@azure/identity';
import { createHttpHeaders, createPipelineRequest, isRestError, type PipelineRequest } from '@azure/core-rest-pipeline';
import { generate } from 'selfsigned';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { azureHttpClient } from './azureHttpClient.js';
import { startHttps, testPki, type Handle, type Loopback, type TestPki } from './loopback.testkit.js';

const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const SECRET = 'Zq9-client-secret';
const CLIENT_ID = '11111111-2222-3333-4444-555555555555';

let pki: TestPki;
const servers: Loopback[] = [];

beforeAll(async () => {
  pki = await testPki();
});
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function serve(handle: Handle): Promise<Loopback> {
  const s = await startHttps(handle, pki);
  servers.push(s);
  return s;
}

function readBody(req: Parameters<Handle>[0]): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString()));
  });
}

describe('azureHttpClient', () => {
  it('sends a url-encoded POST and reads the answer when the CA is trusted', async () => {
    const s = await serve(async (req, res) => {
      const body = await readBody(req);
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify({ method: req.method, type: req.headers['content-type'], body }));
    });
    const request = createPipelineRequest({
      url: `${s.origin}/token`,
      method: 'POST',
      body: 'grant_type=client_credentials&scope=x',
      headers: createHttpHeaders({ 'Content-Type': 'application/x-www-form-urlencoded' }),
    });
    const response = await azureHttpClient(pki.caCert).sendRequest(request);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(JSON.parse(response.bodyAsText ?? '')).toEqual({
      method: 'POST',
      type: 'application/x-www-form-urlencoded',
      body: 'grant_type=client_credentials&scope=x',
    });
  });

  it('fails with a RestError, holding no secret, when the CA is not trusted', async () => {
    const s = await serve((_req, res) => res.end('never'));
    const request = createPipelineRequest({ url: `${s.origin}/token?client_secret=${SECRET}`, method: 'GET' });
    const err: unknown = await azureHttpClient(undefined)
      .sendRequest(request)
      .catch((e: unknown) => e);
    expect(isRestError(err)).toBe(true);
    expect(err).toMatchObject({ code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' });
    expect(String((err as Error).message)).not.toContain(SECRET);
    expect(s.seen).toHaveLength(0);
  });

  it('throws an AbortError on its timeout and on its abort signal', async () => {
    const s = await serve(() => undefined);
    const client = azureHttpClient(pki.caCert);
    const timed = createPipelineRequest({ url: s.origin, method: 'GET', timeout: 100 });
    await expect(client.sendRequest(timed)).rejects.toMatchObject({ name: 'AbortError' });
    const controller = new AbortController();
    const aborted = createPipelineRequest({ url: s.origin, method: 'GET', abortSignal: controller.signal });
    const pending = client.sendRequest(aborted);
    setTimeout(() => controller.abort(), 50);
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('signs in through the real ClientSecretCredential and ClientCertificateCredential against a loopback authority', async () => {
    const s = await serve(async (req, res) => {
      const body = await readBody(req);
      const origin = `https://${req.headers.host}`;
      res.setHeader('Content-Type', 'application/json');
      if (req.url?.includes('openid-configuration')) {
        res.end(
          JSON.stringify({
            token_endpoint: `${origin}/${TENANT}/oauth2/v2.0/token`,
            authorization_endpoint: `${origin}/${TENANT}/oauth2/v2.0/authorize`,
            end_session_endpoint: `${origin}/${TENANT}/oauth2/v2.0/logout`,
            issuer: `${origin}/${TENANT}/v2.0`,
            jwks_uri: `${origin}/${TENANT}/discovery/v2.0/keys`,
          }),
        );
      } else if (req.url?.split('?')[0] === `/${TENANT}/oauth2/v2.0/token` && /client_secret=|client_assertion=/.test(body)) {
        res.end(JSON.stringify({ token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: 'emulated-token' }));
      } else {
        res.writeHead(400).end(JSON.stringify({ error: 'invalid_request', error_description: `unexpected ${req.method} ${req.url}` }));
      }
    });
    const inner = azureHttpClient(pki.caCert);
    const asked: string[] = [];
    const httpClient = { sendRequest: (r: PipelineRequest) => (asked.push(r.url), inner.sendRequest(r)) };
    const options = { authorityHost: s.origin, disableInstanceDiscovery: true, httpClient };
    // MSAL signs the client assertion with RS256, so the app's certificate has an RSA key
    const app = await generate([{ name: 'commonName', value: 'photosync test app' }], { keySize: 2048, algorithm: 'sha256' });
    const credentials = [
      new ClientSecretCredential(TENANT, CLIENT_ID, SECRET, options),
      new ClientCertificateCredential(TENANT, CLIENT_ID, { certificate: `${app.cert}\n${app.private}` }, options),
    ];
    for (const credential of credentials) {
      const token = await credential.getToken('https://graph.microsoft.com/.default');
      expect(token.token).toBe('emulated-token');
    }
    expect(s.seen.map((r) => `${r.method} ${r.url?.split('?')[0]}`)).toEqual([
      `GET /${TENANT}/v2.0/.well-known/openid-configuration`,
      `POST /${TENANT}/oauth2/v2.0/token`,
      `GET /${TENANT}/v2.0/.well-known/openid-configuration`,
      `POST /${TENANT}/oauth2/v2.0/token`,
    ]);
    // nothing went anywhere but the loopback authority
    expect(asked.filter((url) => !url.startsWith(`${s.origin}/`))).toEqual([]);
  });
});

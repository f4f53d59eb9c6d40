import { createPrivateKey, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import sharp from 'sharp';
import { Agent, request } from 'undici';
import { signJwt } from './identity/jwt.js';
import type { ResourceName } from './identity/Resources.js';
import type { RunningEmulator } from './RunningEmulator.js';

/** An answer as a test reads it. */
export type Answer = { status: number; headers: Record<string, string | string[] | undefined>; body: Buffer; json(): any };

const agents = new WeakMap<RunningEmulator, Agent>();

/** Test helper: one request to the emulator over TLS that trusts its CA; a dropped connection throws. */
export async function send(
  emu: RunningEmulator,
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  options: { token?: string; headers?: Record<string, string>; body?: Buffer | string; json?: unknown } = {},
): Promise<Answer> {
  let agent = agents.get(emu);
  if (agent === undefined) {
    agent = new Agent({ connect: { ca: emu.caPem } });
    agents.set(emu, agent);
  }
  const headers: Record<string, string> = { ...options.headers };
  if (options.token !== undefined) headers['authorization'] = `Bearer ${options.token}`;
  let body = options.body;
  if (options.json !== undefined) {
    headers['content-type'] ??= 'application/json';
    body = JSON.stringify(options.json);
  }
  const url = path.startsWith('https://') ? path : `${emu.url}${path}`;
  const res = await request(url, { method, headers, ...(body === undefined ? {} : { body }), dispatcher: agent });
  const bytes = Buffer.from(await res.body.arrayBuffer());
  return { status: res.statusCode, headers: res.headers, body: bytes, json: () => JSON.parse(bytes.toString('utf8')) };
}

/** Test helper: closes the test's connections to the emulator, then the emulator. */
export async function closeEmulator(emu: RunningEmulator): Promise<void> {
  await agents.get(emu)?.close();
  await emu.close();
}

const resourceUrl = (emu: RunningEmulator, resource: ResourceName): string =>
  resource === 'yammer' ? emu.config.endpoints.yammerAudience : emu.config.endpoints[resource];

function form(values: Record<string, string>): { headers: Record<string, string>; body: string } {
  return { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(values).toString() };
}

/** Test helper: an app-only token from the token endpoint, with the client secret or a client assertion signed by the app's certificate. */
export async function appToken(
  emu: RunningEmulator,
  resource: ResourceName,
  auth: 'secret' | 'certificate' = 'certificate',
): Promise<string> {
  const { tenantId, clientId } = emu.config;
  const tokenUrl = `${emu.url}/login/${tenantId}/oauth2/v2.0/token`;
  const fields: Record<string, string> = {
    grant_type: 'client_credentials',
    client_id: clientId,
    scope: `${resourceUrl(emu, resource)}/.default`,
  };
  if (auth === 'secret') fields['client_secret'] = emu.clientSecret;
  else {
    fields['client_assertion_type'] = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
    fields['client_assertion'] = await clientAssertion(emu, tokenUrl);
  }
  const answer = await send(emu, 'POST', tokenUrl, form(fields));
  if (answer.status !== 200) throw new Error(`no token: ${answer.body.toString()}`);
  return answer.json().access_token;
}

/** Test helper: a client assertion for `audience`, signed with the app certificate's key as MSAL does (RS256, x5t). */
export async function clientAssertion(emu: RunningEmulator, audience: string, claims: Record<string, unknown> = {}): Promise<string> {
  if (emu.config.credential.kind !== 'certificate') throw new Error('not a certificate config');
  const pem = await readFile(emu.config.credential.path, 'utf8');
  const key = createPrivateKey(pem);
  const cert = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.exec(pem)![0];
  const { X509Certificate } = await import('node:crypto');
  const x5t = Buffer.from(new X509Certificate(cert).fingerprint.replaceAll(':', ''), 'hex').toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const { clientId } = emu.config;
  return signJwt({ aud: audience, iss: clientId, sub: clientId, exp: now + 600, nbf: now, jti: randomUUID(), ...claims }, key, { x5t });
}

/** Test helper: a delegated token of `upn` through the device code flow, the scripted operator approving the code. */
export async function userToken(emu: RunningEmulator, upn: string, resource: ResourceName): Promise<string> {
  const { tenantId, clientId } = emu.config;
  const scope = `${resourceUrl(emu, resource)}/.default openid profile offline_access`;
  const started = await send(emu, 'POST', `/login/${tenantId}/oauth2/v2.0/devicecode`, form({ client_id: clientId, scope }));
  const { device_code, user_code } = started.json();
  const signedIn = await send(emu, 'POST', '/_emulator/signin', { json: { userCode: user_code, upn } });
  if (signedIn.status !== 200) throw new Error(`sign-in refused: ${signedIn.body.toString()}`);
  const answer = await send(
    emu,
    'POST',
    `/login/${tenantId}/oauth2/v2.0/token`,
    form({ grant_type: 'urn:ietf:params:oauth:grant-type:device_code', client_id: clientId, device_code }),
  );
  if (answer.status !== 200) throw new Error(`no token: ${answer.body.toString()}`);
  return answer.json().access_token;
}

/** Test helper: a small JPEG of one colour, `size` px square. */
export function solidJpeg(color: string, size = 200): Promise<Buffer> {
  return sharp({ create: { width: size, height: size, channels: 3, background: color } })
    .jpeg({ quality: 90 })
    .toBuffer();
}

/** Test helper: the width and height an image decodes to. */
export async function dimensions(image: Buffer): Promise<{ width: number; height: number; format: string }> {
  const m = await sharp(image).metadata();
  return { width: m.width ?? 0, height: m.height ?? 0, format: m.format ?? '' };
}

/** Test helper: the mean colour of an image, as [r, g, b]. */
export async function meanColour(image: Buffer): Promise<[number, number, number]> {
  const { channels } = await sharp(image).stats();
  return [channels[0]!.mean, channels[1]!.mean, channels[2]!.mean];
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../emulator/RunningEmulator.js';
import { startEmulator } from '../../emulator/startEmulator.js';
import type { HttpRequest } from './http/HttpClient.js';
import { HttpClient } from './http/HttpClient.js';
import { refusedOrigin, testPki } from './http/loopback.testkit.js';
import type { LiveConfig } from './LiveConfig.js';
import { whyNoSignIn } from './whyNoSignIn.js';

const SAID = 'endpoints_resolution_error: See https://aka.ms/msal.js.errors#endpoints_resolution_error for details';

describe('whyNoSignIn, against the emulator', () => {
  let emu: RunningEmulator;
  const clients: HttpClient[] = [];

  beforeAll(async () => {
    emu = await startEmulator({ seed: 7 });
  });
  afterAll(async () => {
    for (const c of clients) await c.close();
    await emu.close();
  });

  /** whyNoSignIn through a client trusting `trustedCa` (PEM; none: Node's list only), with what it sent */
  async function why(config: LiveConfig, trustedCa: string | undefined, said = SAID) {
    const http = new HttpClient({ timeoutMs: 5_000, retries: 3, maxBackoffMs: 10, ...(trustedCa === undefined ? {} : { trustedCa }) });
    clients.push(http);
    const sent: HttpRequest[] = [];
    const verdict = await whyNoSignIn(config, { send: (r) => (sent.push(r), http.send(r)) }, said);
    return { verdict, sent };
  }

  it('an authority host that refuses the connection is named, with its field, after one request and no retry', async () => {
    const closed = `${await refusedOrigin()}/login`.replace('http:', 'https:');
    const config = { ...emu.config, endpoints: { ...emu.config.endpoints, authorityHost: closed } };
    const { verdict, sent } = await why(config, emu.caPem);
    expect(verdict.status).toBe('missing');
    expect(verdict.detail).toMatch(
      new RegExp(`^endpoints\\.authorityHost \\(${closed.replace(/[.]/g, '\\.')}\\) could not be reached .*ECONNREFUSED`),
    );
    expect(verdict.detail).toContain(`the sign-in said: ${SAID}`);
    expect(verdict.detail).not.toMatch(/Check tenantId/);
    expect(sent.map((r) => [r.url, r.retries])).toEqual([[`${closed}/${config.tenantId}/v2.0/.well-known/openid-configuration`, 0]]);
  });

  it('an emulator whose CA is not trusted is a certificate trust failure pointing at endpoints.trustedCa', async () => {
    const { trustedCa: _, ...untrusting } = emu.config.endpoints;
    const none = await why({ ...emu.config, endpoints: untrusting }, undefined);
    expect(none.verdict.status).toBe('missing');
    expect(none.verdict.detail).toMatch(
      /^a TLS certificate trust failure: the certificate of endpoints\.authorityHost \(https:\/\/127\.0\.0\.1:\d+\/login\) is not trusted .*set endpoints\.trustedCa to the CA file/,
    );
    // a CA file of another start of the emulator (here: another CA altogether)
    const other = await why(
      { ...emu.config, endpoints: { ...emu.config.endpoints, trustedCa: '/tmp/old.ca.pem' } },
      (await testPki()).caCert,
    );
    expect(other.verdict.detail).toMatch(
      /TLS certificate trust failure.*endpoints\.trustedCa \(\/tmp\/old\.ca\.pem\) is not the CA that signed it/,
    );
  });

  it('an authority that answers leaves the tenant, the app or its credential to blame', async () => {
    const said = "invalid_client: AADSTS7000215: Invalid client secret provided in 'client_secret'.";
    const { verdict, sent } = await why(emu.config, emu.caPem, said);
    expect(sent).toHaveLength(1);
    expect(verdict).toEqual({
      status: 'missing',
      detail: `${said}. Check tenantId, clientId and the credential, and that the certificate is uploaded to the app registration.`,
    });
  });
});

import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { answered, fakeServices } from './api/services.testkit.js';
import type { Services } from './api/Services.js';
import { doctor, type DoctorCheck } from './doctor.js';
import type { HttpOutcome, HttpRequest, NoAnswer } from './http/HttpClient.js';
import { LiveConfig } from './LiveConfig.js';

async function configWith(endpoints: Record<string, unknown> = {}): Promise<LiveConfig> {
  return {
    ...LiveConfig.parse({
      tenantId: '11111111-1111-1111-1111-111111111111',
      clientId: '22222222-2222-2222-2222-222222222222',
      credential: { kind: 'certificate', path: '/nonexistent/app.pem' },
      endpoints: { sharepoint: 'https://contoso.sharepoint.com', mySite: 'https://contoso-my.sharepoint.com', ...endpoints },
      users: [{ id: 'alice', upn: 'alice@contoso.example' }],
      operator: 'none',
    }),
    stateDir: await mkdtemp(join(tmpdir(), 'photosync-doctor-')),
  };
}

const noAnswer = (failure: NoAnswer, reason: string): HttpOutcome => ({
  kind: 'unknown',
  reason,
  failure,
  attempts: 1,
  mayHaveApplied: false,
});

async function check(
  config: LiveConfig,
  answer: (r: HttpRequest) => HttpOutcome,
  token?: Services['token'],
): Promise<{ checks: DoctorCheck[]; sent: HttpRequest[] }> {
  const { services, sent } = fakeServices(answer);
  const checks = await doctor({
    config,
    services: { ...services, endpoints: config.endpoints, ...(token === undefined ? {} : { token }) },
    checkTenant: async () => {},
    terminal: false,
  });
  return { checks, sent };
}

const row = (checks: DoctorCheck[], name: string): DoctorCheck => checks.find((c) => c.check === name)!;

/** An unsigned JWT carrying `claims`, as an app-only token would (doctor reads, never verifies). */
const jwt = (claims: object): string => `e30.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.sig`;

describe('doctor', () => {
  it("reads in the app's Graph token whether it may make the changes a run makes, and says which permission is missing", async () => {
    const config = await configWith();
    const answer = () => answered(200, '{}');
    const all = await check(config, answer, async () =>
      jwt({ roles: ['User.Read.All', 'ProfilePhoto.ReadWrite.All', 'PeopleSettings.ReadWrite.All'] }),
    );
    expect(row(all.checks, 'app permissions')).toMatchObject({ status: 'ok' });
    const wide = await check(config, answer, async () => jwt({ roles: ['User.ReadWrite.All', 'PeopleSettings.ReadWrite.All'] }));
    expect(row(wide.checks, 'app permissions')).toMatchObject({ status: 'ok' });
    const readOnly = await check(config, answer, async () => jwt({ roles: ['User.Read.All'] }));
    expect(row(readOnly.checks, 'app permissions')).toMatchObject({
      status: 'missing',
      detail: expect.stringMatching(/no ProfilePhoto\.ReadWrite\.All \(photo changes\) and no PeopleSettings\.ReadWrite\.All/),
    });
    const none = await check(config, answer, async () => jwt({ tid: config.tenantId }));
    expect(row(none.checks, 'app permissions')).toMatchObject({ status: 'missing' });
    // a token that is no JWT says nothing: no row
    const opaque = await check(config, answer);
    expect(opaque.checks.some((c) => c.check === 'app permissions')).toBe(false);
  });

  it('labels a check the tenant did not answer (throttled, busy, dropped) as unanswered, not missing; a refusal stays missing', async () => {
    const config = await configWith();
    const { checks } = await check(config, (r) =>
      r.url.includes('/users/') && !r.url.includes('/photo')
        ? noAnswer('busy', 'GET …: no answer after 7 attempts; last: status 503')
        : r.url.includes('photoUpdateSettings')
          ? noAnswer('lost', 'GET …: other side closed')
          : r.url.includes('/photo')
            ? answered(403, '{"error":{"code":"Forbidden","message":"no"}}')
            : answered(200, '{}'),
    );
    expect(row(checks, 'test user alice')).toMatchObject({
      status: 'unanswered',
      detail: expect.stringMatching(/did not answer.*status 503.*transient/),
    });
    expect(row(checks, 'photo update settings')).toMatchObject({ status: 'unanswered' });
    expect(row(checks, 'photos')).toMatchObject({ status: 'missing', detail: expect.stringMatching(/ProfilePhoto\.ReadWrite\.All/) });
  });

  it('names the endpoint that could not be reached, and a certificate not trusted as such, pointing at endpoints.trustedCa', async () => {
    const config = await configWith({ graph: 'https://127.0.0.1:1/graph' });
    const unreachable = await check(config, () => noAnswer('unreachable', 'GET …: connect ECONNREFUSED 127.0.0.1:1'));
    expect(row(unreachable.checks, 'test user alice')).toMatchObject({
      status: 'missing',
      detail: expect.stringMatching(/^endpoints\.graph \(https:\/\/127\.0\.0\.1:1\/graph\) could not be reached.*ECONNREFUSED/),
    });
    const untrusted = await check(config, () => noAnswer('certificate', 'GET …: self-signed certificate in certificate chain'));
    expect(row(untrusted.checks, 'test user alice')).toMatchObject({
      status: 'missing',
      detail: expect.stringMatching(/TLS certificate trust failure.*set endpoints\.trustedCa/),
    });
  });

  it('says why the app could not sign in: the sign-in endpoint unreachable, its certificate not trusted, or else the credential', async () => {
    const refusedSignIn: Services['token'] = async () => {
      throw new Error('the app could not sign in for graph: endpoints_resolution_error');
    };
    const config = await configWith({ authorityHost: 'https://127.0.0.1:1/login' });
    const refused = await check(config, () => noAnswer('unreachable', 'GET …: connect ECONNREFUSED 127.0.0.1:1'), refusedSignIn);
    expect(refused.checks).toHaveLength(1);
    expect(refused.sent.map((r) => [r.url, r.retries])).toEqual([
      ['https://127.0.0.1:1/login/11111111-1111-1111-1111-111111111111/v2.0/.well-known/openid-configuration', 0],
    ]);
    expect(refused.checks[0]).toMatchObject({ check: 'app sign-in', status: 'missing' });
    expect(refused.checks[0]!.detail).toMatch(
      /^endpoints\.authorityHost \(https:\/\/127\.0\.0\.1:1\/login\) could not be reached.*ECONNREFUSED/,
    );
    expect(refused.checks[0]!.detail).not.toMatch(/certificate is uploaded/);

    const trusting = await configWith({ trustedCa: '/etc/photosync/old.ca.pem' });
    const untrusted = await check(trusting, () => noAnswer('certificate', 'GET …: unable to verify the first certificate'), refusedSignIn);
    expect(untrusted.checks[0]!.detail).toMatch(
      /TLS certificate trust failure.*endpoints\.trustedCa \(\/etc\/photosync\/old\.ca\.pem\) is not the CA/,
    );

    const answering = await check(config, () => answered(200, '{}'), refusedSignIn);
    expect(answering.checks[0]!.detail).toMatch(/Check tenantId, clientId and the credential/);
  });
});

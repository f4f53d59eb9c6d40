import { describe, expect, it } from 'vitest';
import { decodeJwt } from './jwt.js';
import { ACCESS_TOKEN_SECONDS, TokenIssuer } from './TokenIssuer.js';

const settings = {
  issuer: 'https://127.0.0.1:1/login/t/v2.0',
  tenantId: '11111111-1111-4111-8111-111111111111',
  clientId: '22222222-2222-4222-8222-222222222222',
  servicePrincipalId: '33333333-3333-4333-8333-333333333333',
};
const alice = { id: 'alice', upn: 'alice@photosync.test', objectId: '44444444-4444-4444-8444-444444444444', displayName: 'Alice' };

describe('TokenIssuer', async () => {
  const key = await TokenIssuer.newKey();

  it('issues app-only tokens that say how the app authenticated, and delegated tokens of a user', () => {
    const issuer = new TokenIssuer(settings, key);
    const secret = issuer.check(issuer.appToken('https://x/graph', 'secret').token);
    expect(secret).toMatchObject({
      ok: true,
      claims: { idtyp: 'app', appidacr: '1', tid: settings.tenantId, aud: 'https://x/graph', roles: expect.any(Array) },
    });
    const cert = issuer.check(issuer.appToken('https://x/graph', 'certificate').token);
    expect(cert).toMatchObject({ ok: true, claims: { appidacr: '2' } });
    const user = issuer.check(issuer.userToken('https://x/yammer', alice).token);
    expect(user).toMatchObject({ ok: true, claims: { idtyp: 'user', upn: alice.upn, oid: alice.objectId, scp: expect.any(String) } });
  });

  it('refuses a token once it has expired, one of another key and one that is not a JWT', async () => {
    let now = Date.UTC(2026, 0, 1);
    const issuer = new TokenIssuer(settings, key, () => now);
    const { token, expiresIn } = issuer.appToken('https://x/graph', 'certificate');
    expect(expiresIn).toBe(ACCESS_TOKEN_SECONDS);
    now += (ACCESS_TOKEN_SECONDS + 301) * 1000;
    expect(issuer.check(token)).toEqual({ ok: false, reason: 'Lifetime validation failed, the token is expired.' });
    const other = new TokenIssuer(settings, await TokenIssuer.newKey());
    expect(other.check(new TokenIssuer(settings, key).appToken('a', 'secret').token)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/signature/),
    });
    expect(issuer.check('not.a.jwt')).toMatchObject({ ok: false });
  });

  it('signs ID tokens for the app, naming the user', () => {
    const parts = decodeJwt(new TokenIssuer(settings, key).idToken(alice))!;
    expect(parts.payload).toMatchObject({ aud: settings.clientId, preferred_username: alice.upn, tid: settings.tenantId, ver: '2.0' });
  });
});

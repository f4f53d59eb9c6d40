import type { AccessToken, TokenCredential } from '@azure/identity';
import { describe, expect, it } from 'vitest';
import { LiveConfig } from '../LiveConfig.js';
import { appCredential } from './appCredential.js';
import { Tokens } from './Tokens.js';

const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const config = LiveConfig.parse({
  tenantId: TENANT,
  clientId: '11111111-1111-4111-8111-111111111111',
  credential: { kind: 'certificate', path: '/nonexistent/app.pem', passwordEnv: 'PHOTOSYNC_TEST_KEY_PASSWORD' },
  endpoints: { sharepoint: 'https://contoso.sharepoint.com', mySite: 'https://contoso-my.sharepoint.com' },
  users: [{ id: 'alice', upn: 'alice@contoso.com' }],
});

const jwt = (claims: object) => ['{"alg":"none"}', JSON.stringify(claims)].map((p) => Buffer.from(p).toString('base64url')).join('.') + '.';

/** a credential that counts its calls and answers a token of `claims` valid `lifetimeMs` from `now` */
function counting(now: () => number, lifetimeMs: number, claims: object = { tid: TENANT }) {
  const scopes: string[] = [];
  const credential: TokenCredential = {
    async getToken(scope): Promise<AccessToken> {
      scopes.push(String(scope));
      return { token: jwt({ ...claims, n: scopes.length }), expiresOnTimestamp: now() + lifetimeMs };
    },
  };
  return { credential, scopes };
}

describe('Tokens', () => {
  it('asks each resource for its /.default scope, and Viva Engage for its audience', async () => {
    const t = new Tokens(config);
    expect(['graph', 'sharepoint', 'mySite', 'yammer'].map((r) => t.scopeOf(r as 'graph'))).toEqual([
      'https://graph.microsoft.com/.default',
      'https://contoso.sharepoint.com/.default',
      'https://contoso-my.sharepoint.com/.default',
      'https://api.yammer.com/.default',
    ]);
  });

  it('caches a token until five minutes before it expires, and asks once for concurrent requests', async () => {
    let now = 1_000_000;
    const app = counting(() => now, 60 * 60_000);
    const t = new Tokens(config, { app: app.credential, now: () => now });
    const [a, b] = await Promise.all([t.token('graph'), t.token('graph')]);
    expect(a).toBe(b);
    now += 50 * 60_000;
    expect(await t.token('graph')).toBe(a);
    now += 6 * 60_000;
    expect(await t.token('graph')).not.toBe(a);
    expect(app.scopes).toEqual(['https://graph.microsoft.com/.default', 'https://graph.microsoft.com/.default']);
  });

  it('refuses a token of another tenant, and does not keep it', async () => {
    const app = counting(Date.now, 3600_000, { tid: '00000000-0000-4000-8000-000000000000' });
    const t = new Tokens(config, { app: app.credential });
    await expect(t.token('graph')).rejects.toMatchObject({ code: 'PHOTOSYNC_WRONG_TENANT' });
    await expect(t.token('graph')).rejects.toMatchObject({ code: 'PHOTOSYNC_WRONG_TENANT' });
    expect(app.scopes).toHaveLength(2);
  });

  it('signs in as a test user named by trace id or UPN, with the prompt it was given', async () => {
    const user = counting(Date.now, 3600_000, { tid: TENANT, upn: 'alice@contoso.com' });
    const asked: string[] = [];
    const t = new Tokens(config, {
      prompt: () => undefined,
      user: (upn) => {
        asked.push(upn);
        return user.credential;
      },
    });
    expect(await t.token('yammer', 'alice')).toBe(await t.token('yammer', 'ALICE@contoso.com'));
    expect(asked).toEqual(['alice@contoso.com']);
  });

  it('says what is missing without a prompt, and keeps errors free of tokens', async () => {
    await expect(new Tokens(config).token('graph', 'alice')).rejects.toMatchObject({
      code: 'PHOTOSYNC_SIGN_IN',
      message: expect.stringMatching(/no prompt/),
    });
    const leaky: TokenCredential = {
      getToken: async () => {
        throw new Error(`server said: bad token ${jwt({ secret: 1 })}abc`);
      },
    };
    const error = (await new Tokens(config, { app: leaky }).token('graph').catch((e: unknown) => e)) as Error;
    expect(error.message).toContain('[token]');
    expect(error.message).not.toContain('eyJ');
  });

  it("says why the app's first sign-in failed (whyNoSignIn), given MSAL's words without tokens; not a later one, nor a user's, nor its own refusals", async () => {
    let fail = true;
    const now = 1_000_000;
    const app: TokenCredential = {
      async getToken(): Promise<AccessToken> {
        if (fail) throw new Error(`endpoints_resolution_error ${jwt({ a: 1 })}`);
        return { token: jwt({ tid: TENANT }), expiresOnTimestamp: now + 60_000 };
      },
    };
    const said: string[] = [];
    const whyNoSignIn = async (words: string) => (said.push(words), 'endpoints.authorityHost could not be reached');
    const t = new Tokens(config, { app, whyNoSignIn, now: () => now, renewBeforeMs: 60_000 });
    await expect(t.token('graph')).rejects.toMatchObject({
      code: 'PHOTOSYNC_SIGN_IN',
      message: 'the app could not sign in for graph: endpoints.authorityHost could not be reached',
    });
    expect(said).toEqual(['endpoints_resolution_error [token]']);
    // said once: a second failure (the originals put back as the run ends) keeps MSAL's words
    await expect(t.token('graph')).rejects.toMatchObject({
      message: 'the app could not sign in for graph: endpoints_resolution_error [token]',
    });
    expect(said).toHaveLength(1);
    fail = false;
    await t.token('graph');
    // signed in once, the config is right: a later failure is MSAL's own words
    fail = true;
    await expect(t.token('graph')).rejects.toMatchObject({
      message: 'the app could not sign in for graph: endpoints_resolution_error [token]',
    });
    const failing: TokenCredential = {
      getToken: async () => {
        throw new Error('authorization_pending');
      },
    };
    const user = new Tokens(config, { prompt: () => undefined, user: () => failing, whyNoSignIn });
    await expect(user.token('yammer', 'alice')).rejects.toMatchObject({ message: expect.stringMatching(/authorization_pending$/) });
    const unset = new Tokens(config, { env: {}, whyNoSignIn });
    await expect(unset.token('graph')).rejects.toMatchObject({ message: expect.stringContaining('PHOTOSYNC_TEST_KEY_PASSWORD') });
    expect(said).toHaveLength(1);
    // a diagnosis that cannot be made leaves MSAL's words
    const broken = new Tokens(config, { app: failing, whyNoSignIn: () => Promise.reject(new Error('budget spent')) });
    await expect(broken.token('graph')).rejects.toMatchObject({ message: 'the app could not sign in for graph: authorization_pending' });
  });

  it("names the environment variable of the certificate key's password when it is not set", () => {
    expect(() => appCredential(config, {})).toThrow(
      expect.objectContaining({ code: 'PHOTOSYNC_SIGN_IN', message: expect.stringContaining('PHOTOSYNC_TEST_KEY_PASSWORD') }),
    );
  });
});

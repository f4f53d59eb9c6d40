import { createHash, createPublicKey, generateKeyPair, randomUUID, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import { z } from 'zod';
import type { DirectoryUser } from '../Directory.js';
import { decodeJwt, signJwt, verifyJwtSignature } from './jwt.js';

/** How long an access token lives: an hour of real time, as Microsoft Entra ID's default. */
export const ACCESS_TOKEN_SECONDS = 3599;

/** How the app proved itself: `appidacr` 1 for a secret, 2 for a certificate, 0 for a public client (a signed-in user's device). */
export type ClientAuth = 'secret' | 'certificate' | 'public';

/** The claims the emulator's services read from an access token. */
export const AccessClaims = z.looseObject({
  aud: z.string(),
  iss: z.string(),
  tid: z.string(),
  exp: z.number(),
  nbf: z.number(),
  appid: z.string(),
  appidacr: z.enum(['0', '1', '2']),
  idtyp: z.enum(['app', 'user']),
  oid: z.string(),
  upn: z.string().optional(),
  scp: z.string().optional(),
  roles: z.array(z.string()).optional(),
});
export type AccessClaims = z.infer<typeof AccessClaims>;

/** A token the issuer checked: its claims, or why it is not one of its own live tokens. */
export type TokenCheck = { readonly ok: true; readonly claims: AccessClaims } | { readonly ok: false; readonly reason: string };

/** An access token and its lifetime in seconds. */
export type Issued = { readonly token: string; readonly expiresIn: number };

/** Who the tokens are from. */
export type IssuerSettings = {
  readonly issuer: string;
  readonly tenantId: string;
  readonly clientId: string;
  readonly servicePrincipalId: string;
};

const APP_ROLES = ['User.ReadWrite.All', 'ProfilePhoto.ReadWrite.All', 'PeopleSettings.ReadWrite.All', 'Sites.FullControl.All'];
const USER_SCOPES = 'User.ReadWrite ProfilePhoto.ReadWrite.All AllSites.Write MyFiles.Write user_impersonation';
const ACR: { readonly [A in ClientAuth]: '0' | '1' | '2' } = { public: '0', secret: '1', certificate: '2' };
const SKEW_SECONDS = 300;

/**
 * The emulator's security token service: signs access and ID tokens with a key of its own (RS256),
 * and checks the access tokens the services receive. Invariant: `check` accepts only tokens it
 * signed that are within their lifetime (real time, five minutes' skew); audience and tenant are
 * the services' to check.
 */
export class TokenIssuer {
  private readonly kid: string;
  private readonly publicKey: KeyObject;

  constructor(
    readonly settings: IssuerSettings,
    private readonly key: KeyObject,
    private readonly now: () => number = Date.now,
  ) {
    this.publicKey = createPublicKey(key);
    this.kid = createHash('sha256')
      .update(this.publicKey.export({ type: 'spki', format: 'der' }))
      .digest('base64url')
      .slice(0, 27);
  }

  /** A fresh RSA key to sign with. */
  static async newKey(): Promise<KeyObject> {
    return (await promisify(generateKeyPair)('rsa', { modulusLength: 2048 })).privateKey;
  }

  /** An app-only token for `aud`, saying how the app authenticated. */
  appToken(aud: string, auth: Exclude<ClientAuth, 'public'>): Issued {
    const { servicePrincipalId } = this.settings;
    return this.access(aud, auth, { idtyp: 'app', oid: servicePrincipalId, sub: servicePrincipalId, roles: APP_ROLES });
  }

  /** A delegated token for `aud`, of `user` signed in on a device. */
  userToken(aud: string, user: DirectoryUser): Issued {
    return this.access(aud, 'public', {
      idtyp: 'user',
      oid: user.objectId,
      sub: user.objectId,
      upn: user.upn,
      unique_name: user.upn,
      name: user.displayName,
      scp: USER_SCOPES,
    });
  }

  /** An ID token of `user`, for the app. */
  idToken(user: DirectoryUser): string {
    const { issuer, tenantId, clientId } = this.settings;
    const iat = Math.floor(this.now() / 1000);
    return signJwt(
      {
        aud: clientId,
        iss: issuer,
        iat,
        nbf: iat,
        exp: iat + ACCESS_TOKEN_SECONDS,
        name: user.displayName,
        oid: user.objectId,
        preferred_username: user.upn,
        sub: user.objectId,
        tid: tenantId,
        ver: '2.0',
      },
      this.key,
      { kid: this.kid },
    );
  }

  /** Whether `token` is a live access token of this issuer, and its claims. */
  check(token: string): TokenCheck {
    const parts = decodeJwt(token);
    if (parts === undefined) return { ok: false, reason: 'IDX14100: JWT is not well formed.' };
    if (parts.header['kid'] !== this.kid || !verifyJwtSignature(parts, this.publicKey)) {
      return { ok: false, reason: 'Access token validation failure. Invalid signature.' };
    }
    const claims = AccessClaims.safeParse(parts.payload);
    if (!claims.success) return { ok: false, reason: 'Access token validation failure. The token is not an access token.' };
    const now = this.now() / 1000;
    if (claims.data.exp < now - SKEW_SECONDS) return { ok: false, reason: 'Lifetime validation failed, the token is expired.' };
    if (claims.data.nbf > now + SKEW_SECONDS) return { ok: false, reason: 'Lifetime validation failed, the token is not yet valid.' };
    return { ok: true, claims: claims.data };
  }

  /** The signing key, as the discovery document's `jwks_uri` lists it. */
  jwks(): { keys: object[] } {
    return { keys: [{ ...this.publicKey.export({ format: 'jwk' }), kid: this.kid, use: 'sig', alg: 'RS256', kty: 'RSA' }] };
  }

  private access(aud: string, auth: ClientAuth, who: Readonly<Record<string, unknown>>): Issued {
    const { issuer, tenantId, clientId } = this.settings;
    const iat = Math.floor(this.now() / 1000);
    const token = signJwt(
      {
        aud,
        iss: issuer,
        iat,
        nbf: iat,
        exp: iat + ACCESS_TOKEN_SECONDS,
        tid: tenantId,
        appid: clientId,
        azp: clientId,
        appidacr: ACR[auth],
        azpacr: ACR[auth],
        ver: '1.0',
        uti: randomUUID(),
        ...who,
      },
      this.key,
      { kid: this.kid },
    );
    return { token, expiresIn: ACCESS_TOKEN_SECONDS };
  }
}

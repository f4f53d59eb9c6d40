import type { DirectoryUser } from '../Directory.js';
import type { EmulatorRequest } from '../http/EmulatorRequest.js';
import { Refusal } from '../http/Reply.js';
import type { Identity } from './Identity.js';

/** Who a request comes from: the app itself (and how it authenticated), or a signed-in test user. */
export type Caller =
  { readonly kind: 'app'; readonly auth: 'secret' | 'certificate' } | { readonly kind: 'user'; readonly user: DirectoryUser };

/** What an endpoint admits: tokens for `audience`; app-only tokens of any kind, only certificate-based ones (SharePoint), or none. */
export type Admits = {
  readonly audience: string;
  readonly apps: 'any' | 'certificate' | 'none';
  /** the message refusing an app-only token where `apps` is `none` */
  readonly appRefusal?: string;
};

/**
 * Checks the request's bearer token as the service behind `admits.audience` does, or refuses it
 * (401) with a message naming what is wrong: no token, not the issuer's, expired, another tenant,
 * another audience, an app-only token where it is not taken. Never echoes the token.
 */
export function authorize(req: EmulatorRequest, identity: Identity, admits: Admits): Caller {
  const refuse = (message: string) => new Refusal(req.style(401, 'InvalidAuthenticationToken', message));
  const header = req.headers.authorization;
  const match = header === undefined ? null : /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (match === null)
    throw refuse(
      header === undefined ? 'Access token is empty.' : 'Access token validation failure: expected "Authorization: Bearer <token>".',
    );
  const checked = identity.issuer.check(match[1]!);
  if (!checked.ok) throw refuse(checked.reason);
  const { claims } = checked;
  if (claims.tid !== identity.app.tenantId) throw refuse('Access token validation failure. Invalid tenant.');
  if (claims.aud.replace(/\/+$/, '').toLowerCase() !== admits.audience.toLowerCase()) {
    throw refuse(`Access token validation failure. Invalid audience: the token is for ${claims.aud}, not ${admits.audience}.`);
  }
  if (claims.idtyp === 'app') {
    if (admits.apps === 'none') throw refuse(admits.appRefusal ?? 'This endpoint takes only the token of a signed-in user.');
    const auth = claims.appidacr === '1' ? 'secret' : 'certificate';
    if (auth === 'secret' && admits.apps === 'certificate') throw refuse('Unsupported app only token.');
    return { kind: 'app', auth };
  }
  const user = identity.directory.find(claims.oid);
  if (user === undefined) throw refuse('Access token validation failure: the signed-in user is not in this tenant.');
  return { kind: 'user', user };
}

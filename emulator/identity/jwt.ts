import { constants, sign, verify, type KeyObject } from 'node:crypto';

/** A JWT taken apart, not yet trusted: its header and payload as JSON objects, and what its signature covers. */
export type JwtParts = {
  readonly header: Readonly<Record<string, unknown>>;
  readonly payload: Readonly<Record<string, unknown>>;
  readonly signingInput: string;
  readonly signature: Buffer;
};

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Takes a compact JWT apart; undefined when it is not three base64url parts of JSON objects. */
export function decodeJwt(token: string): JwtParts | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  const [h, p, s] = parts as [string, string, string];
  try {
    const header: unknown = JSON.parse(Buffer.from(h, 'base64url').toString('utf8'));
    const payload: unknown = JSON.parse(Buffer.from(p, 'base64url').toString('utf8'));
    if (!isObject(header) || !isObject(payload)) return undefined;
    return { header, payload, signingInput: `${h}.${p}`, signature: Buffer.from(s, 'base64url') };
  } catch {
    return undefined;
  }
}

/** Signs `payload` with an RSA private key (RS256), with `header` fields besides `alg` and `typ`. */
export function signJwt(
  payload: Readonly<Record<string, unknown>>,
  key: KeyObject,
  header: Readonly<Record<string, unknown>> = {},
): string {
  const input = `${b64({ typ: 'JWT', alg: 'RS256', ...header })}.${b64(payload)}`;
  return `${input}.${sign('sha256', Buffer.from(input), key).toString('base64url')}`;
}

/** Whether the signature of `parts` is `key`'s, by the algorithm its header names (RS256 or PS256; anything else is not). */
export function verifyJwtSignature(parts: JwtParts, key: KeyObject): boolean {
  const input = Buffer.from(parts.signingInput);
  switch (parts.header['alg']) {
    case 'RS256':
      return verify('sha256', input, key, parts.signature);
    case 'PS256':
      return verify(
        'sha256',
        input,
        { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_AUTO },
        parts.signature,
      );
    default:
      return false;
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

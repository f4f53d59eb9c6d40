import { z } from 'zod';
import type { AppRegistration } from './AppRegistration.js';
import { decodeJwt, verifyJwtSignature } from './jwt.js';

const AssertionClaims = z.looseObject({
  aud: z.union([z.string(), z.array(z.string())]),
  iss: z.string(),
  sub: z.string(),
  exp: z.number(),
  nbf: z.number().optional(),
});

const SKEW_SECONDS = 300;

/**
 * Checks a client assertion (RFC 7523) as Microsoft Entra ID does: a JWT signed (RS256 or PS256)
 * with the key of the registered certificate, which its `x5t` or `x5t#S256` header names, for one
 * of `audiences` (the token endpoint or the issuer), with `iss` and `sub` the client id, not expired.
 * Answers undefined when it holds, else the AADSTS error to send.
 */
export function verifyClientAssertion(
  assertion: string,
  app: AppRegistration,
  audiences: readonly string[],
  now: number = Date.now(),
): string | undefined {
  const parts = decodeJwt(assertion);
  if (parts === undefined) return 'AADSTS50027: JWT token is invalid or malformed.';
  const { x5t, x5tS256 } = app.certificate;
  const named = parts.header['x5t#S256'] === x5tS256 || parts.header['x5t'] === x5t;
  if (!named) {
    return `AADSTS700027: The certificate with identifier used to sign the client assertion is not registered on application. [Reason - The key was not found., Thumbprint of key used by client: '${String(parts.header['x5t#S256'] ?? parts.header['x5t'] ?? '')}']`;
  }
  if (!verifyJwtSignature(parts, app.certificate.publicKey)) return 'AADSTS700027: Client assertion contains an invalid signature.';
  const claims = AssertionClaims.safeParse(parts.payload);
  if (!claims.success)
    return `AADSTS50027: JWT token is invalid or malformed: claim ${String(claims.error.issues[0]!.path[0] ?? '')} is missing.`;
  const { aud, iss, sub, exp, nbf } = claims.data;
  if (iss !== app.clientId || sub !== app.clientId) {
    return `AADSTS700021: Client assertion application identifier doesn't match 'client_id' parameter.`;
  }
  const auds = (Array.isArray(aud) ? aud : [aud]).map((a) => a.toLowerCase());
  if (!audiences.some((a) => auds.includes(a.toLowerCase()))) {
    return `AADSTS700212: No matching federated identity record found for presented assertion audience '${auds.join(', ')}'.`;
  }
  const seconds = now / 1000;
  if (exp < seconds - SKEW_SECONDS) return 'AADSTS700024: Client assertion is not within its valid time range.';
  if (nbf !== undefined && nbf > seconds + SKEW_SECONDS) return 'AADSTS700024: Client assertion is not within its valid time range.';
  return undefined;
}

import { z } from 'zod';

/** The claims of an access token the live adapter reads (never trusts: the services verify the signature). */
export const TokenClaims = z.looseObject({
  tid: z.string().optional(),
  upn: z.string().optional(),
  preferred_username: z.string().optional(),
  unique_name: z.string().optional(),
  exp: z.number().optional(),
  /** an app-only token's application permissions */
  roles: z.array(z.string()).optional(),
});
export type TokenClaims = z.infer<typeof TokenClaims>;

/** The payload of a JWT, unverified; undefined when `token` is not one. */
export function tokenClaims(token: string): TokenClaims | undefined {
  const payload = token.split('.')[1];
  if (payload === undefined) return undefined;
  try {
    const parsed = TokenClaims.safeParse(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** The sign-in name a delegated token was issued to. */
export function signedInAs(claims: TokenClaims): string | undefined {
  return claims.upn ?? claims.preferred_username ?? claims.unique_name;
}

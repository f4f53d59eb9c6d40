/** What stands in for a secret in any message. */
export const REDACTED = 'REDACTED';

/**
 * Query, fragment and form parameters whose values are secrets: OAuth client credentials and codes,
 * tokens, and the signatures of pre-authorised download links (SharePoint's `tempauth`, SAS `sig`).
 */
const SECRET_PARAMS = [
  'client_secret',
  'client_assertion',
  'code',
  'assertion',
  'access_token',
  'refresh_token',
  'id_token',
  'password',
  'tempauth',
  'sig',
];
const names = SECRET_PARAMS.join('|');
// a parameter starts a query, fragment or form body, or follows a separator or a quote in prose
const PARAM = new RegExp(`(^|[?&#;\\s"'(])(${names})=[^&#\\s"')]*`, 'gi');
const JSON_FIELD = new RegExp(`("(?:${names})"\\s*:\\s*)"(?:[^"\\\\]|\\\\.)*"`, 'gi');
const AUTH_SCHEME = /\b(Bearer|Basic)\s+[A-Za-z0-9\-._~+/]+=*/gi;
// a JWT (access token, id token, client assertion) wherever it appears
const JWT = /\beyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g;

/** The text with every known secret, bearer credential, JWT and secret parameter value replaced by REDACTED; other text is kept. */
export function redactText(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const secret of secrets) {
    if (secret === '') continue;
    out = out.split(secret).join(REDACTED);
    const encoded = encodeURIComponent(secret);
    if (encoded !== secret) out = out.split(encoded).join(REDACTED);
  }
  return out
    .replace(AUTH_SCHEME, `$1 ${REDACTED}`)
    .replace(JWT, REDACTED)
    .replace(PARAM, `$1$2=${REDACTED}`)
    .replace(JSON_FIELD, `$1"${REDACTED}"`);
}

/** The URL with its user info and secret parameter values replaced by REDACTED; host, path and other parameters are kept as written. */
export function redactUrl(url: string, secrets: readonly string[] = []): string {
  // user info (https://user:password@host) is a credential too
  const withoutUser = url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#@]*@/i, `$1${REDACTED}@`);
  return redactText(withoutUser, secrets);
}

import { join, type Services } from './api/Services.js';
import type { LiveConfig } from './LiveConfig.js';
import { noAnswer, type NoAnswerMeaning } from './noAnswer.js';

/**
 * Why the app could not sign in, `said` being the sign-in's own error: MSAL's hides a transport
 * failure (endpoints_resolution_error), so the authority's OpenID metadata, which MSAL reads first,
 * is asked once, without a token or retries. An authority that answers leaves the tenant, the app
 * or its credential to blame. `doctor` and every live command's sign-in say the same with it.
 * Invariant: one GET to the configured endpoints.authorityHost, nowhere else; it changes nothing.
 */
export async function whyNoSignIn(config: LiveConfig, services: Pick<Services, 'send'>, said: string): Promise<NoAnswerMeaning> {
  const url = join(config.endpoints.authorityHost, `${config.tenantId}/v2.0/.well-known/openid-configuration`);
  const outcome = await services.send({ method: 'GET', url, retries: 0 });
  if (outcome.kind === 'unknown') {
    const why = noAnswer(config, 'authorityHost', outcome.failure, outcome.reason);
    return { status: why.status, detail: `${why.detail}; the sign-in said: ${said}` };
  }
  return {
    status: 'missing',
    detail: `${said}. Check tenantId, clientId and the credential, and that the certificate is uploaded to the app registration.`,
  };
}

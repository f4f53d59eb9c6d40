import type { NoAnswer } from './http/HttpClient.js';
import type { LiveConfig } from './LiveConfig.js';

/** What a send that got no answer means: a setting to fix (`missing`), or the tenant not answering (`unanswered`). */
export type NoAnswerMeaning = { readonly status: 'missing' | 'unanswered'; readonly detail: string };

/**
 * What a send to the endpoint of `field` that got no answer means: a busy or dropped service is the
 * tenant not answering (asking again later may pass), anything else something to set right in the
 * config, named by its field. Invariant: the detail names the field and its value, never a secret.
 */
export function noAnswer(config: LiveConfig, field: keyof LiveConfig['endpoints'], failure: NoAnswer, reason: string): NoAnswerMeaning {
  const at = `endpoints.${field} (${String(config.endpoints[field])})`;
  switch (failure) {
    case 'busy':
    case 'lost':
      return {
        status: 'unanswered',
        detail: `the tenant did not answer (${reason}): a transient fault (throttled, busy or a dropped connection), not a missing setting; run doctor again later`,
      };
    case 'unreachable':
      return {
        status: 'missing',
        detail: `${at} could not be reached (${reason}): check the address, and that the service (or photosync emulator) is running`,
      };
    case 'certificate': {
      const { trustedCa } = config.endpoints;
      const fix =
        trustedCa === undefined
          ? 'for the tenant emulator, set endpoints.trustedCa to the CA file it wrote beside its config (NAME.ca.pem)'
          : `endpoints.trustedCa (${trustedCa}) is not the CA that signed it: the emulator makes a new CA at each start, so write its config again with --config-out`;
      return {
        status: 'missing',
        detail: `a TLS certificate trust failure: the certificate of ${at} is not trusted (${reason}); ${fix}`,
      };
    }
    case 'other':
      return { status: 'missing', detail: `no answer: ${reason}` };
  }
}

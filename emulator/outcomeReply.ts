import type { ActionOutcome } from '../adapters/Adapter.js';
import type { ErrorStyle } from './http/errorStyles.js';
import type { Reply } from './http/Reply.js';

/**
 * A service's answer to a change the simulated tenant decided: `done` when it was accepted, 413
 * for a photo too large, 403 for any other refusal (a policy, the photo settings, a retired path),
 * 503 when the tenant could not tell.
 */
export function outcomeReply(outcome: ActionOutcome, style: ErrorStyle, done: () => Reply): Reply {
  switch (outcome.status) {
    case 'ok':
      return done();
    case 'rejected':
      return /ImageTooLarge|larger than|bytes or smaller/.test(outcome.reason)
        ? style(413, 'ImageTooLarge', outcome.reason)
        : style(
            403,
            /Authorization_RequestDenied/.test(outcome.reason) ? 'Authorization_RequestDenied' : 'ErrorAccessDenied',
            outcome.reason,
          );
    case 'unknown':
      return style(503, 'ServiceUnavailable', outcome.reason);
  }
}

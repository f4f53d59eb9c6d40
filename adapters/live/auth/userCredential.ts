import type { TokenCredential } from '@azure/identity';
import type { LiveConfig } from '../LiveConfig.js';
import { forgetPersistedUser, persistentUserCredential } from './persistentUserCredential.js';

/** Shows a device code to the person who signs in as the test user: the service's message, the code, and the page to enter it on. */
export type DevicePrompt = (message: string, userCode: string, verificationUri: string) => Promise<void> | void;

type Shared = { credential: TokenCredential; prompt: DevicePrompt };

// one credential (and so one MSAL token cache in memory) per state folder, authority, app and user, for the life of the process
const shared = new Map<string, Shared>();

/**
 * A test user's delegated credential: the device code flow, `prompt` showing the code. One
 * credential is shared by every caller in this process for the same state folder, authority, app
 * and user (a later call's `prompt` replaces the earlier one); its tokens are kept in the state
 * folder (`persistentUserCredential`), so a later process signs the user in without a code while
 * the refresh token works.
 * `loginHint` is not an option of DeviceCodeCredential: whoever enters the code decides who signs
 * in, so callers check the token's user (Tokens does).
 */
export function userCredential(config: LiveConfig, upn: string, prompt: DevicePrompt): TokenCredential {
  const key = keyOf(config, upn);
  const existing = shared.get(key);
  if (existing !== undefined) {
    existing.prompt = prompt;
    return existing.credential;
  }
  const entry: Shared = { prompt, credential: undefined as unknown as TokenCredential };
  entry.credential = persistentUserCredential(config, upn, (message, userCode, uri) => entry.prompt(message, userCode, uri));
  shared.set(key, entry);
  return entry.credential;
}

/** Drops the credential of `upn` (one signed in as someone else, say) and its kept tokens: the next sign-in shows a new device code. */
export function forgetUserCredential(config: LiveConfig, upn: string): void {
  shared.delete(keyOf(config, upn));
  forgetPersistedUser(config, upn);
}

function keyOf(config: LiveConfig, upn: string): string {
  return [config.stateDir, config.endpoints.authorityHost, config.tenantId, config.clientId, upn.toLowerCase()].join('\n');
}

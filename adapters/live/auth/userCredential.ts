import { DeviceCodeCredential, type TokenCredential } from '@azure/identity';
import type { LiveConfig } from '../LiveConfig.js';
import { identityOptions } from './identityOptions.js';

/** Shows a device code to the person who signs in as the test user: the service's message, the code, and the page to enter it on. */
export type DevicePrompt = (message: string, userCode: string, verificationUri: string) => Promise<void> | void;

type Shared = { credential: DeviceCodeCredential; prompt: DevicePrompt };

// one credential (and so one MSAL token cache) per authority, app and user, for the life of the process
const shared = new Map<string, Shared>();

/**
 * A test user's delegated credential: the device code flow, `prompt` showing the code. Tokens are
 * cached in memory only, shared by every caller in this process for the same authority, app and
 * user (a later call's `prompt` replaces the earlier one); nothing is written to disk, so each
 * process signs each user in once.
 * `loginHint` is not an option of DeviceCodeCredential: whoever enters the code decides who signs
 * in, so callers check the token's user (Tokens does).
 */
export function userCredential(config: LiveConfig, upn: string, prompt: DevicePrompt): TokenCredential {
  const { tenantId, clientId } = config;
  const key = keyOf(config, upn);
  const existing = shared.get(key);
  if (existing !== undefined) {
    existing.prompt = prompt;
    return existing.credential;
  }
  const entry: Shared = { prompt, credential: undefined as unknown as DeviceCodeCredential };
  entry.credential = new DeviceCodeCredential({
    ...identityOptions(config),
    tenantId,
    clientId,
    userPromptCallback: (info) => {
      void Promise.resolve()
        .then(() => entry.prompt(info.message, info.userCode, info.verificationUri))
        .catch(() => undefined);
    },
  });
  shared.set(key, entry);
  return entry.credential;
}

/** Drops the shared credential of `upn` (one signed in as someone else, say): the next sign-in shows a new device code. */
export function forgetUserCredential(config: LiveConfig, upn: string): void {
  shared.delete(keyOf(config, upn));
}

function keyOf(config: LiveConfig, upn: string): string {
  return [config.endpoints.authorityHost, config.tenantId, config.clientId, upn.toLowerCase()].join('\n');
}

import { readFileSync } from 'node:fs';
import type { HttpClient } from '@azure/core-rest-pipeline';
import { azureHttpClient } from '../http/azureHttpClient.js';
import type { LiveConfig } from '../LiveConfig.js';
import { SignInError } from './SignInError.js';

/** The options every `@azure/identity` credential of the config shares: where to sign in, and whom to trust. */
export type IdentityOptions = { authorityHost: string; disableInstanceDiscovery: boolean; httpClient?: HttpClient };

/**
 * The config's authority host and instance discovery setting, and with `endpoints.trustedCa` an
 * HTTP client that trusts that CA besides Node's own list. Throws SignInError when the CA file
 * cannot be read.
 */
export function identityOptions(config: LiveConfig): IdentityOptions {
  const { authorityHost, disableInstanceDiscovery, trustedCa } = config.endpoints;
  if (trustedCa === undefined) return { authorityHost, disableInstanceDiscovery };
  let pem: string;
  try {
    pem = readFileSync(trustedCa, 'utf8');
  } catch (e) {
    throw new SignInError(
      'PHOTOSYNC_SIGN_IN',
      `cannot read endpoints.trustedCa ${trustedCa}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
    );
  }
  return { authorityHost, disableInstanceDiscovery, httpClient: azureHttpClient(pem) };
}

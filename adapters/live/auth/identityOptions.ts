import { readFileSync } from 'node:fs';
import type { HttpClient } from '@azure/core-rest-pipeline';
import { azureHttpClient } from '../http/azureHttpClient.js';
import type { LiveConfig } from '../LiveConfig.js';
import { SignInError } from './SignInError.js';

/** The options every `@azure/identity` credential of the config shares: where to sign in, and whom to trust. */
export type IdentityOptions = { authorityHost: string; disableInstanceDiscovery: boolean; httpClient?: HttpClient };

/**
 * The PEM text of `endpoints.trustedCa`, if the config names one. Throws SignInError when the file
 * cannot be read: no connection the config makes could be trusted, as with a missing certificate.
 */
export function readTrustedCa(config: LiveConfig): string | undefined {
  const { trustedCa } = config.endpoints;
  if (trustedCa === undefined) return undefined;
  try {
    return readFileSync(trustedCa, 'utf8');
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
    throw new SignInError(
      'PHOTOSYNC_SIGN_IN',
      `cannot read endpoints.trustedCa ${trustedCa} (${why}): it names the CA certificate the services' TLS certificates are checked against; fix the path (relative to the config file), or leave the field out to trust Node's own list only`,
    );
  }
}

/**
 * The config's authority host and instance discovery setting, and with `endpoints.trustedCa` an
 * HTTP client that trusts that CA besides Node's own list. Throws SignInError when the CA file
 * cannot be read.
 */
export function identityOptions(config: LiveConfig): IdentityOptions {
  const { authorityHost, disableInstanceDiscovery } = config.endpoints;
  const pem = readTrustedCa(config);
  if (pem === undefined) return { authorityHost, disableInstanceDiscovery };
  return { authorityHost, disableInstanceDiscovery, httpClient: azureHttpClient(pem) };
}

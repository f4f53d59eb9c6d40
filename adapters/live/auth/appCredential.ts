import { ClientCertificateCredential, ClientSecretCredential, type TokenCredential } from '@azure/identity';
import type { LiveConfig } from '../LiveConfig.js';
import { identityOptions } from './identityOptions.js';
import { SignInError } from './SignInError.js';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * The app's own credential (app-only tokens): a certificate from `credential.path` (PEM holding the
 * certificate and its private key; its password, if any, in `credential.passwordEnv`), or the client
 * secret in the environment variable `credential.env`. Throws SignInError (PHOTOSYNC_SIGN_IN)
 * naming the variable when one it needs is not set.
 */
export function appCredential(config: LiveConfig, env: Env = process.env): TokenCredential {
  const { tenantId, clientId, credential } = config;
  const options = identityOptions(config);
  if (credential.kind === 'certificate') {
    const password =
      credential.passwordEnv === undefined ? undefined : required(env, credential.passwordEnv, "the password of the app's certificate key");
    return new ClientCertificateCredential(
      tenantId,
      clientId,
      { certificatePath: credential.path, ...(password === undefined ? {} : { certificatePassword: password }) },
      options,
    );
  }
  return new ClientSecretCredential(tenantId, clientId, required(env, credential.env, "the app's client secret"), options);
}

function required(env: Env, name: string, what: string): string {
  const value = env[name];
  if (value === undefined || value === '')
    throw new SignInError('PHOTOSYNC_SIGN_IN', `the environment variable ${name}, which holds ${what}, is not set`);
  return value;
}

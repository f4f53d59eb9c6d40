import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import {
  DeviceCodeCredential,
  deserializeAuthenticationRecord,
  serializeAuthenticationRecord,
  type AuthenticationRecord,
  type GetTokenOptions,
  type TokenCredential,
} from '@azure/identity';
import { z } from 'zod';
import type { LiveConfig } from '../LiveConfig.js';
import { fileTokenCacheName } from './fileTokenCache.js';
import { identityOptions } from './identityOptions.js';
import { writePrivateFile } from './privateFile.js';
import type { DevicePrompt } from './userCredential.js';

/** Where a test user's sign-in is kept: MSAL's token cache, and the account it is for (which holds no secret). */
export type UserTokenFiles = { readonly cache: string; readonly record: string };

const StoredRecord = z.looseObject({
  authority: z.string().min(1),
  homeAccountId: z.string().min(1),
  clientId: z.string(),
  tenantId: z.string(),
  username: z.string(),
});

/** The files of `upn` under `<stateDir>/tokens/`, named after the lowercase sign-in name (one file name per user). */
export function userTokenFiles(config: LiveConfig, upn: string): UserTokenFiles {
  // a fixed-width escape keeps the name safe and distinct for any two sign-in names
  const stem = upn.toLowerCase().replace(/[^a-z0-9._@-]/g, (c) => `%${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  const folder = join(config.stateDir, 'tokens');
  return { cache: join(folder, `${stem}.cache.json`), record: join(folder, `${stem}.record.json`) };
}

/**
 * A test user's device code credential whose tokens outlive the process: MSAL's cache in
 * `<stateDir>/tokens`, and after a device code sign-in the account it signed in, so that the next
 * process gets tokens with the refresh token and shows no code; a refresh token that no longer
 * works shows a code again. Invariant: a record is kept only for `upn`, of the config's tenant and app.
 */
export function persistentUserCredential(config: LiveConfig, upn: string, prompt: DevicePrompt): TokenCredential {
  const files = userTokenFiles(config, upn);
  const record = readRecord(files.record, config, upn);
  let shown = 0;
  const credential = new DeviceCodeCredential({
    ...identityOptions(config),
    tenantId: config.tenantId,
    clientId: config.clientId,
    ...(record === undefined ? {} : { authenticationRecord: record }),
    // "unsafe": a plain file protected by its mode 0600, as Azure CLI keeps tokens on Linux without a keyring
    tokenCachePersistenceOptions: { enabled: true, name: fileTokenCacheName(files.cache), unsafeAllowUnencryptedStorage: true },
    userPromptCallback: (info) => {
      shown++;
      void Promise.resolve()
        .then(() => prompt(info.message, info.userCode, info.verificationUri))
        .catch(() => undefined);
    },
  });
  return {
    async getToken(scopes: string | string[], options?: GetTokenOptions) {
      const before = shown;
      const token = await credential.getToken(scopes, options);
      if (shown !== before) await keepRecord(credential, scopes, options, files.record, config, upn);
      return token;
    },
  };
}

/** Deletes the files of `upn` (signed in as someone else, say), so that no process uses them again; never throws. */
export function forgetPersistedUser(config: LiveConfig, upn: string): void {
  for (const file of Object.values(userTokenFiles(config, upn))) {
    try {
      rmSync(file, { force: true });
    } catch {
      // the next sign-in as someone else is refused again and deletes again
    }
  }
}

async function keepRecord(
  credential: DeviceCodeCredential,
  scopes: string | string[],
  options: GetTokenOptions | undefined,
  file: string,
  config: LiveConfig,
  upn: string,
): Promise<void> {
  // silent: the token just got is in the cache; authenticate is the only way @azure/identity tells the account
  const record = await credential.authenticate(scopes, options);
  if (record !== undefined && isFor(record, config, upn)) await writePrivateFile(file, serializeAuthenticationRecord(record));
}

/** The record kept in `file` if it is one of `upn` for the config's tenant and app; undefined for anything else (that user signs in again). */
function readRecord(file: string, config: LiveConfig, upn: string): AuthenticationRecord | undefined {
  try {
    const parsed = StoredRecord.safeParse(deserializeAuthenticationRecord(readFileSync(file, 'utf8')));
    return parsed.success && isFor(parsed.data, config, upn) ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

function isFor(record: AuthenticationRecord, config: LiveConfig, upn: string): boolean {
  const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
  return same(record.username, upn) && same(record.tenantId, config.tenantId) && same(record.clientId, config.clientId);
}

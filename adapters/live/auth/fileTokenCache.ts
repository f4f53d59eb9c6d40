import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { useIdentityPlugin, type IdentityPlugin } from '@azure/identity';
import { z } from 'zod';
import { writePrivateFile } from './privateFile.js';
import { SignInError } from './SignInError.js';

/** The part of MSAL's TokenCacheContext a cache plugin uses (typed here: @azure/msal-node is not our dependency). */
export type CacheContext = {
  readonly cacheHasChanged: boolean;
  readonly tokenCache: { serialize(): string; deserialize(cache: string): void };
};

/** MSAL's ICachePlugin: called around every access to a client application's token cache. */
export type CachePlugin = {
  beforeCacheAccess(context: CacheContext): Promise<void>;
  afterCacheAccess(context: CacheContext): Promise<void>;
};

const Entries = z.record(z.string(), z.looseObject({})).optional();
/** the sections of MSAL Node's serialized cache: enough to keep a damaged file away from MSAL */
const SerializedCache = z.looseObject({
  Account: Entries,
  IdToken: Entries,
  AccessToken: Entries,
  RefreshToken: Entries,
  AppMetadata: Entries,
});

/**
 * MSAL's token cache kept in `file`: read before each access, written atomically (mode 0600) after
 * an access that changed it. Invariant: a missing, unreadable or damaged file reads as an empty
 * cache (the user signs in again); only a failed write throws.
 */
export function fileCachePlugin(file: string): CachePlugin {
  return {
    async beforeCacheAccess(context) {
      const text = await readFile(file, 'utf8').catch(() => undefined);
      if (text === undefined) return;
      try {
        if (!SerializedCache.safeParse(JSON.parse(text)).success) return;
        context.tokenCache.deserialize(text);
      } catch {
        // MSAL keeps the text it was given and parses it again at its next serialize: leave it none
        context.tokenCache.deserialize('');
      }
    },
    async afterCacheAccess(context) {
      if (context.cacheHasChanged) await writePrivateFile(file, context.tokenCache.serialize());
    },
  };
}

/** What `tokenCachePersistenceOptions` hands the persistence factory (with `enabled`). */
type PersistenceOptions = { readonly name?: string; readonly unsafeAllowUnencryptedStorage?: boolean };

/** The part of @azure/identity's plugin context (internal `AzurePluginContext`) that sets the persistence. */
type PluginContext = {
  cachePluginControl: { setPersistence(factory: (options?: PersistenceOptions) => Promise<CachePlugin>): void };
};

// the factory only sees a name, so each name stands for a file registered by this process
const files = new Map<string, string>();
let installed = false;

/**
 * @azure/identity's persistence provider (as `@azure/identity-cache-persistence` is, without a
 * keyring): the cache of a name from `fileTokenCacheName` in its file. Refuses any other name, and
 * any cache not explicitly allowed to be unencrypted.
 */
export const fileTokenCachePlugin: IdentityPlugin = (context) => {
  (context as PluginContext).cachePluginControl.setPersistence((options) => {
    const made = pluginFor(options);
    // @azure/identity makes a second cache (CAE) it awaits only for CAE requests: no unhandled rejection
    void made.catch(() => undefined);
    return made;
  });
};

async function pluginFor(options: PersistenceOptions | undefined): Promise<CachePlugin> {
  // a plain file protected by its mode, as Azure CLI keeps tokens on Linux without a keyring
  if (options?.unsafeAllowUnencryptedStorage !== true)
    throw new SignInError(
      'PHOTOSYNC_TOKEN_CACHE',
      'photosync keeps tokens in a file protected by its permissions only: set unsafeAllowUnencryptedStorage',
    );
  const file = options.name === undefined ? undefined : files.get(options.name);
  if (file === undefined)
    throw new SignInError('PHOTOSYNC_TOKEN_CACHE', `photosync has no token cache file named ${options.name ?? '(none)'}`);
  return fileCachePlugin(file);
}

/**
 * The `tokenCachePersistenceOptions.name` of the token cache kept in `file`, installing
 * `fileTokenCachePlugin` at the first call. Invariant: one name per file, for this process.
 */
export function fileTokenCacheName(file: string): string {
  if (!installed) {
    useIdentityPlugin(fileTokenCachePlugin);
    installed = true;
  }
  const path = resolve(file);
  // @azure/identity gives the CAE and the plain cache the same name when one is set: both are this file
  const name = `photosync.${createHash('sha256').update(path).digest('hex').slice(0, 16)}`;
  files.set(name, path);
  return name;
}

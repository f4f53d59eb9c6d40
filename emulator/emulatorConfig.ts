import { mkdir, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { LiveConfig } from '../adapters/live/LiveConfig.js';
import type { Directory } from './Directory.js';
import type { AppRegistration } from './identity/AppRegistration.js';

/** Where a config's PEM files are: the app's certificate with its key, and the CA to trust. */
export type ConfigFiles = { readonly app: string; readonly ca: string };

/** The config file's fields for an emulator at `url`, with `files` as written (relative or absolute). */
function rawConfig(url: string, app: AppRegistration, directory: Directory, files: ConfigFiles): Record<string, unknown> {
  return {
    tenantId: app.tenantId,
    clientId: app.clientId,
    credential: { kind: 'certificate', path: files.app },
    endpoints: {
      authorityHost: `${url}/login`,
      graph: `${url}/graph`,
      sharepoint: `${url}/sp`,
      mySite: `${url}/my`,
      yammer: `${url}/yammer`,
      yammerAudience: `${url}/yammer`,
      disableInstanceDiscovery: true,
      trustedCa: files.ca,
      virtualClock: `${url}/_emulator`,
    },
    users: directory.users.map((u) => ({ id: u.id, upn: u.upn })),
    // the steps with no API, and the device code sign-ins, go to the emulator's scripted operator
    operator: 'emulator',
  };
}

/** A live config pointing the live adapter at the emulator at `url`: absolute paths, state kept in `stateDir`. */
export function emulatorConfig(url: string, app: AppRegistration, directory: Directory, files: ConfigFiles, stateDir: string): LiveConfig {
  return { ...LiveConfig.parse(rawConfig(url, app, directory, files)), stateDir };
}

/**
 * Writes the config to `path` as `loadLiveConfig` reads it, and beside it `NAME.app.pem` (the
 * app's certificate and key, readable by the owner only) and `NAME.ca.pem`, named relative to it,
 * creating the folder as `--out` does. Never writes the client secret.
 */
export async function writeEmulatorConfig(
  path: string,
  url: string,
  app: AppRegistration,
  directory: Directory,
  pems: { readonly app: string; readonly ca: string },
): Promise<void> {
  const full = resolve(path);
  const stem = basename(full, extname(full));
  const files: ConfigFiles = { app: `${stem}.app.pem`, ca: `${stem}.ca.pem` };
  await mkdir(dirname(full), { recursive: true });
  await writeFile(join(dirname(full), files.app), pems.app, { mode: 0o600 });
  await writeFile(join(dirname(full), files.ca), pems.ca);
  await writeFile(full, `${JSON.stringify(rawConfig(url, app, directory, files), null, 2)}\n`);
}

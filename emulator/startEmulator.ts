import { randomBytes, randomInt } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createSimTenant } from '../adapters/sim/SimTenant.js';
import type { Deviations } from '../adapters/sim/Deviations.js';
import { findMutant } from '../adapters/sim/mutants/catalog.js';
import { Random } from '../adapters/sim/Random.js';
import { TestPhotoSet } from '../adapters/live/photos/TestPhotoSet.js';
import { DEFAULT_PHOTO_SETTINGS, defaultUser } from '../model/vocabulary.js';
import { controlRoutes } from './control/controlRoutes.js';
import { Directory } from './Directory.js';
import { EmulatedTenant } from './EmulatedTenant.js';
import type { EmulatorContext } from './EmulatorContext.js';
import { emulatorConfig, writeEmulatorConfig } from './emulatorConfig.js';
import { EmulatorError } from './EmulatorError.js';
import { EmulatorOptions, type ResolvedEmulatorOptions } from './EmulatorOptions.js';
import { Faults } from './faults/Faults.js';
import { graphBatchRoute } from './graph/graphBatchRoute.js';
import { sharePointBatchRoute } from './sharepoint/sharePointBatchRoute.js';
import { graphRoutes } from './graph/graphRoutes.js';
import { graphErrors, oauthErrors, sharePointErrors } from './http/errorStyles.js';
import { listen } from './http/listen.js';
import { requestHandler } from './http/requestHandler.js';
import { Router } from './http/Router.js';
import type { AppRegistration } from './identity/AppRegistration.js';
import { DeviceCodes } from './identity/DeviceCodes.js';
import { identityRoutes } from './identity/identityRoutes.js';
import type { Identity } from './identity/Identity.js';
import { RefreshTokens } from './identity/RefreshTokens.js';
import { resourcesAt } from './identity/Resources.js';
import { TokenIssuer } from './identity/TokenIssuer.js';
import { makeCertificates } from './makeCertificates.js';
import { MugshotKeys } from './photos/MugshotKeys.js';
import { PhotoRenderer } from './photos/PhotoRenderer.js';
import { PhotoStore } from './photos/PhotoStore.js';
import { ThumbnailLinks } from './photos/ThumbnailLinks.js';
import type { RunningEmulator } from './RunningEmulator.js';
import { seededGuid } from './seededGuid.js';
import { sharePointRoutes } from './sharepoint/sharePointRoutes.js';
import { yammerRoutes } from './yammer/yammerRoutes.js';

const DEFAULT_PROFILE = 'microsoft-2026';

/**
 * Starts a tenant emulator: one HTTPS server on 127.0.0.1 serving Microsoft Entra ID's sign-in,
 * Microsoft Graph, SharePoint and Viva Engage on path prefixes of one origin, backed by a simulated
 * tenant of `profile` (optionally a mutant, or a tenant with a history), plus its own control
 * endpoints. Throws EmulatorError for options it cannot start with.
 * Invariant: it listens on loopback only; the virtual clock moves only through `/_emulator/clock/advance`.
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const o = parseOptions(options);
  const { profile, mutant } = tenantOf(o);
  const seed = o.seed ?? randomInt(0x7fff_ffff);
  const start = o.start ?? Math.floor(Date.now() / 60_000) * 60_000;
  const ownDir = o.dir === undefined;
  const dir = o.dir === undefined ? await mkdtemp(join(tmpdir(), 'photosync-emulator-')) : resolve(o.dir);
  if (!ownDir) await mkdir(dir, { recursive: true });

  const ids = new Random(seed ^ 0x1d5e_ed00);
  const tenantId = seededGuid(ids);
  const clientId = seededGuid(ids);
  const servicePrincipalId = seededGuid(ids);
  const directory = Directory.of(o.users, o.domain, ids);

  const [certificates, signingKey] = await Promise.all([makeCertificates(), TokenIssuer.newKey()]);
  const app: AppRegistration = {
    tenantId,
    clientId,
    servicePrincipalId,
    clientSecret: `pse~${randomBytes(30).toString('base64url')}`,
    certificate: certificates.app,
    domain: o.domain,
  };

  const sim = createSimTenant({ profile, seed, start, ...(mutant === undefined ? {} : { mutant }), asIs: o.asIs });
  await sim.setup(directory.users.map((u) => ({ ...defaultUser(u.id), photo: o.photo, mySite: true })));
  const settings = sim.survey === undefined ? DEFAULT_PHOTO_SETTINGS : (await sim.survey([])).photoSettings;
  const photos = new PhotoStore();
  const tenant = new EmulatedTenant(sim, directory, photos, settings);

  const listening = await listen(certificates.server, o.port);
  const { url } = listening;
  const resources = resourcesAt(url);
  const identity: Identity = {
    url,
    app,
    directory,
    resources,
    issuer: new TokenIssuer({ issuer: `${url}/login/${tenantId}/v2.0`, tenantId, clientId, servicePrincipalId }, signingKey),
    deviceCodes: new DeviceCodes(),
    refreshTokens: new RefreshTokens(),
  };
  const ctx: EmulatorContext = {
    url,
    identity,
    tenant,
    renderer: new PhotoRenderer(photos, new TestPhotoSet()),
    thumbnails: new ThumbnailLinks(),
    mugshots: new MugshotKeys(),
  };
  const router = new Router((path) =>
    path.startsWith('/login')
      ? { kind: 'login', style: oauthErrors }
      : path.startsWith('/_emulator')
        ? { kind: 'control', style: graphErrors }
        : { kind: 'service', style: path.startsWith('/sp') || path.startsWith('/my') ? sharePointErrors : graphErrors },
  );
  identityRoutes(router, identity);
  graphRoutes(router, ctx);
  graphBatchRoute(router, ctx, 'v1.0');
  graphBatchRoute(router, ctx, 'beta');
  sharePointRoutes(router, ctx);
  sharePointBatchRoute(router, ctx);
  yammerRoutes(router, ctx);
  controlRoutes(router, ctx);
  listening.server.on('request', requestHandler(router, { faults: new Faults(o.faultRate, seed), latencyMs: o.latencyMs, log: o.log }));

  const pems = { app: certificates.app.pem, ca: certificates.caPem };
  const files = { app: join(dir, 'app.pem'), ca: join(dir, 'ca.pem') };
  await writeFile(files.app, pems.app, { mode: 0o600 });
  await writeFile(files.ca, pems.ca);

  let closed: Promise<void> | undefined;
  return {
    url,
    config: emulatorConfig(url, app, directory, files, join(dir, 'photosync-live')),
    clientSecret: app.clientSecret,
    caPem: certificates.caPem,
    clock: { now: () => tenant.now() },
    writeConfig: (path) => writeEmulatorConfig(path, url, app, directory, pems),
    close: () =>
      (closed ??= (async () => {
        await listening.close();
        if (ownDir) await rm(dir, { recursive: true, force: true });
      })()),
  };
}

function parseOptions(options: EmulatorOptions): ResolvedEmulatorOptions {
  const parsed = EmulatorOptions.safeParse(options);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  throw new EmulatorError('PHOTOSYNC_BAD_EMULATOR_OPTIONS', issue.path.map(String).join('.'), issue.message);
}

/** The profile and the mutant's deviation; a mutant's profiles must include the profile asked for. */
function tenantOf(o: ResolvedEmulatorOptions): { profile: string; mutant?: { id: string; deviation: Deviations } } {
  if (o.mutant === undefined) return { profile: o.profile ?? DEFAULT_PROFILE };
  const m = findMutant(o.mutant);
  if (m === undefined)
    throw new EmulatorError(
      'PHOTOSYNC_BAD_EMULATOR_OPTIONS',
      'mutant',
      `no mutant ${o.mutant} in the catalog (photosync mutants lists them)`,
    );
  const profile = o.profile ?? (m.profiles.includes(DEFAULT_PROFILE) ? DEFAULT_PROFILE : m.profiles[0]!);
  if (!m.profiles.includes(profile)) {
    throw new EmulatorError(
      'PHOTOSYNC_BAD_EMULATOR_OPTIONS',
      'mutant',
      `${m.id} deviates from ${m.profiles.join(', ')}, not from ${profile}`,
    );
  }
  return { profile, mutant: { id: m.id, deviation: m.deviation } };
}

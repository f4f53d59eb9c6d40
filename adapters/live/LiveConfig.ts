import { z } from 'zod';

const Guid = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'expected a GUID such as 72f988bf-86f1-41af-91ab-2d7cd011db47');
const HttpsUrl = z.url({ protocol: /^https$/, error: 'expected an https:// address' });
const EnvName = z.string().regex(/^[A-Z_][A-Z0-9_]*$/, 'expected the name of an environment variable, such as PHOTOSYNC_CLIENT_SECRET');

/**
 * The app's credential and where it lives. A secret is never written in the file, only the name of
 * the environment variable that holds it; SharePoint refuses a secret for app-only access, so with
 * one the SharePoint surfaces are read as a signed-in test user instead.
 */
export const LiveCredential = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('certificate'),
    /** a PEM file holding the certificate and its private key */
    path: z.string().min(1),
    /** the environment variable holding the key's password, if it has one */
    passwordEnv: EnvName.optional(),
  }),
  z.strictObject({ kind: z.literal('secret'), env: EnvName }),
]);
export type LiveCredential = z.infer<typeof LiveCredential>;

/** Where the services are: Microsoft's worldwide cloud by default, a national cloud or the emulator otherwise. */
export const LiveEndpoints = z.strictObject({
  authorityHost: HttpsUrl.default('https://login.microsoftonline.com'),
  graph: HttpsUrl.default('https://graph.microsoft.com'),
  /** the tenant's SharePoint host, such as https://contoso.sharepoint.com */
  sharepoint: HttpsUrl,
  /** the My Site host, such as https://contoso-my.sharepoint.com */
  mySite: HttpsUrl,
  yammer: HttpsUrl.default('https://www.yammer.com'),
  /** the resource Viva Engage's delegated tokens are for */
  yammerAudience: HttpsUrl.default('https://api.yammer.com'),
  /** off for a national cloud's or the emulator's authority, which Microsoft's instance discovery does not know */
  disableInstanceDiscovery: z.boolean().default(false),
  /** a PEM file of an extra certificate authority to trust (the emulator's); Node's own list otherwise */
  trustedCa: z.string().min(1).optional(),
  /** a tenant emulator's control endpoint: a wait advances its virtual clock instead of passing (never on a real tenant) */
  virtualClock: HttpsUrl.optional(),
});
export type LiveEndpoints = z.infer<typeof LiveEndpoints>;

/** A test user of the tenant: the id used in traces, and the sign-in name the services know. */
export const LiveUser = z.strictObject({
  id: z
    .string()
    .regex(/^[A-Za-z0-9._-]+$/, 'expected a short id of letters, digits, ".", "_" or "-" (it names the user in traces)')
    .refine((id) => id !== 'admin', 'the id "admin" is the tenant\'s own (PHOTO-SOURCE); pick another'),
  upn: z.email({ error: 'expected a user principal name such as alice@contoso.onmicrosoft.com' }),
  /** Microsoft Entra roles the user holds (PHOTO-SOURCE's allowed roles), by template id as Graph's photo settings name them */
  roles: z.array(z.string().min(1)).optional(),
});
export type LiveUser = z.infer<typeof LiveUser>;

/** What a live run may spend: requests over every service, and wall-clock hours. */
export const LiveBudget = z.strictObject({
  requests: z.int().positive().default(20_000),
  hours: z.number().positive().default(168),
});

/** How long to wait for one answer and how often to try again. */
export const LiveHttp = z.strictObject({
  timeoutSeconds: z.number().positive().max(600).default(30),
  retries: z.int().min(0).max(20).default(6),
  maxBackoffSeconds: z.number().positive().max(3600).default(120),
});

/**
 * The live adapter's one config file (`photosync run --adapter live --config F`).
 * Invariant: a parsed config names the one tenant and the only users the adapter will touch.
 */
export const LiveConfig = z
  .strictObject({
    $schema: z.string().optional(),
    tenantId: Guid,
    clientId: Guid,
    credential: LiveCredential,
    endpoints: LiveEndpoints,
    users: z.array(LiveUser).min(1, 'name at least one test user'),
    /**
     * `terminal`: steps with no API are asked of the person at the terminal; `none`: they are not
     * generated; `emulator`: the tenant emulator's scripted operator takes them (and its sign-ins)
     */
    operator: z.enum(['terminal', 'none', 'emulator']).default('terminal'),
    budget: LiveBudget.default({ requests: 20_000, hours: 168 }),
    http: LiveHttp.default({ timeoutSeconds: 30, retries: 6, maxBackoffSeconds: 120 }),
    /** image files of the placeholders this tenant shows for a user with no photo, besides the built-in ones and those read at sign-in */
    placeholders: z.array(z.string().min(1)).default([]),
    /** where originals are backed up and state is kept between runs, relative to the config file */
    stateDir: z.string().min(1).default('photosync-live'),
  })
  .superRefine((config, ctx) => {
    if (config.operator === 'emulator' && config.endpoints.virtualClock === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['operator'],
        message: 'the "emulator" operator is the tenant emulator\'s: set endpoints.virtualClock to its control endpoint',
      });
    }
    const seen = new Map<string, number>();
    config.users.forEach((u, i) => {
      for (const key of [u.id, u.upn.toLowerCase()]) {
        const first = seen.get(key);
        if (first !== undefined)
          ctx.addIssue({ code: 'custom', path: ['users', i], message: `"${key}" is already test user ${first + 1}` });
        else seen.set(key, i);
      }
    });
  });
export type LiveConfig = z.infer<typeof LiveConfig>;

/** The environment variables that override a field of the file, for a scheduled job or a CI secret store. */
export const LIVE_CONFIG_ENV = {
  PHOTOSYNC_TENANT_ID: ['tenantId'],
  PHOTOSYNC_CLIENT_ID: ['clientId'],
  PHOTOSYNC_CERTIFICATE_PATH: ['credential', 'path'],
} as const satisfies Record<string, readonly string[]>;

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readTrustedCa } from './auth/identityOptions.js';
import { Tokens } from './auth/Tokens.js';
import { userCredential, type DevicePrompt } from './auth/userCredential.js';
import type { Services } from './api/Services.js';
import { BASELINE_FIRST, createLiveAdapter, type LiveAdapter } from './createLiveAdapter.js';
import { emulatorOperator } from './emulatorOperator.js';
import { HttpClient } from './http/HttpClient.js';
import { RequestBudget } from './http/RequestBudget.js';
import { emulatorClock, realClock } from './liveClock.js';
import type { LiveConfig } from './LiveConfig.js';
import { loadLiveConfig } from './loadLiveConfig.js';
import { lockStateFolder } from './lockFolder.js';
import type { Operator } from './Operator.js';
import { PhotoFiles } from './PhotoFiles.js';
import { Recogniser } from './photos/Recogniser.js';
import { TestPhotoSet } from './photos/TestPhotoSet.js';
import { terminalOperator } from './terminalOperator.js';
import { TimeBudgetError } from './TimeBudgetError.js';
import { whyNoSignIn } from './whyNoSignIn.js';

export type OpenOptions = {
  /** false: no operator, whatever the config says (`--no-operator`) */
  readonly operator?: boolean;
  /** progress and device-code prompts, a line each */
  readonly log?: (line: string) => void;
  readonly env?: Readonly<Record<string, string | undefined>>;
};

/** A live config's connections: HTTP with its budget, tokens, and the services they reach. */
export type LiveConnection = {
  readonly config: LiveConfig;
  readonly http: HttpClient;
  readonly budget: RequestBudget;
  /** requests to the tenant's services so far (retries and redirects included; not sign-in, not an emulator's control endpoint) */
  readonly counter: { readonly service: number };
  readonly tokens: Tokens;
  readonly services: Services;
};

/** Shows a test user's device code to whoever signs them in. */
export type SignInPrompt = (upn: string, message: string, userCode: string, verificationUri: string) => Promise<void>;

/**
 * Reads the config and makes its connections; signs in only when a token is first asked for. The
 * app's first sign-in that fails says why (whyNoSignIn) and points at doctor, unless `diagnose` is false.
 * Throws ConfigError for a config that is not valid, SignInError when endpoints.trustedCa cannot be read.
 */
export async function connect(
  configPath: string,
  options: OpenOptions & {
    prompt?: SignInPrompt;
    /** false: a failed sign-in keeps MSAL's own words (doctor, which says why in its own check) */
    diagnose?: boolean;
  } = {},
): Promise<LiveConnection> {
  const config = await loadLiveConfig(configPath, options.env);
  const trustedCa = readTrustedCa(config);
  const budget = new RequestBudget(config.budget.requests);
  // what the tenant's services were asked, an emulator's control endpoint aside (a real tenant has none)
  const control = config.endpoints.virtualClock;
  const counter = { service: 0 };
  const http = new HttpClient({
    onAttempt: (a) => {
      if (control === undefined || !a.url.startsWith(control)) counter.service++;
    },
    timeoutMs: config.http.timeoutSeconds * 1000,
    retries: config.http.retries,
    maxBackoffMs: config.http.maxBackoffSeconds * 1000,
    budget,
    ...(trustedCa === undefined ? {} : { trustedCa }),
  });
  const prompt = options.prompt;
  // Tokens shows a code per user without naming them; the code says whose it is
  const whose = new Map<string, string>();
  const tokens = new Tokens(config, {
    ...(options.env === undefined ? {} : { env: options.env }),
    ...(options.diagnose === false
      ? {}
      : {
          whyNoSignIn: async (said: string) =>
            `${(await whyNoSignIn(config, { send: (r) => http.send(r) }, said)).detail}\nphotosync: for the full picture, run photosync doctor --config ${configPath}`,
        }),
    ...(prompt === undefined
      ? {}
      : {
          prompt: (message: string, userCode: string, uri: string) => prompt(whose.get(userCode) ?? 'a test user', message, userCode, uri),
          user: (upn: string, guarded: DevicePrompt) =>
            userCredential(config, upn, (message, userCode, uri) => {
              whose.set(userCode, upn);
              return guarded(message, userCode, uri);
            }),
        }),
  });
  const services: Services = {
    endpoints: config.endpoints,
    send: (r) => http.send(r),
    token: (resource, as) => tokens.token(resource, as),
  };
  return { config, http, budget, counter, tokens, services };
}

/**
 * Opens the live tenant a config names (or the tenant emulator it points at): connections, the
 * operator, the clock (the emulator's virtual one, or real time within the config's hours).
 * Invariant: nothing in the tenant changes until the adapter's first action. It holds the state
 * folder's lock until `close` (lockStateFolder): while another process holds it, StateFolderBusyError.
 */
export async function openLiveTenant(configPath: string, options: OpenOptions = {}): Promise<LiveAdapter> {
  const log = options.log ?? (() => {});
  let operator: Operator | undefined;
  const set = new TestPhotoSet();
  let recogniser: Promise<Recogniser> | undefined;
  // the photos runs set, then one baseline per test user (createLiveAdapter's baselinePhoto)
  let count = BASELINE_FIRST;
  const recogniserFor = (placeholders: readonly Buffer[]) =>
    (recogniser ??= Recogniser.create({ set, count, placeholders: [...placeholders] }));
  const connection = await connect(configPath, {
    ...options,
    prompt: async (upn, message, userCode, verificationUri) => {
      if (operator === undefined) log(`photosync: sign in as ${upn}: ${message}`);
      else await operator.take({ kind: 'signIn', signInAs: upn, userCode, verificationUri, message });
    },
  });
  const { config, http, counter, tokens, services } = connection;
  // before the operator or any request: a second process changing the tenant through this state folder stops here, having done nothing
  const unlock = lockStateFolder(config.stateDir);
  count = BASELINE_FIRST + config.users.length;
  const kind = options.operator === false ? 'none' : config.operator;
  const placeholders = await Promise.all(config.placeholders.map((f) => readFile(f)));
  const control = config.endpoints.virtualClock;
  if (kind === 'terminal') operator = terminalOperator();
  if (kind === 'emulator' && control !== undefined) {
    operator = emulatorOperator(
      control,
      (r) => http.send(r),
      async (bytes) => (await (recogniser ?? recogniserFor([]))).recognise(bytes).then((r) => r.photo),
    );
  }
  const deadline = Date.now() + config.budget.hours * 3_600_000;
  const clock =
    control === undefined
      ? realClock(async (ms) => {
          if (Date.now() + ms > deadline) throw new TimeBudgetError(config.budget.hours);
          await new Promise((resolve) => setTimeout(resolve, ms));
        })
      : await emulatorClock(control, (r) => http.send(r)).catch(async (e: unknown) => {
          // the clock is asked before the app signs in: when the app cannot sign in either (the same
          // host, the same trust), that says why (whyNoSignIn); otherwise the clock's failure stands
          await tokens.token('graph');
          throw e;
        });
  return createLiveAdapter({
    config,
    services,
    clock,
    operator,
    photos: new PhotoFiles(set, join(config.stateDir, 'photos'), count),
    recogniser: (captured) => recogniserFor([...placeholders, ...captured]),
    checkTenant: async () => {
      // every token is checked against the configured tenant as it arrives
      await tokens.token('graph');
    },
    sharePointAppOnly: config.credential.kind === 'certificate',
    log,
    requests: () => counter.service,
    async close() {
      try {
        await operator?.close?.();
        await http.close();
      } finally {
        unlock();
      }
    },
  });
}

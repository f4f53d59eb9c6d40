import type { AccessToken, TokenCredential } from '@azure/identity';
import type { LiveConfig } from '../LiveConfig.js';
import { appCredential } from './appCredential.js';
import { SignInError } from './SignInError.js';
import { signedInAs, tokenClaims } from './tokenClaims.js';
import { forgetUserCredential, userCredential, type DevicePrompt } from './userCredential.js';

/** A service a token is for, as the live config names its endpoint. */
export type TokenResource = 'graph' | 'sharepoint' | 'mySite' | 'yammer';

type Env = Readonly<Record<string, string | undefined>>;

/** How Tokens gets its credentials; every field has a default from the config. */
export type TokensOptions = {
  /** shows a device code to the person signing in as a test user; without one, delegated tokens fail */
  readonly prompt?: DevicePrompt;
  /** the app's credential; `appCredential(config, env)` by default, made at the first app-only token */
  readonly app?: TokenCredential;
  /** a test user's credential; `userCredential(config, upn, prompt)` by default */
  readonly user?: (upn: string, prompt: DevicePrompt) => TokenCredential;
  readonly env?: Env;
  /** how long before expiry a cached token is renewed, ms (default 5 minutes) */
  readonly renewBeforeMs?: number;
  readonly now?: () => number;
  /**
   * Says why the app could not sign in, from the sign-in's own words (MSAL's, cleaned): the message
   * shown instead. Asked once, at the first failure, and never once the app has signed in (the
   * config is then known good); a later failure keeps MSAL's words.
   */
  readonly whyNoSignIn?: (said: string) => Promise<string>;
};

type Cached = { readonly token: string; readonly renewAt: number };

/**
 * The live adapter's tokens: app-only or as a test user, for Graph, SharePoint, the My Site host or
 * Viva Engage, each cached until shortly before it expires. Every token is checked to be of the
 * configured tenant (`checkTenant`), and a delegated one to be of the user asked for.
 * Invariant: no error it throws holds a token or a secret; it signs in only as the app or as a
 * test user of the config.
 */
export class Tokens {
  private readonly cache = new Map<string, Cached>();
  private readonly pending = new Map<string, Promise<string>>();
  private readonly users = new Map<string, TokenCredential>();
  /** per test user, the device code sign-in under way: a prompt that fails cancels it */
  private readonly signIns = new Map<string, AbortController>();
  /** per test user, the last delegated sign-in asked for, which the next waits for */
  private readonly queues = new Map<string, Promise<void>>();
  private app: TokenCredential | undefined;
  /** the app has signed in, or its first failed sign-in was said why: later failures keep MSAL's words */
  private appKnown = false;

  constructor(
    private readonly config: LiveConfig,
    private readonly options: TokensOptions = {},
  ) {
    this.app = options.app;
  }

  /** The scope of a resource's tokens: its base URL with `/.default` (Viva Engage's audience, not its API host). */
  scopeOf(resource: TokenResource): string {
    const { endpoints } = this.config;
    const base = resource === 'yammer' ? endpoints.yammerAudience : endpoints[resource];
    return `${base.replace(/\/+$/, '')}/.default`;
  }

  /** A token for `resource`: app-only, or as the test user `as` (sign-in name or trace id). Throws SignInError. */
  async token(resource: TokenResource, as?: string): Promise<string> {
    const upn = as === undefined ? undefined : this.upnOf(as);
    const key = `${resource}\n${upn ?? ''}`;
    const cached = this.cache.get(key);
    if (cached !== undefined && this.now() < cached.renewAt) return cached.token;
    let pending = this.pending.get(key);
    if (pending === undefined) {
      pending = this.fetch(resource, upn, key).finally(() => this.pending.delete(key));
      this.pending.set(key, pending);
    }
    return pending;
  }

  /** Refuses (PHOTOSYNC_WRONG_TENANT) a token whose `tid` is not the configured tenant; the live adapter checks this before any change. */
  checkTenant(token: string): void {
    const claims = tokenClaims(token);
    if (claims === undefined)
      throw new SignInError('PHOTOSYNC_SIGN_IN', 'the sign-in service answered something that is not a JWT access token');
    if (claims.tid?.toLowerCase() !== this.config.tenantId.toLowerCase()) {
      throw new SignInError(
        'PHOTOSYNC_WRONG_TENANT',
        `the token is for tenant ${claims.tid ?? '(none)'}, not the configured tenant ${this.config.tenantId}: check tenantId and the credential`,
      );
    }
  }

  private async fetch(resource: TokenResource, upn: string | undefined, key: string): Promise<string> {
    const who = upn === undefined ? 'the app' : upn;
    let got: AccessToken | null;
    try {
      got = upn === undefined ? await this.appCredential().getToken(this.scopeOf(resource)) : await this.userToken(resource, upn);
    } catch (e) {
      if (e instanceof SignInError) throw e;
      throw new SignInError('PHOTOSYNC_SIGN_IN', `${who} could not sign in for ${resource}: ${await this.why(upn, this.clean(e))}`);
    }
    if (got === null) throw new SignInError('PHOTOSYNC_SIGN_IN', `${who} got no token for ${resource}`);
    this.checkTenant(got.token);
    if (upn === undefined) this.appKnown = true;
    if (upn !== undefined) {
      const as = signedInAs(tokenClaims(got.token) ?? {});
      if (as?.toLowerCase() !== upn.toLowerCase()) {
        // that sign-in is of no use: the next attempt shows a new code
        this.users.delete(upn.toLowerCase());
        forgetUserCredential(this.config, upn);
        throw new SignInError(
          'PHOTOSYNC_SIGN_IN',
          `the device code was used to sign in as ${as ?? 'someone unknown'}, not as ${upn}: sign in again as ${upn}`,
        );
      }
    }
    const renewAt = Math.min(got.expiresOnTimestamp - (this.options.renewBeforeMs ?? 5 * 60_000), got.refreshAfterTimestamp ?? Infinity);
    this.cache.set(key, { token: got.token, renewAt });
    return got.token;
  }

  /** A delegated token; one sign-in per user at a time, so a second resource uses the first's account and no second code is shown. */
  private userToken(resource: TokenResource, upn: string): Promise<AccessToken | null> {
    const key = upn.toLowerCase();
    const run = (this.queues.get(key) ?? Promise.resolve()).then(() => this.userTokenNow(resource, upn, key));
    this.queues.set(
      key,
      run.then(
        () => undefined,
        () => undefined,
      ),
    );
    return run;
  }

  private async userTokenNow(resource: TokenResource, upn: string, key: string): Promise<AccessToken | null> {
    const prompt = this.options.prompt;
    if (prompt === undefined)
      throw new SignInError('PHOTOSYNC_SIGN_IN', `signing in as ${upn} needs someone to enter a device code, and no prompt was given`);
    const abort = new AbortController();
    this.signIns.set(key, abort);
    let credential = this.users.get(key);
    if (credential === undefined) {
      const guarded: DevicePrompt = async (message, userCode, uri) => {
        try {
          await prompt(message, userCode, uri);
        } catch (e) {
          this.signIns.get(key)?.abort(e);
        }
      };
      credential = (this.options.user ?? ((u, p) => userCredential(this.config, u, p)))(upn, guarded);
      this.users.set(key, credential);
    }
    try {
      return await credential.getToken(this.scopeOf(resource), { abortSignal: abort.signal });
    } catch (e) {
      if (abort.signal.aborted) {
        const why = abort.signal.reason instanceof Error ? `: ${this.clean(abort.signal.reason)}` : '';
        throw new SignInError('PHOTOSYNC_SIGN_IN', `signing in as ${upn} was abandoned: the device code prompt failed${why}`);
      }
      throw e;
    } finally {
      this.signIns.delete(key);
    }
  }

  /** Why the app's first sign-in failed, by `whyNoSignIn`, once; MSAL's own words for anything else, or when that cannot say. */
  private async why(upn: string | undefined, said: string): Promise<string> {
    const whyNoSignIn = this.options.whyNoSignIn;
    if (upn !== undefined || this.appKnown || whyNoSignIn === undefined) return said;
    this.appKnown = true;
    try {
      return await whyNoSignIn(said);
    } catch {
      // the diagnosis is a help, not the failure: the sign-in's own words still say what happened
      return said;
    }
  }

  private appCredential(): TokenCredential {
    this.app ??= appCredential(this.config, this.options.env);
    return this.app;
  }

  /** The test user `as` names, by sign-in name or trace id; SignInError for anyone else. */
  private upnOf(as: string): string {
    const user = this.config.users.find((u) => u.upn.toLowerCase() === as.toLowerCase() || u.id === as);
    if (user === undefined)
      throw new SignInError('PHOTOSYNC_SIGN_IN', `${as} is not a test user of the config: the adapter signs in only as its test users`);
    return user.upn;
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  /** An error's message without tokens or the client secret, on one line. */
  private clean(e: unknown): string {
    let text = e instanceof Error ? e.message : String(e);
    text = text.replace(/eyJ[\w-]*\.[\w-]*\.[\w-]*/g, '[token]');
    const { credential } = this.config;
    const secret = credential.kind === 'secret' ? (this.options.env ?? process.env)[credential.env] : undefined;
    if (secret !== undefined && secret !== '') text = text.split(secret).join('[secret]');
    text = text.replace(/\s+/g, ' ').trim();
    return text.length > 600 ? `${text.slice(0, 600)}…` : text;
  }
}

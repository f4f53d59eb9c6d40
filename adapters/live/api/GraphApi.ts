import { z } from 'zod';
import { PHOTO_SOURCES, type PhotoSettings } from '../../../model/vocabulary.js';
import { changeReply, join, parseJson, removalReply, serviceMessage, tokenOr, type Reply, type Services } from './Services.js';

/** Graph's own limit of requests in one JSON batch. */
const BATCH_LIMIT = 20;

const BatchAnswer = z.object({
  responses: z.array(z.object({ id: z.string(), status: z.number().int(), body: z.unknown().optional() })),
});

// Graph documents `cloud`, `onPremises` and `unknownFutureValue`, and shows no roles as `{}` in an example
const PhotoUpdateSettings = z.object({
  source: z.string().nullish(),
  allowedRoles: z.union([z.array(z.string()), z.strictObject({})]).nullish(),
  value: z.unknown().optional(),
});

/** A source as Graph names it, in the contract's words: none set is `unset` (SPEC section 6); undefined where the contract has no such source. */
function sourceOf(source: string | null | undefined): PhotoSettings['source'] | undefined {
  if (source === null || source === undefined) return 'unset';
  return PHOTO_SOURCES.find((s) => s !== 'unset' && s === source);
}

const SETTINGS = Symbol('photoUpdateSettings');

/**
 * The photo update settings in a Graph answer; absent fields read as Graph's defaults. An answer
 * in a collection (`value`, as an older page of the reference has it) is read from its one
 * element; a source the contract does not know (`unknownFutureValue`, or one Graph adds later) is
 * unknown, never read as another.
 */
function settingsOf(json: unknown): Reply<PhotoSettings> {
  const parsed = PhotoUpdateSettings.safeParse(json);
  if (!parsed.success)
    return { kind: 'unknown', reason: `photoUpdateSettings: unexpected answer: ${parsed.error.issues[0]?.message ?? ''}` };
  const { value, source, allowedRoles } = parsed.data;
  if (value !== undefined) {
    if (Array.isArray(value) && value.length === 1) return settingsOf(value[0]);
    return { kind: 'unknown', reason: 'photoUpdateSettings: unexpected answer: a collection of other than one settings object' };
  }
  const known = sourceOf(source);
  if (known === undefined)
    return {
      kind: 'unknown',
      reason: `photoUpdateSettings: the tenant's source is "${source}", which photosync does not know (cloud, onPremises or none)`,
    };
  return { kind: 'ok', value: { source: known, allowedRoles: Array.isArray(allowedRoles) ? allowedRoles : [] } };
}

/**
 * None set: what a read of settings answered 404 stands for. Deleting the settings is how their
 * default is had back (`setPhotoSettings`), and a read of what was deleted finds nothing: read as
 * any other answer, that 404 would stop every survey after photosync put the default back.
 */
const NONE_SET: Reply<PhotoSettings> = { kind: 'ok', value: { source: 'unset', allowedRoles: [] } };

/** A photo as a service holds it: its bytes, or none. */
export type Held = { readonly kind: 'photo'; readonly bytes: Buffer } | { readonly kind: 'none' };

/** Graph's addresses photosync uses, from the Graph base URL: one place for each, for the adapter and `doctor`. */
export const graphUrl = {
  user: (graph: string, upn: string) => join(graph, `v1.0/users/${encodeURIComponent(upn)}?$select=id,userPrincipalName`),
  userPhoto: (graph: string, upn: string) => join(graph, `v1.0/users/${encodeURIComponent(upn)}/photo/$value`),
  photoSettings: (graph: string) => join(graph, 'beta/admin/people/photoUpdateSettings'),
};

/**
 * Microsoft Graph's photo endpoints (v1.0) and the tenant's photo update settings (beta).
 * Invariant: a read changes nothing; a 404 of the photo is `none` (the status, not the error code).
 */
export class GraphApi {
  constructor(private readonly services: Services) {}

  private userPhoto(upn: string): string {
    return graphUrl.userPhoto(this.services.endpoints.graph, upn);
  }

  /** The mailbox photo (the `graph` surface), read app-only or as `as`. */
  async photo(upn: string, as?: string): Promise<Reply<Held>> {
    const t = await tokenOr(this.services, 'graph', as);
    if ('reason' in t) return { kind: 'unknown', reason: t.reason };
    const outcome = await this.services.send({ method: 'GET', url: this.userPhoto(upn), token: async () => t.token });
    if (outcome.kind === 'unknown') return { kind: 'unknown', reason: outcome.reason };
    if (outcome.status === 404) return { kind: 'ok', value: { kind: 'none' } };
    if (outcome.status === 200) return { kind: 'ok', value: { kind: 'photo', bytes: outcome.body } };
    return { kind: 'unknown', reason: serviceMessage(outcome.status, outcome.body) };
  }

  /**
   * What a survey reads from Graph: the tenant's photo update settings and the mailbox photos of
   * `upns`, read app-only in JSON batches of up to 20 (beta, where the settings are; an image comes
   * back base64), which saves a request per read. A read the batch did not answer for sure (a
   * throttled or failed part, or the whole batch) is made alone, with the client's retries.
   * Invariant: a key for every user asked, each as `photo` would answer it, and the settings as
   * `photoSettings` would.
   */
  async survey(upns: readonly string[]): Promise<{ photos: Map<string, Reply<Held>>; settings: Reply<PhotoSettings> }> {
    const photos = new Map<string, Reply<Held>>();
    let settings: Reply<PhotoSettings> | undefined;
    const t = await tokenOr(this.services, 'graph');
    const reads: (string | typeof SETTINGS)[] = [SETTINGS, ...upns];
    for (let i = 0; 'token' in t && reads.length > 1 && i < reads.length; i += BATCH_LIMIT) {
      const part = reads.slice(i, i + BATCH_LIMIT);
      const outcome = await this.services.send({
        method: 'POST',
        url: join(this.services.endpoints.graph, 'beta/$batch'),
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          requests: part.map((r, k) => ({
            id: String(k),
            method: 'GET',
            url: r === SETTINGS ? '/admin/people/photoUpdateSettings' : `/users/${encodeURIComponent(r)}/photo/$value`,
          })),
        }),
        token: async () => t.token,
        // a batch of reads changes nothing: sending it again is safe
        idempotent: true,
      });
      const parsed = outcome.kind === 'answered' && outcome.status === 200 ? BatchAnswer.safeParse(parseJson(outcome.body)) : undefined;
      if (parsed?.success !== true) continue;
      for (const r of parsed.data.responses) {
        const read = String(Number(r.id)) === r.id ? part[Number(r.id)] : undefined;
        if (read === SETTINGS) {
          if (r.status === 200) settings = settingsOf(r.body);
          else if (r.status === 404) settings = NONE_SET;
        } else if (read !== undefined) {
          if (r.status === 404) photos.set(read, { kind: 'ok', value: { kind: 'none' } });
          else if (r.status === 200 && typeof r.body === 'string')
            photos.set(read, { kind: 'ok', value: { kind: 'photo', bytes: Buffer.from(r.body, 'base64') } });
        }
      }
    }
    for (const upn of upns) if (!photos.has(upn)) photos.set(upn, await this.photo(upn));
    return { photos, settings: settings?.kind === 'ok' ? settings : await this.photoSettings() };
  }

  /** `setPhoto via graph`: app-only when `as` is undefined (the tenant acts), else as that user. */
  async setPhoto(upn: string, bytes: Buffer, as?: string): Promise<Reply<void>> {
    const t = await tokenOr(this.services, 'graph', as);
    if ('reason' in t) return { kind: 'unknown', reason: t.reason };
    return changeReply(
      await this.services.send({
        method: 'PUT',
        url: this.userPhoto(upn),
        headers: { 'content-type': 'image/jpeg' },
        body: bytes,
        token: async () => t.token,
      }),
    );
  }

  /** `removePhoto via graph`; removing a photo that is not there is done. */
  async removePhoto(upn: string, as?: string): Promise<Reply<void>> {
    const t = await tokenOr(this.services, 'graph', as);
    if ('reason' in t) return { kind: 'unknown', reason: t.reason };
    return removalReply(await this.services.send({ method: 'DELETE', url: this.userPhoto(upn), token: async () => t.token }));
  }

  /** The tenant's photo update settings; absent fields read as Graph's defaults. */
  async photoSettings(): Promise<Reply<PhotoSettings>> {
    const t = await tokenOr(this.services, 'graph');
    if ('reason' in t) return { kind: 'unknown', reason: t.reason };
    const outcome = await this.services.send({
      method: 'GET',
      url: graphUrl.photoSettings(this.services.endpoints.graph),
      token: async () => t.token,
    });
    if (outcome.kind === 'unknown') return { kind: 'unknown', reason: outcome.reason };
    if (outcome.status === 404) return NONE_SET;
    if (outcome.status !== 200) return { kind: 'unknown', reason: serviceMessage(outcome.status, outcome.body) };
    return settingsOf(parseJson(outcome.body));
  }

  /**
   * `setPhotoSettings`, made by the tenant (app-only). Graph takes only `cloud` and `onPremises` as
   * a source: `unset`, its default, is had back by deleting the settings (204, or 404 where none
   * were set).
   */
  async setPhotoSettings(settings: PhotoSettings): Promise<Reply<void>> {
    const t = await tokenOr(this.services, 'graph');
    if ('reason' in t) return { kind: 'unknown', reason: t.reason };
    if (settings.source === 'unset') {
      return removalReply(
        await this.services.send({
          method: 'DELETE',
          url: graphUrl.photoSettings(this.services.endpoints.graph),
          token: async () => t.token,
          idempotent: true,
        }),
      );
    }
    return changeReply(
      await this.services.send({
        method: 'PATCH',
        url: graphUrl.photoSettings(this.services.endpoints.graph),
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ source: settings.source, allowedRoles: settings.allowedRoles }),
        token: async () => t.token,
        // it sets both fields to given values, as a PUT would: sending it again changes nothing more
        idempotent: true,
      }),
    );
  }
}

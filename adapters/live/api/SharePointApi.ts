import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Held } from './GraphApi.js';
import { batchBody, batchParts, boundaryOf, partStatus } from './httpBatch.js';
import { changeReply, join, serviceMessage, tokenOr, type Reply, type Resource, type Services } from './Services.js';

/** SharePoint's thumbnail sizes: S 48, M 72, L up to 300 px. */
export type ThumbnailSize = 'S' | 'M' | 'L';

const Properties = z.object({ PictureUrl: z.string().nullish(), PersonalUrl: z.string().nullish() });

/** What photosync reads of a user profile: its PictureUrl, and whether the user has a My Site. */
export type ProfileProperties = { readonly pictureUrl?: string; readonly mySite: boolean };

/** The most requests photosync puts in one SharePoint `$batch` (SharePoint takes up to 100). */
const SP_BATCH_LIMIT = 100;

/** SharePoint's addresses photosync uses: one place for each, for the adapter and `doctor`. */
export const sharePointUrl = {
  /** PeopleManager's properties of a user, on the SharePoint host */
  properties: (sharepoint: string, upn: string) =>
    `${join(sharepoint, '_api/SP.UserProfiles.PeopleManager/GetPropertiesFor(accountName=@v)')}?@v=${encodeURIComponent(`'i:0#.f|membership|${upn}'`)}`,
  /** a user's thumbnail on the My Site host; a stamp makes the URL one no cache has seen */
  userPhoto: (mySite: string, upn: string, size: ThumbnailSize, stamp?: number) => {
    const query = new URLSearchParams({ size, accountname: upn });
    if (stamp !== undefined) query.set('t', String(stamp));
    return `${join(mySite, '_layouts/15/userphoto.aspx')}?${query}`;
  },
};

/** SetMyProfilePicture's limit (bytes). */
export const SP_UPLOAD_LIMIT = 5_000_000;

const JSON_LIGHT = 'application/json;odata=nometadata';

/** A profile's properties from GetPropertiesFor's JSON. */
function propertiesOf(text: string): Reply<ProfileProperties> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const parsed = Properties.safeParse(json);
  if (!parsed.success) return { kind: 'unknown', reason: `GetPropertiesFor: unexpected answer: ${parsed.error.issues[0]?.message ?? ''}` };
  const { PictureUrl, PersonalUrl } = parsed.data;
  return { kind: 'ok', value: { ...(PictureUrl ? { pictureUrl: PictureUrl } : {}), mySite: Boolean(PersonalUrl) } };
}

/**
 * The SharePoint user profile's photo: `userphoto.aspx` on the My Site host (which may redirect to a
 * cached URL, and shows a placeholder for a user with no photo), PeopleManager's properties, and
 * SetMyProfilePicture as the signed-in user. Reads go app-only with a certificate; with a secret
 * (which SharePoint refuses app-only) as `viewer`.
 * Invariant: a read changes nothing (an app's read is not the owner's visit).
 */
export class SharePointApi {
  constructor(
    private readonly services: Services,
    private readonly appOnly: boolean,
  ) {}

  private async bearer(resource: Resource, viewer: string): Promise<{ token: string } | { reason: string }> {
    return tokenOr(this.services, resource, this.appOnly ? undefined : viewer);
  }

  /** The thumbnail a page shows; `fresh` adds a timestamp to the URL, as the people picker does, so no cache serves it. */
  async thumbnail(upn: string, size: ThumbnailSize, viewer: string, fresh: boolean): Promise<Reply<Buffer>> {
    const t = await this.bearer('mySite', viewer);
    if ('reason' in t) return { kind: 'unknown', reason: t.reason };
    const outcome = await this.services.send({
      method: 'GET',
      url: sharePointUrl.userPhoto(this.services.endpoints.mySite, upn, size, fresh ? Date.now() : undefined),
      token: async () => t.token,
    });
    if (outcome.kind === 'unknown') return { kind: 'unknown', reason: outcome.reason };
    if (outcome.status !== 200) return { kind: 'unknown', reason: serviceMessage(outcome.status, outcome.body) };
    return { kind: 'ok', value: outcome.body };
  }

  /** The profile's PictureUrl, and whether the user has a My Site. */
  async properties(upn: string, viewer: string): Promise<Reply<ProfileProperties>> {
    const t = await this.bearer('sharepoint', viewer);
    if ('reason' in t) return { kind: 'unknown', reason: t.reason };
    const outcome = await this.services.send({
      method: 'GET',
      url: sharePointUrl.properties(this.services.endpoints.sharepoint, upn),
      headers: { accept: JSON_LIGHT },
      token: async () => t.token,
    });
    if (outcome.kind === 'unknown') return { kind: 'unknown', reason: outcome.reason };
    if (outcome.status !== 200) return { kind: 'unknown', reason: serviceMessage(outcome.status, outcome.body) };
    return propertiesOf(outcome.body.toString('utf8'));
  }

  /**
   * Each user's profile properties, read as that user reads their own. App-only, the reads of two
   * users or more go in one SharePoint `$batch` (a request saved per user); a read the batch did
   * not answer for sure is made alone, with the client's retries.
   * Invariant: a key for every user asked, each as `properties(upn, upn)` would answer it.
   */
  async propertiesOfEach(upns: readonly string[]): Promise<Map<string, Reply<ProfileProperties>>> {
    const out = new Map<string, Reply<ProfileProperties>>();
    const t = this.appOnly && upns.length > 1 ? await tokenOr(this.services, 'sharepoint') : undefined;
    for (let i = 0; t !== undefined && 'token' in t && i < upns.length; i += SP_BATCH_LIMIT) {
      const part = upns.slice(i, i + SP_BATCH_LIMIT);
      const boundary = `batch_${randomUUID()}`;
      const outcome = await this.services.send({
        method: 'POST',
        url: join(this.services.endpoints.sharepoint, '_api/$batch'),
        headers: { 'content-type': `multipart/mixed; boundary=${boundary}`, accept: 'multipart/mixed' },
        body: batchBody(
          boundary,
          part.map((upn) => ({
            start: `GET ${sharePointUrl.properties(this.services.endpoints.sharepoint, upn)} HTTP/1.1`,
            headers: { Accept: JSON_LIGHT },
            body: '',
          })),
        ),
        token: async () => t.token,
        // a batch of reads changes nothing: sending it again is safe
        idempotent: true,
      });
      if (outcome.kind !== 'answered' || outcome.status !== 200) continue;
      const answers = batchParts(outcome.body.toString('utf8'), boundaryOf(outcome.headers['content-type']) ?? '');
      if (answers?.length !== part.length) continue;
      answers.forEach((a, k) => {
        if (partStatus(a) !== 200) return;
        const read = propertiesOf(a.body);
        if (read.kind === 'ok') out.set(part[k]!, read);
      });
    }
    for (const upn of upns) if (!out.has(upn)) out.set(upn, await this.properties(upn, upn));
    return out;
  }

  /** The photo the profile page shows: the image at PictureUrl (none where the profile has none). */
  async profilePhoto(upn: string, viewer: string): Promise<Reply<Held>> {
    const props = await this.properties(upn, viewer);
    if (props.kind !== 'ok') return props;
    return this.picture(props.value.pictureUrl, viewer);
  }

  /** The image at a profile's PictureUrl, or none where it has none. */
  async picture(url: string | undefined, viewer: string): Promise<Reply<Held>> {
    if (url === undefined) return { kind: 'ok', value: { kind: 'none' } };
    const t = await this.bearer('mySite', viewer);
    if ('reason' in t) return { kind: 'unknown', reason: t.reason };
    // the token goes only to the My Site host itself, never to another origin a profile names
    const absolute = new URL(url, this.services.endpoints.mySite);
    const own = absolute.origin === new URL(this.services.endpoints.mySite).origin;
    const outcome = await this.services.send({ method: 'GET', url: absolute.toString(), ...(own ? { token: async () => t.token } : {}) });
    if (outcome.kind === 'unknown') return { kind: 'unknown', reason: outcome.reason };
    if (outcome.status !== 200) return { kind: 'unknown', reason: serviceMessage(outcome.status, outcome.body) };
    return { kind: 'ok', value: { kind: 'photo', bytes: outcome.body } };
  }

  /** `setPhoto via sharepoint`: SetMyProfilePicture, as the user whose photo it is. */
  async setMyPicture(upn: string, bytes: Buffer): Promise<Reply<void>> {
    const t = await tokenOr(this.services, 'mySite', upn);
    if ('reason' in t) return { kind: 'unknown', reason: t.reason };
    return changeReply(
      await this.services.send({
        method: 'POST',
        url: join(this.services.endpoints.mySite, '_api/SP.UserProfiles.PeopleManager/SetMyProfilePicture'),
        headers: { 'content-type': 'application/octet-stream', accept: JSON_LIGHT },
        body: bytes,
        token: async () => t.token,
      }),
    );
  }
}

import { z } from 'zod';
import type { Held } from './GraphApi.js';
import { changeReply, join, parseJson, serviceMessage, tokenOr, type Reply, type Resource, type Services } from './Services.js';

/** SharePoint's thumbnail sizes: S 48, M 72, L up to 300 px. */
export type ThumbnailSize = 'S' | 'M' | 'L';

const Properties = z.object({ PictureUrl: z.string().nullish(), PersonalUrl: z.string().nullish() });

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
  async properties(upn: string, viewer: string): Promise<Reply<{ pictureUrl?: string; mySite: boolean }>> {
    const t = await this.bearer('sharepoint', viewer);
    if ('reason' in t) return { kind: 'unknown', reason: t.reason };
    const outcome = await this.services.send({
      method: 'GET',
      url: sharePointUrl.properties(this.services.endpoints.sharepoint, upn),
      headers: { accept: 'application/json;odata=nometadata' },
      token: async () => t.token,
    });
    if (outcome.kind === 'unknown') return { kind: 'unknown', reason: outcome.reason };
    if (outcome.status !== 200) return { kind: 'unknown', reason: serviceMessage(outcome.status, outcome.body) };
    const parsed = Properties.safeParse(parseJson(outcome.body));
    if (!parsed.success)
      return { kind: 'unknown', reason: `GetPropertiesFor: unexpected answer: ${parsed.error.issues[0]?.message ?? ''}` };
    const { PictureUrl, PersonalUrl } = parsed.data;
    return { kind: 'ok', value: { ...(PictureUrl ? { pictureUrl: PictureUrl } : {}), mySite: Boolean(PersonalUrl) } };
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
        headers: { 'content-type': 'application/octet-stream', accept: 'application/json;odata=nometadata' },
        body: bytes,
        token: async () => t.token,
      }),
    );
  }
}

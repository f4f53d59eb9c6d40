import { z } from 'zod';
import { NO_PHOTO, type Photo } from '../../model/vocabulary.js';
import { placeholder } from '../../adapters/live/photos/placeholders.js';
import type { DirectoryUser } from '../Directory.js';
import type { EmulatorContext } from '../EmulatorContext.js';
import type { EmulatorRequest } from '../http/EmulatorRequest.js';
import { sharePointErrors } from '../http/errorStyles.js';
import { parseInput, queryObject } from '../http/parseInput.js';
import { bytes, json, redirect, Refusal, type Reply } from '../http/Reply.js';
import type { Router } from '../http/Router.js';
import { authorize, type Admits, type Caller } from '../identity/authorize.js';
import { outcomeReply } from '../outcomeReply.js';
import { readImage } from '../photos/readImage.js';
import { actorOf, viewerOf } from '../viewerOf.js';

/** SharePoint's thumbnail sizes, in pixels. */
export const THUMBNAIL_PX = { S: 48, M: 72, L: 300 } as const;
type ThumbnailSize = keyof typeof THUMBNAIL_PX;

/** SetMyProfilePicture's largest upload, in bytes. */
export const SET_MY_PICTURE_LIMIT = 5_000_000;

const SP_QUALITY = 60;
const CLAIMS_PREFIX = /^i:0#\.f\|membership\|/i;
const PEOPLE_MANAGER = '_api/SP.UserProfiles.PeopleManager';
const PROFILE_PICTURES = 'User%20Photos/Profile%20Pictures';

const Size = z.preprocess((v) => (typeof v === 'string' ? v.toUpperCase() : v), z.enum(['S', 'M', 'L'], { error: 'expected S, M or L' }));
const UserPhotoQuery = z.looseObject({
  size: Size.default('M'),
  accountname: z.string({ error: 'expected the account name of a user' }).min(1),
});
const PropertiesQuery = z.looseObject({
  '@v': z
    .string({ error: "expected the account name in quotes, such as 'i:0#.f|membership|alice@contoso.com'" })
    .regex(/^'.*'$/s, 'expected the account name in single quotes'),
});
const ThumbnailFile = z.object({
  file: z.string().regex(/^.+_[SML]Thumb\.jpg$/i, 'expected NAME_SThumb.jpg, NAME_MThumb.jpg or NAME_LThumb.jpg'),
});

/**
 * SharePoint at `/sp` (the tenant's root site) and `/my` (the My Site host): `userphoto.aspx`,
 * which redirects to a short-lived link of the profile's thumbnail (or shows the placeholder), the
 * thumbnails' files, PeopleManager's GetPropertiesFor, and SetMyProfilePicture as the signed-in
 * user. The profile photo shown is the simulated tenant's `sp-people-picker` surface (no cache)
 * seen by the caller. App-only tokens got with a client secret are refused, as SharePoint does.
 */
export function sharePointRoutes(router: Router, ctx: EmulatorContext): void {
  const { resources } = ctx.identity;
  const site: Admits = { audience: resources.sharepoint, apps: 'certificate' };
  const my: Admits = { audience: resources.mySite, apps: 'certificate' };
  const route = (method: 'GET' | 'POST', path: string, handle: (req: EmulatorRequest) => Promise<Reply>) =>
    router.add({ method, path, kind: 'service', style: sharePointErrors, handle });

  route('GET', '/my/_layouts/15/userphoto.aspx', async (req) => {
    const caller = authorize(req, ctx.identity, my);
    const query = parseInput(req, 'query', UserPhotoQuery, lowerKeys(req.query));
    const px = THUMBNAIL_PX[query.size];
    const user = ctx.tenant.directory.find(query.accountname.replace(CLAIMS_PREFIX, ''));
    const photo = user === undefined ? NO_PHOTO : await profilePhoto(ctx, req, user, caller);
    if (user === undefined || photo === NO_PHOTO) return bytes('image/png', await placeholder('sharepoint', px));
    const key = ctx.thumbnails.issue(photo, px);
    return redirect(`${thumbnailUrl(ctx, user, query.size)}?t=${key}`);
  });

  route('GET', `/my/User Photos/Profile Pictures/:file`, async (req) => {
    const link = ctx.thumbnails.resolve(req.query.get('t') ?? '');
    if (link !== undefined) return bytes('image/jpeg', await ctx.renderer.jpeg(link.photo, link.size, SP_QUALITY));
    const caller = authorize(req, ctx.identity, my);
    const file = parseInput(req, 'path', ThumbnailFile, req.params).file;
    const size = file.charAt(file.length - 10).toUpperCase() as ThumbnailSize;
    const user = ctx.tenant.directory.users.find((u) => `${fileName(u)}_${size}thumb.jpg`.toLowerCase() === file.toLowerCase());
    const photo = user === undefined ? NO_PHOTO : await profilePhoto(ctx, req, user, caller);
    if (photo === NO_PHOTO) throw new Refusal(req.style(404, '-2147024894, System.IO.FileNotFoundException', 'File Not Found.'));
    return bytes('image/jpeg', await ctx.renderer.jpeg(photo, THUMBNAIL_PX[size], SP_QUALITY));
  });

  for (const [prefix, admits] of [
    ['/sp', site],
    ['/my', my],
  ] as const) {
    route('GET', `${prefix}/${PEOPLE_MANAGER}/GetPropertiesFor(accountName=@v)`, async (req) => {
      const caller = authorize(req, ctx.identity, admits);
      const quoted = parseInput(req, 'query', PropertiesQuery, queryObject(req.query))['@v'];
      const account = quoted.slice(1, -1).replaceAll("''", "'");
      const user = ctx.tenant.directory.find(account.replace(CLAIMS_PREFIX, ''));
      if (user === undefined) {
        throw new Refusal(
          req.style(
            404,
            '-2146232832, Microsoft.Office.Server.UserProfiles.UserNotFoundException',
            `User Not Found: Could not load profile data from the database.`,
            'query.@v',
          ),
        );
      }
      const photo = await profilePhoto(ctx, req, user, caller);
      const properties = {
        AccountName: `i:0#.f|membership|${user.upn}`,
        DisplayName: user.displayName,
        Email: user.upn,
        PersonalUrl: `${resources.mySite}/personal/${fileName(user)}/`,
        PictureUrl: photo === NO_PHOTO ? null : thumbnailUrl(ctx, user, 'M'),
        UserProfileProperties: [
          { Key: 'AccountName', Value: `i:0#.f|membership|${user.upn}`, ValueType: 'Edm.String' },
          { Key: 'PictureURL', Value: photo === NO_PHOTO ? '' : thumbnailUrl(ctx, user, 'M'), ValueType: 'Edm.String' },
        ],
      };
      const verbose = /odata=verbose/i.test(req.headers.accept ?? '');
      return json(200, verbose ? { d: properties } : properties);
    });
  }

  route('POST', `/my/${PEOPLE_MANAGER}/SetMyProfilePicture`, async (req) => {
    const caller = authorize(req, ctx.identity, {
      ...my,
      apps: 'none',
      appRefusal: "SetMyProfilePicture changes the signed-in user's own photo: an app-only token has no user.",
    });
    const image = await readImage(req, SET_MY_PICTURE_LIMIT);
    const photo = ctx.tenant.photos.put(image);
    const outcome = await ctx.tenant.act({ do: 'setPhoto', user: actorOf(caller), photo, via: 'sharepoint', bytes: image.length });
    return outcomeReply(outcome, req.style, () => json(200, { 'odata.null': true }));
  });
}

/** What the user profile shows: the `sp-people-picker` surface, which no cache serves. */
async function profilePhoto(ctx: EmulatorContext, req: EmulatorRequest, user: DirectoryUser, caller: Caller): Promise<Photo> {
  const photo = await ctx.tenant.see('sp-people-picker', user.id, viewerOf(caller, ctx.tenant.directory));
  if (photo === undefined) throw new Refusal(req.style(503, 'ServiceUnavailable', 'The user profile service could not be reached.'));
  return photo;
}

/** A user's name in My Site paths: the UPN with `@` and `.` as `_`, as SharePoint writes it. */
function fileName(user: DirectoryUser): string {
  return user.upn.toLowerCase().replace(/[@.]/g, '_');
}

function thumbnailUrl(ctx: EmulatorContext, user: DirectoryUser, size: ThumbnailSize): string {
  return `${ctx.identity.resources.mySite}/${PROFILE_PICTURES}/${fileName(user)}_${size}Thumb.jpg`;
}

function lowerKeys(query: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of query) out[k.toLowerCase()] ??= v;
  return out;
}

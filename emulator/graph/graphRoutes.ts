import { z } from 'zod';
import { NO_PHOTO } from '../../model/vocabulary.js';
import type { DirectoryUser } from '../Directory.js';
import type { EmulatorContext } from '../EmulatorContext.js';
import type { EmulatorRequest } from '../http/EmulatorRequest.js';
import { graphErrors } from '../http/errorStyles.js';
import { jsonBody, parseInput } from '../http/parseInput.js';
import { bytes, empty, json, Refusal, type Reply } from '../http/Reply.js';
import type { Router } from '../http/Router.js';
import { authorize, type Admits, type Caller } from '../identity/authorize.js';
import { outcomeReply } from '../outcomeReply.js';
import { readImage } from '../photos/readImage.js';
import { actorOf, viewerOf } from '../viewerOf.js';

/** The sizes Graph serves a photo in (`photos/{size}/$value`). */
export const GRAPH_PHOTO_SIZES = ['48x48', '64x64', '96x96', '120x120', '240x240', '360x360', '432x432', '504x504', '648x648'] as const;

/** The largest body a photo upload may have before the emulator stops reading (Graph's own limit is the tenant's to judge). */
const UPLOAD_READ_LIMIT = 16 * 1024 * 1024;
const GRAPH_QUALITY = 75;

const ContentType = z
  .string({ error: 'expected image/jpeg or image/png' })
  .regex(/^image\/(jpeg|png|gif)\s*(;|$)/i, 'expected image/jpeg or image/png');
const PhotoSize = z.enum(GRAPH_PHOTO_SIZES, { error: `expected one of ${GRAPH_PHOTO_SIZES.join(', ')}` });
// Graph's sources are `cloud` and `onPremises` (and `unknownFutureValue`, which sets nothing here):
// the default, the contract's `unset`, is had back by DELETE, not by a value
const SettingsPatch = z.strictObject({
  source: z.enum(['cloud', 'onPremises']).nullable().optional(),
  allowedRoles: z.array(z.string().min(1)).nullable().optional(),
});

/**
 * Microsoft Graph at `/graph`: users, their mailbox photo (the `graph` surface; PUT and DELETE
 * change it through the simulated tenant's `via: graph`), and the tenant's photo update settings
 * (beta). App-only and delegated tokens are both taken.
 */
export function graphRoutes(router: Router, ctx: EmulatorContext): void {
  const admits: Admits = { audience: ctx.identity.resources.graph, apps: 'any' };
  const route = (
    method: 'GET' | 'PUT' | 'PATCH' | 'DELETE',
    path: string,
    handle: (req: EmulatorRequest, caller: Caller) => Promise<Reply>,
  ) =>
    router.add({
      method,
      path: `/graph${path}`,
      kind: 'service',
      style: graphErrors,
      handle: (req) => handle(req, authorize(req, ctx.identity, admits)),
    });

  route('GET', '/v1.0/users/:user', async (req) => {
    const user = userOf(ctx, req);
    return json(200, {
      '@odata.context': `${ctx.identity.resources.graph}/v1.0/$metadata#users/$entity`,
      id: user.objectId,
      userPrincipalName: user.upn,
      displayName: user.displayName,
      mail: user.upn,
    });
  });

  route('GET', '/v1.0/users/:user/photo', async (req, caller) => {
    const user = userOf(ctx, req);
    const photo = await shown(ctx, req, user, caller);
    const side = await ctx.renderer.largest(photo);
    return json(200, {
      '@odata.context': `${ctx.identity.resources.graph}/v1.0/$metadata#users('${user.objectId}')/photo/$entity`,
      '@odata.mediaContentType': 'image/jpeg',
      id: `${side}X${side}`,
      width: side,
      height: side,
    });
  });

  // beta serves the same photo as v1.0 (photosync reads it there in a batch beside the beta settings)
  for (const version of ['v1.0', 'beta'])
    route('GET', `/${version}/users/:user/photo/$value`, async (req, caller) => {
      const user = userOf(ctx, req);
      const photo = await shown(ctx, req, user, caller);
      return bytes('image/jpeg', await ctx.renderer.jpeg(photo, await ctx.renderer.largest(photo), GRAPH_QUALITY));
    });

  route('GET', '/v1.0/users/:user/photos/:size/$value', async (req, caller) => {
    const size = parseInput(req, 'path', z.object({ size: PhotoSize }), req.params).size;
    const user = userOf(ctx, req);
    const photo = await shown(ctx, req, user, caller);
    return bytes('image/jpeg', await ctx.renderer.jpeg(photo, Number(size.split('x')[0]), GRAPH_QUALITY));
  });

  route('PUT', '/v1.0/users/:user/photo/$value', async (req, caller) => {
    const user = userOf(ctx, req);
    parseInput(req, 'header', z.object({ 'content-type': ContentType }), req.headers);
    const image = await readImage(req, UPLOAD_READ_LIMIT);
    const photo = ctx.tenant.photos.put(image);
    const by = actorOf(caller);
    const outcome = await ctx.tenant.act({
      do: 'setPhoto',
      user: user.id,
      photo,
      via: 'graph',
      bytes: image.length,
      ...(by === user.id ? {} : { by }),
    });
    return outcomeReply(outcome, req.style, () => empty(200));
  });

  route('DELETE', '/v1.0/users/:user/photo/$value', async (req, caller) => {
    const user = userOf(ctx, req);
    const by = actorOf(caller);
    const outcome = await ctx.tenant.act({ do: 'removePhoto', user: user.id, via: 'graph', ...(by === user.id ? {} : { by }) });
    return outcomeReply(outcome, req.style, () => empty(204));
  });

  route('GET', '/beta/admin/people/photoUpdateSettings', async () => json(200, settingsJson(ctx)));

  route('DELETE', '/beta/admin/people/photoUpdateSettings', async (req) => {
    const outcome = await ctx.tenant.act({ do: 'setPhotoSettings', source: 'unset', allowedRoles: [] });
    return outcomeReply(outcome, req.style, () => empty(204));
  });

  route('PATCH', '/beta/admin/people/photoUpdateSettings', async (req) => {
    const patch = await jsonBody(req, SettingsPatch);
    const current = ctx.tenant.settings;
    const source = patch.source === undefined ? current.source : (patch.source ?? 'unset');
    const allowedRoles = patch.allowedRoles === undefined ? current.allowedRoles : (patch.allowedRoles ?? []);
    const outcome = await ctx.tenant.act({ do: 'setPhotoSettings', source, allowedRoles: [...allowedRoles] });
    return outcomeReply(outcome, req.style, () => json(200, settingsJson(ctx)));
  });
}

/** The test user the path names by object id or UPN, or 404 as Graph answers. */
function userOf(ctx: EmulatorContext, req: EmulatorRequest): DirectoryUser {
  const name = req.params['user']!;
  const user = ctx.tenant.directory.find(name);
  if (user === undefined) {
    throw new Refusal(
      req.style(
        404,
        'Request_ResourceNotFound',
        `Resource '${name}' does not exist or one of its queried reference-property objects are not present.`,
        'path.user',
      ),
    );
  }
  return user;
}

/** The photo the `graph` surface shows, or 404 ImageNotFound for none. */
async function shown(ctx: EmulatorContext, req: EmulatorRequest, user: DirectoryUser, caller: Caller): Promise<string> {
  const photo = await ctx.tenant.see('graph', user.id, viewerOf(caller, ctx.tenant.directory));
  if (photo === undefined) throw new Refusal(req.style(503, 'ServiceUnavailable', 'The mailbox could not be read.'));
  if (photo === NO_PHOTO) throw new Refusal(req.style(404, 'ImageNotFound', "The photo wasn't found: the user has no photo."));
  return photo;
}

function settingsJson(ctx: EmulatorContext): object {
  const { source, allowedRoles } = ctx.tenant.settings;
  return {
    '@odata.context': `${ctx.identity.resources.graph}/beta/$metadata#admin/people/photoUpdateSettings/$entity`,
    source: source === 'unset' ? null : source,
    allowedRoles,
  };
}

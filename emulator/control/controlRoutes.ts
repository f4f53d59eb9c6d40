import sharp from 'sharp';
import { z } from 'zod';
import { placeholder } from '../../adapters/live/photos/placeholders.js';
import { ADMIN, NO_PHOTO, SURFACE_STORE, SURFACES, type Action, type Surface } from '../../model/vocabulary.js';
import type { EmulatorContext } from '../EmulatorContext.js';
import type { EmulatorRequest } from '../http/EmulatorRequest.js';
import { graphErrors } from '../http/errorStyles.js';
import { jsonBody, parseInput, queryObject } from '../http/parseInput.js';
import { bytes, empty, json, Refusal, type Reply } from '../http/Reply.js';
import type { Router } from '../http/Router.js';
import { ActRequest, type OperatorAction } from './OperatorAction.js';

/** The size each surface shows a photo at, in pixels (a look's default). */
export const LOOK_PX: { readonly [S in Surface]: number } = {
  'sp-mysite': 300,
  delve: 300,
  'sp-search': 72,
  'sp-newsfeed': 48,
  'sp-people-picker': 48,
  'sp-search-hover': 96,
  'owa-contact-card': 96,
  'owa-email': 48,
  'owa-draft': 48,
  'outlook-desktop': 96,
  lync: 96,
  teams: 240,
  graph: 648,
  yammer: 48,
};

/** Surfaces that show nothing at all (no placeholder) for `none`: Lync for a signed-out subject, Graph's 404. */
const SHOW_NOTHING: ReadonlySet<Surface> = new Set(['lync', 'graph']);

const Advance = z.strictObject({
  ms: z
    .number()
    .nonnegative()
    .max(10 * 365 * 24 * 3600 * 1000),
});
const Look = z.looseObject({
  see: z.enum(SURFACES),
  user: z.string().min(1),
  viewer: z.string().min(1),
  size: z.coerce.number().int().min(1).max(1024).optional(),
});
const SignIn = z.strictObject({ userCode: z.string().min(1), upn: z.string().min(1), decline: z.boolean().optional() });
const TEST_PHOTO = /^p(0|[1-9]\d{0,2})$/;

/**
 * The emulator's own endpoints at `/_emulator`, which a real tenant does not have: the virtual
 * clock (which moves only when advanced here), the scripted operator's steps that have no API
 * (`operator/act`) and looks at any surface (`operator/look`), and the device code sign-in.
 */
export function controlRoutes(router: Router, ctx: EmulatorContext): void {
  const route = (method: 'GET' | 'POST', path: string, handle: (req: EmulatorRequest) => Promise<Reply>) =>
    router.add({ method, path: `/_emulator${path}`, kind: 'control', style: graphErrors, handle });
  const clock = () => json(200, { now: new Date(ctx.tenant.now()).toISOString() });

  route('GET', '/clock', async () => clock());

  route('POST', '/clock/advance', async (req) => {
    const { ms } = await jsonBody(req, Advance);
    await ctx.tenant.advance(ms);
    return clock();
  });

  route('POST', '/operator/act', async (req) => {
    const body = await jsonBody(req, ActRequest, 16 * 1024 * 1024);
    const action = await resolve(ctx, req, body.action, body.photoBase64);
    const outcome = await ctx.tenant.act(action);
    return json(200, outcome.status === 'ok' ? { status: 'ok' } : { status: outcome.status, reason: outcome.reason });
  });

  route('GET', '/operator/look', async (req) => {
    const q = parseInput(req, 'query', Look, queryObject(req.query));
    const user = named(ctx, req, q.user, 'query.user');
    const viewer = named(ctx, req, q.viewer, 'query.viewer');
    if (!ctx.tenant.has(q.see))
      throw new Refusal(req.style(404, 'SurfaceNotAvailable', `query.see: this tenant has no ${q.see}`, 'query.see'));
    const photo = await ctx.tenant.see(q.see, user, viewer);
    if (photo === undefined) throw new Refusal(req.style(503, 'ServiceUnavailable', `${q.see} could not be read`));
    const size = q.size ?? LOOK_PX[q.see];
    if (photo !== NO_PHOTO) return bytes('image/jpeg', await ctx.renderer.jpeg(photo, size, qualityOf(q.see)));
    if (SHOW_NOTHING.has(q.see)) return empty(204);
    const store = SURFACE_STORE[q.see];
    return bytes('image/png', await placeholder(store === 'sharepoint' ? 'sharepoint' : store === 'yammer' ? 'yammer' : 'outlook', size));
  });

  route('POST', '/signin', async (req) => {
    const body = await jsonBody(req, SignIn);
    const user = named(ctx, req, body.upn, 'body.upn');
    const answered = ctx.identity.deviceCodes.answer(body.userCode, body.decline === true ? 'decline' : { userId: user });
    if (!answered)
      throw new Refusal(req.style(404, 'NotFound', `body.userCode: no sign-in waits for the code ${body.userCode}`, 'body.userCode'));
    return json(200, { status: body.decline === true ? 'declined' : 'approved' });
  });
}

/** The test user a trace id or UPN names, as a trace id; 400 naming `field` for anyone else. */
function named(ctx: EmulatorContext, req: EmulatorRequest, name: string, field: string): string {
  const user = ctx.tenant.directory.named(name);
  if (user === undefined) throw new Refusal(req.style(400, 'BadRequest', `${field}: no test user ${name} in this tenant`, field));
  return user.id;
}

/** The operator's action in the tenant's terms: users as trace ids, a setPhoto's photo as the id of its uploaded bytes. */
async function resolve(ctx: EmulatorContext, req: EmulatorRequest, a: OperatorAction, photoBase64: string | undefined): Promise<Action> {
  const by = (b: string | undefined) => (b === undefined || b === ADMIN ? b : named(ctx, req, b, 'body.action.by'));
  switch (a.do) {
    case 'setPhoto': {
      const user = named(ctx, req, a.user, 'body.action.user');
      let photo: string;
      let size: number | undefined;
      if (photoBase64 !== undefined) {
        const image = Buffer.from(photoBase64, 'base64');
        await checkImage(req, image);
        photo = ctx.tenant.photos.put(image);
        size = image.length;
      } else if (a.photo !== undefined && (TEST_PHOTO.test(a.photo) || ctx.tenant.photos.get(a.photo) !== undefined)) {
        photo = a.photo;
        size = a.bytes;
      } else {
        throw new Refusal(req.style(400, 'BadRequest', 'body.photoBase64: a setPhoto needs the photo, base64-encoded', 'body.photoBase64'));
      }
      const b = by(a.by);
      return {
        do: 'setPhoto',
        user,
        photo,
        via: a.via,
        ...(b === undefined ? {} : { by: b }),
        ...(size === undefined ? {} : { bytes: size }),
      };
    }
    case 'removePhoto': {
      const b = by(a.by);
      return { do: 'removePhoto', user: named(ctx, req, a.user, 'body.action.user'), via: a.via, ...(b === undefined ? {} : { by: b }) };
    }
    case 'visitMySite':
    case 'editCancel':
    case 'lyncSignIn':
    case 'lyncSignOut':
    case 'openYammer':
      return { do: a.do, user: named(ctx, req, a.user, 'body.action.user') };
    case 'setPolicy':
      return { do: 'setPolicy', user: named(ctx, req, a.user, 'body.action.user'), setPhotoEnabled: a.setPhotoEnabled };
    case 'restartClient':
      return { do: 'restartClient', viewer: named(ctx, req, a.viewer, 'body.action.viewer'), client: a.client };
    case 'clearBrowserCache':
      return { do: 'clearBrowserCache', viewer: named(ctx, req, a.viewer, 'body.action.viewer') };
    case 'wait':
      return { do: 'wait', ms: a.ms };
    case 'setPhotoSettings':
      return { do: 'setPhotoSettings', source: a.source, allowedRoles: [...(a.allowedRoles ?? [])] };
  }
}

async function checkImage(req: EmulatorRequest, image: Buffer): Promise<void> {
  const format = await sharp(image)
    .metadata()
    .then((m) => m.format)
    .catch(() => undefined);
  if (format !== 'jpeg' && format !== 'png' && format !== 'gif') {
    throw new Refusal(req.style(400, 'ImageNotValid', 'body.photoBase64: not a JPEG, PNG or GIF image', 'body.photoBase64'));
  }
}

function qualityOf(surface: Surface): number {
  const store = SURFACE_STORE[surface];
  return store === 'sharepoint' ? 60 : store === 'yammer' ? 80 : 75;
}

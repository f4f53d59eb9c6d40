import sharp from 'sharp';
import { z } from 'zod';
import { NO_PHOTO } from '../../model/vocabulary.js';
import { placeholder } from '../../adapters/live/photos/placeholders.js';
import type { EmulatorContext } from '../EmulatorContext.js';
import type { EmulatorRequest } from '../http/EmulatorRequest.js';
import { graphErrors } from '../http/errorStyles.js';
import { parseInput, queryObject } from '../http/parseInput.js';
import { bytes, json, Refusal, type Reply } from '../http/Reply.js';
import type { Router } from '../http/Router.js';
import { authorize } from '../identity/authorize.js';

/** Viva Engage's own mugshot size, in pixels. */
export const MUGSHOT_PX = 48;

const YAMMER_QUALITY = 80;
const NO_PHOTO_KEY = 'no_photo.png';
const MAX_MUGSHOT_PX = 1024;

const ByEmailQuery = z.looseObject({ email: z.email({ error: 'expected the email address of a user' }) });
const MugshotPath = z.object({
  dims: z
    .string()
    .regex(/^[1-9]\d{0,3}x[1-9]\d{0,3}$/, 'expected WIDTHxHEIGHT in pixels, such as 48x48')
    .refine((d) => d.split('x').every((n) => Number(n) <= MAX_MUGSHOT_PX), `expected at most ${MAX_MUGSHOT_PX} pixels a side`),
  key: z.string().min(1),
});

/**
 * Viva Engage at `/yammer`: `users/by_email.json` (a list of one user, as the REST API answers,
 * with `mugshot_url` and its template) for a signed-in user only, and the mugshot images the URLs
 * point to (no token needed, as on Viva Engage's CDN). The photo is the simulated tenant's `yammer`
 * surface; a user with none gets the default mugshot URL (`no_photo`).
 */
export function yammerRoutes(router: Router, ctx: EmulatorContext): void {
  const route = (path: string, handle: (req: EmulatorRequest) => Promise<Reply>) =>
    router.add({ method: 'GET', path: `/yammer${path}`, kind: 'service', style: graphErrors, handle });
  const base = `${ctx.identity.resources.yammer}/mugshot/images`;

  route('/api/v1/users/by_email.json', async (req) => {
    const caller = authorize(req, ctx.identity, {
      audience: ctx.identity.resources.yammer,
      apps: 'none',
      appRefusal: 'Viva Engage takes only the token of a signed-in user: app-only tokens are not supported.',
    });
    const { email } = parseInput(req, 'query', ByEmailQuery, queryObject(req.query));
    const user = ctx.tenant.directory.find(email);
    if (user === undefined) throw new Refusal(req.style(404, 'NotFound', `No user has the email address ${email}.`, 'query.email'));
    const viewer = caller.kind === 'user' ? caller.user.id : user.id;
    const photo = await ctx.tenant.see('yammer', user.id, viewer);
    if (photo === undefined) throw new Refusal(req.style(503, 'ServiceUnavailable', 'Viva Engage could not read the profile.'));
    const key = photo === NO_PHOTO ? NO_PHOTO_KEY : ctx.mugshots.keyOf(photo);
    const index = ctx.tenant.directory.users.indexOf(user);
    return json(200, [
      {
        type: 'user',
        id: 1_500_000_000 + index,
        network_id: 1_000_000,
        state: 'active',
        email: user.upn,
        full_name: user.displayName,
        name: user.id,
        mugshot_url: `${base}/${MUGSHOT_PX}x${MUGSHOT_PX}/${key}`,
        mugshot_url_template: `${base}/{width}x{height}/${key}`,
        web_url: `${ctx.identity.resources.yammer}/users/${user.id}`,
      },
    ]);
  });

  route('/mugshot/images/:dims/:key', async (req) => {
    const { dims, key } = parseInput(req, 'path', MugshotPath, req.params);
    const [width, height] = dims.split('x').map(Number) as [number, number];
    const side = Math.max(width, height);
    if (key === NO_PHOTO_KEY) return bytes('image/png', await fit(await placeholder('yammer', side), width, height, 'png'));
    const photo = ctx.mugshots.photoOf(key);
    if (photo === undefined) throw new Refusal(req.style(404, 'NotFound', 'No such mugshot.', 'path.key'));
    return bytes('image/jpeg', await fit(await ctx.renderer.jpeg(photo, side, YAMMER_QUALITY), width, height, 'jpeg'));
  });
}

/** A square image cut to `width` × `height` (unchanged when square). */
async function fit(image: Buffer, width: number, height: number, format: 'png' | 'jpeg'): Promise<Buffer> {
  if (width === height) return image;
  const resized = sharp(image).resize(width, height, { fit: 'cover' });
  return format === 'png' ? resized.png().toBuffer() : resized.jpeg({ quality: YAMMER_QUALITY }).toBuffer();
}

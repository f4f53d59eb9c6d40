import sharp, { type KernelEnum, type Sharp } from 'sharp';
import { Prng } from '../../../bench/Prng.js';
import { TestPhotoSet } from './TestPhotoSet.js';

/** An image that is no test photo of the set under test (nor a placeholder), named for a failing test's message. */
export type ForeignImage = { readonly name: string; readonly bytes: Buffer };

/** The Graph sizes and SharePoint's S, M and L: every size a service shows a photo at (px). */
export const SERVICE_SIZES: readonly number[] = [48, 64, 72, 96, 120, 240, 300, 360, 432, 504, 648];

/** A square image as a service serves it: `bytes` cropped to the centre, resized to `size` and re-encoded (JPEG of `quality`, or PNG). */
export async function asServed(
  bytes: Buffer,
  size: number,
  quality: number | 'png',
  kernel: keyof KernelEnum = 'lanczos3',
): Promise<Buffer> {
  const resized = sharp(bytes).resize(size, size, { fit: 'cover', kernel }).flatten({ background: '#ffffff' });
  return quality === 'png' ? resized.png().toBuffer() : resized.jpeg({ quality }).toBuffer();
}

const hex = (rng: Prng): string => `#${rng.int(0x1000000).toString(16).padStart(6, '0')}`;
const raw = (pixels: Uint8Array, size: number): Sharp => sharp(pixels, { raw: { width: size, height: size, channels: 3 } });
/** the 648 px `image` shrunk and framed by `width` px of `colour`, back at 648 px */
const framed = (image: Sharp, width: number, colour: string): Sharp =>
  image.resize(648 - 2 * width).extend({ top: width, bottom: width, left: width, right: width, background: colour });
const svg = (size: number, body: string): Buffer =>
  Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 100 100">${body}</svg>`);

/**
 * Test helper: 147 images that must not pass for a photo of the default set (nor for a placeholder),
 * the same on every call: noise, gradients, solid colours, shapes, grids of random colours, another
 * set's photos, and this set's photos turned, mirrored, inverted, greyed, shifted a block, cropped by
 * 15% or framed by 5% or more (a crop of 2% still passes for the photo, as a service's trim should).
 */
export async function foreignImages(seed = 2014): Promise<ForeignImage[]> {
  const rng = new Prng(seed);
  const out: ForeignImage[] = [];
  const add = async (name: string, image: Sharp | Promise<Buffer>): Promise<void> => {
    // mostly JPEG, as the services serve; now and then PNG
    const encoded = (drawn: Sharp): Promise<Buffer> =>
      (rng.chance(0.25) ? drawn.png() : drawn.jpeg({ quality: rng.pick([40, 60, 90]) })).toBuffer();
    const bytes = image instanceof Promise ? await image : await encoded(image);
    out.push({ name, bytes });
  };

  for (let i = 0; i < 12; i++) {
    const size = rng.pick([48, 96, 300]);
    const pixels = Uint8Array.from({ length: size * size * 3 }, () => rng.int(256));
    await add(`noise ${i} at ${size} px`, raw(pixels, size));
  }
  for (let i = 0; i < 6; i++) {
    // noise of one hue, lighter and darker: no block structure yet a colour the photos have
    const size = 96;
    const base = [rng.int(256), rng.int(256), rng.int(256)];
    const pixels = Uint8Array.from({ length: size * size * 3 }, (_, k) => Math.max(0, Math.min(255, base[k % 3]! + rng.between(-40, 40))));
    await add(`tinted noise ${i}`, raw(pixels, size));
  }
  for (let i = 0; i < 16; i++) {
    const [from, to] = [hex(rng), hex(rng)];
    const body =
      i % 4 === 3
        ? `<defs><radialGradient id="g"><stop offset="0" stop-color="${from}"/><stop offset="1" stop-color="${to}"/></radialGradient></defs><rect width="100" height="100" fill="url(#g)"/>`
        : `<defs><linearGradient id="g" x2="${i % 4 === 1 ? 0 : 1}" y2="${i % 4 === 0 ? 0 : 1}"><stop offset="0" stop-color="${from}"/><stop offset="1" stop-color="${to}"/></linearGradient></defs><rect width="100" height="100" fill="url(#g)"/>`;
    await add(`gradient ${i} ${from}→${to}`, sharp(svg(rng.pick([64, 240, 648]), body)));
  }
  const solids = [
    '#ffffff',
    '#000000',
    '#808080',
    '#eaeaea',
    '#e1dfdd',
    '#c5d2e0',
    '#a6a6a6',
    '#e6194b',
    '#3cb44b',
    '#4363d8',
    '#ffe119',
    '#f58231',
  ];
  for (const colour of [...solids, hex(rng), hex(rng), hex(rng), hex(rng)]) {
    await add(`solid ${colour}`, sharp({ create: { width: 96, height: 96, channels: 3, background: colour } }));
  }
  for (let i = 0; i < 16; i++) {
    const shapes = Array.from({ length: rng.between(1, 4) }, () => {
      const [x, y, r] = [rng.between(10, 90), rng.between(10, 90), rng.between(8, 40)];
      return rng.chance(0.5)
        ? `<circle cx="${x}" cy="${y}" r="${r}" fill="${hex(rng)}"/>`
        : `<rect x="${x - r}" y="${y - r}" width="${2 * r}" height="${r * rng.between(1, 2)}" fill="${hex(rng)}"/>`;
    }).join('');
    await add(`shapes ${i}`, sharp(svg(rng.pick([72, 120, 360]), `<rect width="100" height="100" fill="${hex(rng)}"/>${shapes}`)));
  }
  for (let i = 0; i < 4; i++) {
    // a face-like drawing: a round head on a plain ground, as a real user's photo might look at 48 px
    const body = `<rect width="100" height="100" fill="${hex(rng)}"/><ellipse cx="50" cy="45" rx="22" ry="28" fill="${hex(rng)}"/><ellipse cx="50" cy="105" rx="40" ry="35" fill="${hex(rng)}"/>`;
    await add(`portrait ${i}`, sharp(svg(rng.pick([48, 96, 648]), body)));
  }
  for (let i = 0; i < 12; i++) {
    // coarse grids of random colours, the closest an unrelated picture comes to a test photo
    const blocks = rng.pick([4, 5, 6, 8]);
    const cells = Array.from({ length: blocks * blocks }, (_, k) => {
      const [x, y] = [k % blocks, Math.floor(k / blocks)];
      return `<rect x="${(x * 100) / blocks}" y="${(y * 100) / blocks}" width="${100 / blocks + 0.5}" height="${100 / blocks + 0.5}" fill="${hex(rng)}"/>`;
    }).join('');
    await add(`random ${blocks}×${blocks} grid ${i}`, sharp(svg(rng.pick([48, 240, 648]), cells)));
  }

  const other = new TestPhotoSet('photosync-2013');
  for (const id of other.ids(32)) {
    const size = rng.pick([48, 96, 240, 648]);
    await add(`${id} of set ${other.name} at ${size} px`, other.image(id, { size, quality: rng.pick([40, 60, 90]) }));
  }

  const own = new TestPhotoSet();
  const changes: readonly [string, (image: Sharp) => Sharp][] = [
    ['turned a quarter', (image) => image.rotate(90)],
    ['turned half', (image) => image.rotate(180)],
    ['mirrored', (image) => image.flop()],
    ['upside down', (image) => image.flip()],
    ['inverted', (image) => image.negate()],
    ['in grey', (image) => image.greyscale()],
    // one block's width cut off the left: every column of blocks moves over by one
    ['shifted a block', (image) => image.extract({ left: 108, top: 0, width: 540, height: 540 })],
    ['cropped by 15% all round', (image) => image.extract({ left: 97, top: 97, width: 454, height: 454 })],
    ['framed by a white block', (image) => framed(image, 108, '#ffffff')],
    ['framed by 5% of black', (image) => framed(image, 32, '#000000')],
    ['framed by 5% of light grey', (image) => framed(image, 32, '#eaeaea')],
  ];
  for (const [i, [change, apply]] of changes.entries()) {
    for (const id of ['p0', 'p7', `p${8 + i}`]) {
      // changed first, then resized as a service would: one sharp pipeline resizes only once
      const changed = await apply(sharp(await own.image(id)))
        .png()
        .toBuffer();
      await add(`${id} ${change}`, sharp(changed).resize(rng.pick([48, 96, 300])));
    }
  }
  return out;
}

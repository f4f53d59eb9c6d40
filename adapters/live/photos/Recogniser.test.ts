import fc from 'fast-check';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { asServed, foreignImages, SERVICE_SIZES, type ForeignImage } from './foreignImages.testkit.js';
import { placeholder, type PlaceholderService } from './placeholders.js';
import { MAX_DISTANCE, MIN_MARGIN, Recogniser, type Recognition } from './Recogniser.js';
import { TestPhotoSet } from './TestPhotoSet.js';

const set = new TestPhotoSet();
const COUNT = 32;
const QUALITIES = [90, 60, 40, 'png'] as const;
const SERVICES: readonly PlaceholderService[] = ['sharepoint', 'yammer', 'outlook'];

// headroom the tests hold the thresholds to, so a small drift (another sharp, another encoder) shows here first
const GENUINE_AT_MOST = 0.7 * MAX_DISTANCE;
const FOREIGN_AT_LEAST = 1.2 * MAX_DISTANCE;

let recogniser: Recogniser;
let foreign: ForeignImage[];
beforeAll(async () => {
  [recogniser, foreign] = await Promise.all([Recogniser.create({ set, count: COUNT }), foreignImages()]);
});

/** expects `r` to name `photo` clearly: well within the threshold and well ahead of the next answer */
function expectClearly(r: Recognition, photo: string, what: string): void {
  expect(r.photo, what).toBe(photo);
  expect(r.distance, what).toBeLessThanOrEqual(GENUINE_AT_MOST);
  expect(r.margin, what).toBeGreaterThanOrEqual(2 * MIN_MARGIN);
}

describe('Recogniser', () => {
  describe.each(set.ids(16))('test photo %s', (id) => {
    it('is recognised at every size a service shows, as JPEG q90, q60, q40 and PNG', async () => {
      // one size's four renderings at a time: sharp works them on its own threads
      for (const size of SERVICE_SIZES) {
        await Promise.all(
          QUALITIES.map(async (quality) => {
            const bytes = await set.image(id, quality === 'png' ? { size, format: 'png' } : { size, quality });
            expectClearly(await recogniser.recognise(bytes), id, `${id} at ${size} px, ${quality}`);
          }),
        );
      }
    });

    it('is recognised at every size once a service has resized the upload and re-encoded it at q40', async () => {
      const upload = await set.image(id);
      await Promise.all(
        SERVICE_SIZES.map(async (size) =>
          expectClearly(await recogniser.recognise(await asServed(upload, size, 40, 'cubic')), id, `${id} served at ${size} px`),
        ),
      );
    });
  });

  it('recognises every service placeholder as none at 48, 72, 96, 300 and 648 px, as drawn and re-encoded', async () => {
    for (const service of SERVICES) {
      for (const size of [48, 72, 96, 300, 648]) {
        expectClearly(await recogniser.recognise(await placeholder(service, size)), 'none', `${service} at ${size} px`);
        const served = await asServed(await placeholder(service, 648), size, 40);
        expectClearly(await recogniser.recognise(served), 'none', `${service} served at ${size} px, q40`);
      }
    }
  });

  it('matches none of over 100 foreign images, each well beyond the threshold', async () => {
    expect(foreign.length).toBeGreaterThanOrEqual(100);
    for (const { name, bytes } of foreign) {
      const r = await recogniser.recognise(bytes);
      expect(r.photo, name).toBe('unrecognized');
      expect(r.distance, name).toBeGreaterThanOrEqual(FOREIGN_AT_LEAST);
    }
  });

  it('does not take another set’s photo for this set’s photo of the same id', async () => {
    const earlier = new TestPhotoSet('campaign-2023');
    for (const id of set.ids(COUNT))
      expect((await recogniser.recognise(await earlier.image(id, { size: 96 }))).photo, id).toBe('unrecognized');
  });

  it('answers unrecognized with an infinite distance for bytes that are no image, and never throws', async () => {
    const jpeg = await set.image('p1');
    const png = await set.image('p1', { format: 'png' });
    const junk = [
      Buffer.alloc(0),
      Buffer.from('not an image'),
      Buffer.from('<html><body>Sign in to your account</body></html>'),
      Buffer.from('{"error":{"code":"ImageNotFound"}}'),
      Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]),
      jpeg.subarray(0, jpeg.length >> 1),
      png.subarray(0, png.length >> 1),
      Buffer.alloc(4096, 0xff),
    ];
    for (const bytes of junk) {
      expect(await recogniser.recognise(bytes)).toEqual({ photo: 'unrecognized', distance: Number.POSITIVE_INFINITY, margin: 0 });
    }
  });

  it('reads WebP, GIF, TIFF, AVIF, CMYK JPEG and a JPEG followed by padding', async () => {
    const upload = await set.image('p9');
    const small = sharp(upload).resize(96);
    const images: readonly (readonly [string, Buffer])[] = [
      ['webp', await small.clone().webp({ quality: 40 }).toBuffer()],
      ['gif', await small.clone().gif().toBuffer()],
      ['tiff', await small.clone().tiff().toBuffer()],
      ['avif', await small.clone().avif({ quality: 40 }).toBuffer()],
      ['cmyk', await small.clone().toColourspace('cmyk').jpeg().toBuffer()],
      ['padded', Buffer.concat([await set.image('p9', { size: 96 }), Buffer.alloc(5000)])],
    ];
    for (const [format, bytes] of images) expectClearly(await recogniser.recognise(bytes), 'p9', format);
  });

  it('still recognises a photo trimmed by 2%, and not one cropped by 15%', async () => {
    const upload = await set.image('p2');
    const trimmed = await sharp(upload).extract({ left: 13, top: 13, width: 622, height: 622 }).png().toBuffer();
    expect((await recogniser.recognise(await asServed(trimmed, 96, 60))).photo).toBe('p2');
    const cropped = await sharp(upload).extract({ left: 97, top: 97, width: 454, height: 454 }).png().toBuffer();
    expect((await recogniser.recognise(await asServed(cropped, 96, 60))).photo).toBe('unrecognized');
  });

  it('does not read the plate: a photo with its text missing or in another font is still itself', async () => {
    const [left, top, width, height] = [108, 216, 432, 216]; // PHOTO_PLATE at 648 px
    const plate = (text: string): Buffer =>
      Buffer.from(
        `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="${width}" height="${height}" fill="#fff"/>` +
          `<text x="20" y="150" font-family="DejaVu Serif" font-style="italic" font-size="150" fill="#000">${text}</text></svg>`,
      );
    for (const text of ['', 'p12', 'WWW']) {
      const bytes = await sharp(await set.image('p12'))
        .composite([{ input: plate(text), left, top }])
        .jpeg({ quality: 60 })
        .toBuffer();
      expectClearly(await recogniser.recognise(await asServed(bytes, 72, 60)), 'p12', `plate "${text}"`);
    }
  });

  it('recognises only the first count photos of its set', async () => {
    const few = await Recogniser.create({ set, count: 4 });
    expect((await few.recognise(await set.image('p3', { size: 96 }))).photo).toBe('p3');
    expect((await few.recognise(await set.image('p4', { size: 96 }))).photo).toBe('unrecognized');
  });

  it('recognises a placeholder captured from a tenant as none once given it, and not before', async () => {
    const initials = (size: number): Promise<Buffer> =>
      sharp({ create: { width: size, height: size, channels: 3, background: '#038387' } })
        .composite([
          {
            input: Buffer.from(
              `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}"><circle cx="${size / 2}" cy="${size / 2}" r="${size / 4}" fill="#ffffff"/></svg>`,
            ),
          },
        ])
        .jpeg({ quality: 80 })
        .toBuffer();
    const captured = await Recogniser.create({ set, count: 4, placeholders: [await initials(300)] });
    expect((await captured.recognise(await asServed(await initials(300), 72, 40))).photo).toBe('none');
    expect((await recogniser.recognise(await asServed(await initials(300), 72, 40))).photo).toBe('unrecognized');
    expect((await captured.recognise(await set.image('p1', { size: 72 }))).photo).toBe('p1');
  });

  it('refuses to be built on a placeholder that is no image', async () => {
    await expect(Recogniser.create({ set, count: 1, placeholders: [Buffer.from('<html/>')] })).rejects.toThrow(TypeError);
  });

  it('gives the same answer for the same bytes, from the same or another recogniser', async () => {
    const other = await Recogniser.create({ set: new TestPhotoSet(), count: COUNT });
    for (const bytes of [await set.image('p7', { size: 64, quality: 40 }), await placeholder('yammer', 48), foreign[0]!.bytes]) {
      const r = await recogniser.recognise(bytes);
      expect(await recogniser.recognise(bytes)).toEqual(r);
      expect(await other.recognise(bytes)).toEqual(r);
    }
  });

  it('recognises any photo of the set at any size from 48 to 648 px and JPEG quality from 40 to 95 (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: COUNT - 1 }),
        fc.integer({ min: 48, max: 648 }),
        fc.integer({ min: 40, max: 95 }),
        fc.boolean(),
        async (n, size, quality, served) => {
          const id = `p${n}`;
          const bytes = served ? await asServed(await set.image(id), size, quality) : await set.image(id, { size, quality });
          const r = await recogniser.recognise(bytes);
          return r.photo === id && r.distance <= GENUINE_AT_MOST;
        },
      ),
      { numRuns: 60 },
    );
  });
});

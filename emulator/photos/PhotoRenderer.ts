import sharp from 'sharp';
import type { Photo } from '../../model/vocabulary.js';
import type { PhotoStore } from './PhotoStore.js';

/** Where the photos the tenant holds without an upload come from: a test photo set (`TestPhotoSet`). */
export type TestPhotos = {
  image(id: string, options: { size: number; format: 'jpeg'; quality: number }): Promise<Buffer>;
};

/** The largest photo Exchange keeps, and so Graph's `photo/$value` (px). */
export const LARGEST_PHOTO = 648;

const CACHE_ENTRIES = 256;
const SMALLEST_TEST_PHOTO = 16;

/**
 * Renders a photo the tenant shows as a square JPEG of the asked size: an upload's bytes resized
 * (cropped to the centre, as Exchange and SharePoint crop) and re-encoded, or a test photo of the
 * default set. Invariant: the same photo, size and quality give the same bytes; `none` is not a
 * photo (callers show a placeholder or nothing).
 */
export class PhotoRenderer {
  private readonly cache = new Map<string, Promise<Buffer>>();

  constructor(
    private readonly store: PhotoStore,
    private readonly testPhotos: TestPhotos,
  ) {}

  /** `photo` as a `size` × `size` JPEG of `quality`. */
  jpeg(photo: Photo, size: number, quality: number): Promise<Buffer> {
    const key = `${photo}/${size}/${quality}`;
    let rendered = this.cache.get(key);
    if (rendered === undefined) {
      rendered = this.render(photo, size, quality);
      rendered.catch(() => this.cache.delete(key));
      if (this.cache.size >= CACHE_ENTRIES) this.cache.delete(this.cache.keys().next().value!);
      this.cache.set(key, rendered);
    }
    return rendered;
  }

  /** The side of the largest square the service keeps of `photo`: the upload's shorter side, at most 648 px. */
  async largest(photo: Photo): Promise<number> {
    const bytes = this.store.get(photo);
    if (bytes === undefined) return LARGEST_PHOTO;
    const { width = LARGEST_PHOTO, height = LARGEST_PHOTO } = await sharp(bytes).metadata();
    return Math.max(1, Math.min(LARGEST_PHOTO, width, height));
  }

  private async render(photo: Photo, size: number, quality: number): Promise<Buffer> {
    const bytes = this.store.get(photo);
    if (bytes === undefined) {
      // test photos are drawn at 16 px and more
      const drawn = await this.testPhotos.image(photo, { size: Math.max(size, SMALLEST_TEST_PHOTO), format: 'jpeg', quality });
      return size >= SMALLEST_TEST_PHOTO ? drawn : sharp(drawn).resize(size, size).jpeg({ quality }).toBuffer();
    }
    return sharp(bytes).rotate().resize(size, size, { fit: 'cover' }).flatten({ background: '#ffffff' }).jpeg({ quality }).toBuffer();
  }
}

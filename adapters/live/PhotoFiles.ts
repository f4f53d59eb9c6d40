import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TestPhotoSet } from './photos/TestPhotoSet.js';

/** A test photo as uploaded: its bytes, and the file an operator uploads. */
export type PhotoFile = { readonly path: string; readonly bytes: Buffer };

/** Sizes and qualities tried, largest first, for a photo that must fit in a number of bytes. */
const FITS: readonly { size: number; quality: number }[] = [
  { size: 648, quality: 90 },
  { size: 300, quality: 80 },
  { size: 96, quality: 70 },
  { size: 48, quality: 60 },
  { size: 48, quality: 40 },
];

/**
 * The most bytes an upload may have when no size is asked. A trace records a size only where the
 * step asked for one, and the model takes a write whose size is not recorded to be within Exchange's
 * 10,240-byte limit (AD-SIZE, ADMIN-SIZE): an upload larger than that, on a path with a size rule,
 * would be refused by the tenant and reported as a divergence the trace cannot explain.
 */
export const UNSIZED_MAX_BYTES = 10_240;

/** A photo that cannot be made as asked: the step is `unknown`, not a verdict. */
export class PhotoSizeError extends Error {
  readonly code = 'PHOTOSYNC_PHOTO_SIZE';
  constructor(message: string) {
    super(message);
    this.name = 'PhotoSizeError';
  }
}

/**
 * The test photos on disk, for uploads and for an operator to compare with. A photo of a given
 * byte count (a size rule's boundary) is the largest rendering that fits, padded after its end,
 * which every decoder ignores; one of no given count is the largest rendering within
 * `UNSIZED_MAX_BYTES`. Invariant: the same id and byte count give the same bytes.
 */
export class PhotoFiles {
  private written: string | undefined;

  constructor(
    private readonly set: TestPhotoSet,
    private readonly dir: string,
    private readonly count: number,
  ) {}

  async bytes(id: string, bytes?: number): Promise<Buffer> {
    if (bytes === undefined) return this.fitting(id, UNSIZED_MAX_BYTES);
    const image = await this.fitting(id, bytes);
    return Buffer.concat([image, Buffer.alloc(bytes - image.length)]);
  }

  // the largest rendering of `id` of at most `bytes` bytes
  private async fitting(id: string, bytes: number): Promise<Buffer> {
    for (const fit of FITS) {
      const image = await this.set.image(id, { ...fit, format: 'jpeg' });
      if (image.length <= bytes) return image;
    }
    throw new PhotoSizeError(`no rendering of ${id} fits in ${bytes} bytes`);
  }

  async file(id: string, bytes?: number): Promise<PhotoFile> {
    const data = await this.bytes(id, bytes);
    await mkdir(this.dir, { recursive: true });
    const path = join(this.dir, bytes === undefined ? `${id}.jpg` : `${id}-${bytes}.jpg`);
    await writeFile(path, data);
    return { path, bytes: data };
  }

  /** A test photo as a small image for a report: a data: URI of a 48-pixel JPEG. */
  async thumbnail(id: string): Promise<string> {
    const small = await this.set.image(id, { size: 48, format: 'jpeg', quality: 80 });
    return `data:image/jpeg;base64,${small.toString('base64')}`;
  }

  /** The folder holding every test photo, written once. */
  async folder(): Promise<string> {
    if (this.written === undefined) {
      await mkdir(this.dir, { recursive: true });
      for (const id of this.set.ids(this.count)) await writeFile(join(this.dir, `${id}.jpg`), await this.set.image(id));
      this.written = this.dir;
    }
    return this.written;
  }
}

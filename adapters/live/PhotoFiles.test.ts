import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { PhotoFiles, PhotoSizeError, UNSIZED_MAX_BYTES } from './PhotoFiles.js';
import { TestPhotoSet } from './photos/TestPhotoSet.js';

describe('PhotoFiles', () => {
  const set = new TestPhotoSet();
  const dirs: string[] = [];
  const files = async (): Promise<PhotoFiles> => {
    const dir = await mkdtemp(join(tmpdir(), 'photosync-photos-'));
    dirs.push(dir);
    return new PhotoFiles(set, dir, 8);
  };
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  // a trace records no size where none was asked, and the model then takes the write to be within
  // Exchange's limit: an upload over it would be refused on the size rules' paths (AD, others' Set-UserPhoto)
  it('uploads, where no size is asked, a JPEG within the size a trace without one stands for', async () => {
    const photos = await files();
    for (const id of set.ids(24)) {
      const bytes = await photos.bytes(id);
      expect(bytes.length).toBeLessThanOrEqual(UNSIZED_MAX_BYTES);
      const meta = await sharp(bytes).metadata();
      expect(meta.format).toBe('jpeg');
      // not the smallest rendering either: an operator compares it by eye
      expect(meta.width).toBeGreaterThanOrEqual(96);
    }
  });

  it('gives the very byte count asked, and the same bytes for the same id and count', async () => {
    const photos = await files();
    for (const n of [UNSIZED_MAX_BYTES, UNSIZED_MAX_BYTES + 1, 4_000]) {
      const once = await photos.bytes('p3', n);
      expect(once.length).toBe(n);
      expect((await photos.bytes('p3', n)).equals(once)).toBe(true);
    }
    expect((await photos.bytes('p3')).equals(await photos.bytes('p3'))).toBe(true);
  });

  it('writes the file an operator uploads with the bytes an API upload sends', async () => {
    const photos = await files();
    const file = await photos.file('p5');
    expect((await readFile(file.path)).equals(await photos.bytes('p5'))).toBe(true);
    expect(file.bytes.length).toBeLessThanOrEqual(UNSIZED_MAX_BYTES);
  });

  it('refuses a byte count no rendering fits in with a PhotoSizeError', async () => {
    await expect((await files()).bytes('p1', 100)).rejects.toThrow(PhotoSizeError);
  });
});

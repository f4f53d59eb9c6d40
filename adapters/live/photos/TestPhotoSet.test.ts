import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { MAX_PHOTOS, PHOTO_GRID, PHOTO_PLATE, TestPhotoSet, type TestPhotoOptions } from './TestPhotoSet.js';

describe('TestPhotoSet', () => {
  const set = new TestPhotoSet();

  it('names its photos p0, p1, ... up to p255', () => {
    expect(set.ids(4)).toEqual(['p0', 'p1', 'p2', 'p3']);
    expect(set.ids(0)).toEqual([]);
    expect(set.ids(MAX_PHOTOS).at(-1)).toBe('p255');
    for (const bad of [-1, 1.5, MAX_PHOTOS + 1, Number.NaN]) expect(() => set.ids(bad)).toThrow(RangeError);
  });

  it('refuses an id outside the naming scheme with a RangeError', async () => {
    for (const bad of ['', 'p', 'P1', 'p01', 'p-1', ' p1', 'p1 ', 'q1', 'p256', 'p1000', 'none', 'unrecognized']) {
      expect(set.has(bad)).toBe(false);
      await expect(set.image(bad)).rejects.toThrow(RangeError);
    }
    expect(set.has('p0') && set.has('p31') && set.has('p255')).toBe(true);
  });

  it('refuses a size, format or quality it cannot make with a RangeError', async () => {
    for (const options of [
      { size: 0 },
      { size: 15 },
      { size: 4097 },
      { size: 64.5 },
      { quality: 0 },
      { quality: 101 },
      { quality: 50.5 },
    ]) {
      await expect(set.image('p0', options)).rejects.toThrow(RangeError);
    }
    await expect(set.image('p0', { format: 'gif' as unknown as 'png' })).rejects.toThrow(RangeError);
  });

  it('makes a 648 px JPEG by default, and the size and format asked for', async () => {
    const cases: readonly [string, TestPhotoOptions, string, number][] = [
      ['p0', {}, 'jpeg', 648],
      ['p1', { size: 48, format: 'png' }, 'png', 48],
      ['p2', { size: 300, quality: 40 }, 'jpeg', 300],
      ['p255', { size: 16 }, 'jpeg', 16],
    ];
    for (const [id, options, format, size] of cases) {
      expect(await sharp(await set.image(id, options)).metadata()).toMatchObject({ format, width: size, height: size });
    }
  });

  it('gives the same bytes for the same set, id and options, and other bytes for another set or id', async () => {
    const again = new TestPhotoSet('photosync');
    for (const options of [{}, { size: 48, quality: 40 }, { size: 96, format: 'png' as const }]) {
      const bytes = await set.image('p3', options);
      expect((await again.image('p3', options)).equals(bytes)).toBe(true);
      expect((await set.image('p3', options)).equals(bytes)).toBe(true);
      expect((await new TestPhotoSet('photosync-2013').image('p3', options)).equals(bytes)).toBe(false);
      expect((await set.image('p4', options)).equals(bytes)).toBe(false);
    }
  });

  it('hands out a copy, so a caller writing into its buffer changes no later photo', async () => {
    const first = await set.image('p5', { size: 48 });
    const kept = Buffer.from(first);
    first.fill(0);
    expect((await set.image('p5', { size: 48 })).equals(kept)).toBe(true);
  });

  it('paints no two side-by-side blocks alike, so a person sees every block', async () => {
    // read back the centre of each 10 px block of a lossless 60 px rendering
    const { data } = await sharp(await set.image('p6', { size: 60, format: 'png' }))
      .raw()
      .toBuffer({ resolveWithObject: true });
    const onPlate = (col: number, row: number): boolean =>
      col >= PHOTO_PLATE.cols[0] && col < PHOTO_PLATE.cols[1] && row >= PHOTO_PLATE.rows[0] && row < PHOTO_PLATE.rows[1];
    const colour = (col: number, row: number): string => {
      const at = ((row * 10 + 5) * 60 + col * 10 + 5) * 3;
      return `${data[at]},${data[at + 1]},${data[at + 2]}`;
    };
    for (let row = 0; row < PHOTO_GRID; row++) {
      for (let col = 0; col < PHOTO_GRID; col++) {
        if (onPlate(col, row)) continue;
        if (col + 1 < PHOTO_GRID && !onPlate(col + 1, row)) expect(colour(col, row)).not.toBe(colour(col + 1, row));
        if (row + 1 < PHOTO_GRID && !onPlate(col, row + 1)) expect(colour(col, row)).not.toBe(colour(col, row + 1));
      }
    }
  });
});

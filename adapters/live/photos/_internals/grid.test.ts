import fc from 'fast-check';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { cellsOf, COMPARE_GRID, contrastOf, meanDeltaE } from './grid.js';

const CELLS = COMPARE_GRID * COMPARE_GRID;
const lab = fc.tuple(
  fc.double({ min: 0, max: 100, noNaN: true }),
  fc.double({ min: -100, max: 100, noNaN: true }),
  fc.double({ min: -100, max: 100, noNaN: true }),
);
const image = fc.array(lab, { minLength: CELLS, maxLength: CELLS }).map((cells) => Float64Array.from(cells.flat()));
const flat = lab.map((colour) => Float64Array.from({ length: CELLS * 3 }, (_, i) => colour[i % 3]!));

describe('comparison grid', () => {
  it('reads an image as one Lab triple per cell, and no image as undefined', async () => {
    const white = await sharp({ create: { width: 50, height: 30, channels: 4, background: '#ffffff00' } })
      .png()
      .toBuffer();
    const cells = await cellsOf(white);
    expect(cells?.length).toBe(CELLS * 3);
    expect(cells![0]).toBeCloseTo(100, 0);
    expect(await cellsOf(Buffer.from('no image'))).toBeUndefined();
  });

  it('measures 0 from an image to itself, the same both ways, and 0 contrast for a flat image (property)', () => {
    fc.assert(
      fc.property(image, image, flat, (p, q, f) => {
        expect(meanDeltaE(p, p)).toBe(0);
        expect(meanDeltaE(p, q)).toBe(meanDeltaE(q, p));
        expect(contrastOf(f)).toBeCloseTo(0, 9);
      }),
      { numRuns: 50 },
    );
  });

  it('puts every flat image at least half the contrast away, which MAX_DISTANCE relies on (property)', () => {
    fc.assert(
      fc.property(image, flat, (p, f) => meanDeltaE(p, f) >= contrastOf(p) / 2 - 1e-9),
      { numRuns: 200 },
    );
  });
});

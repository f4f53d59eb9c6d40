import sharp from 'sharp';
import { PHOTO_GRID, PHOTO_PLATE } from '../TestPhotoSet.js';
import { labPixels } from './lab.js';

/** Cells per side of the grid every image is reduced to: 2 per block of a test photo, so block edges fall between cells. */
export const COMPARE_GRID = PHOTO_GRID * 2;

/** An image reduced to the comparison grid: CIELAB, 3 numbers per cell, row by row. */
export type Cells = Float64Array;

// the cells under a test photo's plate are left out of every comparison: only the text drawn there
// depends on the fonts of the machine that rendered the photo
const COUNTED: readonly number[] = (() => {
  const scale = COMPARE_GRID / PHOTO_GRID;
  const inside = (cell: number, [from, to]: readonly [number, number]): boolean => cell >= from * scale && cell < to * scale;
  const cells: number[] = [];
  for (let y = 0; y < COMPARE_GRID; y++) {
    for (let x = 0; x < COMPARE_GRID; x++)
      if (!(inside(x, PHOTO_PLATE.cols) && inside(y, PHOTO_PLATE.rows))) cells.push(y * COMPARE_GRID + x);
  }
  return cells;
})();

// larger images are first brought down to this many px a side (services show at most 648)
const DECODE_LIMIT = 1024;

/** `bytes` as comparison cells (alpha flattened onto white, stretched to a square), or undefined when sharp cannot read them as an image. */
export async function cellsOf(bytes: Buffer): Promise<Cells | undefined> {
  try {
    // 'truncated': an image cut short is a failed download, not a picture; lesser decoder warnings are tolerated
    const decoded = await sharp(bytes, { failOn: 'truncated' })
      .autoOrient()
      .resize(DECODE_LIMIT, DECODE_LIMIT, { fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .toColourspace('srgb')
      .removeAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    const { width, height, channels } = decoded.info;
    if (channels !== 3) return undefined;
    // reduced from decoded pixels in a second pass: resizing a JPEG as it loads (libjpeg's DCT scaling)
    // moves block edges by part of a pixel at odd sizes, which doubled the distance of a genuine photo
    const cells = await sharp(decoded.data, { raw: { width, height, channels } })
      .resize(COMPARE_GRID, COMPARE_GRID, { fit: 'fill' })
      .raw()
      .toBuffer();
    return cells.length === COMPARE_GRID * COMPARE_GRID * 3 ? labPixels(cells) : undefined;
  } catch {
    return undefined;
  }
}

/** Mean CIE76 ΔE between two images' counted cells (those outside the plate): 0 for the same cells, symmetric. */
export function meanDeltaE(p: Cells, q: Cells): number {
  let sum = 0;
  for (const cell of COUNTED) {
    const i = cell * 3;
    const [dl, da, db] = [p[i]! - q[i]!, p[i + 1]! - q[i + 1]!, p[i + 2]! - q[i + 2]!];
    sum += Math.sqrt(dl * dl + da * da + db * db);
  }
  return sum / COUNTED.length;
}

/** How far an image is from flat: the mean ΔE of its counted cells from their mean colour; at most twice its distance from any flat image. */
export function contrastOf(cells: Cells): number {
  const mean = [0, 0, 0];
  for (const cell of COUNTED) for (let k = 0; k < 3; k++) mean[k]! += cells[cell * 3 + k]! / COUNTED.length;
  const flat = Float64Array.from({ length: cells.length }, (_, i) => mean[i % 3]!);
  return meanDeltaE(cells, flat);
}

import { createHash } from 'node:crypto';
import sharp from 'sharp';

/** How a test photo is asked for: its side in pixels, its format and, for JPEG, its quality. */
export type TestPhotoOptions = { readonly size?: number; readonly format?: 'jpeg' | 'png'; readonly quality?: number };

/** Blocks per side of a test photo: coarse enough that each block keeps its colour at 48 px after JPEG q40 (8 px a block). */
export const PHOTO_GRID = 6;

/** The white plate carrying the id, in blocks `[from, to)`: the only part of a photo whose pixels depend on the fonts installed. */
export const PHOTO_PLATE = { cols: [1, 5], rows: [2, 4] } as const;

/** How many photos a set names (`p0` .. `p255`); every one is distinguishable from the others and from other sets'. */
export const MAX_PHOTOS = 256;

/** The side of a test photo in pixels: a whole number in this range. */
export const PHOTO_SIZE_RANGE = { min: 16, max: 4096 } as const;

// Sasha Trubetskoy's distinct colours, minus white (the plate) and grey (the placeholders):
// no two are closer than CIE76 50, so a block never passes for another after re-encoding
const PALETTE: readonly (readonly [number, number, number])[] = [
  [0x00, 0x00, 0x00],
  [0xe6, 0x19, 0x4b],
  [0x3c, 0xb4, 0x4b],
  [0x43, 0x63, 0xd8],
  [0xff, 0xe1, 0x19],
  [0xf0, 0x32, 0xe6],
  [0x42, 0xd4, 0xf4],
  [0xf5, 0x82, 0x31],
];
const WHITE = [0xff, 0xff, 0xff] as const;

// enough for a run's renderings at a few sizes and qualities, small enough to keep (JPEGs of a few kB)
const ENCODED_ENTRIES = 512;
// the last few drawings, shared by the JPEG qualities and the PNG of one size (1.2 MB each at 648 px)
const DRAWN_ENTRIES = 4;

/** `make()` for `key`, kept in `cache` (oldest dropped past `limit`) and forgotten if it fails */
function remember(cache: Map<string, Promise<Buffer>>, key: string, limit: number, make: () => Promise<Buffer>): Promise<Buffer> {
  let made = cache.get(key);
  if (made === undefined) {
    made = make();
    made.catch(() => cache.delete(key));
    if (cache.size >= limit) cache.delete(cache.keys().next().value!);
    cache.set(key, made);
  }
  return made;
}

const ID = /^p(0|[1-9]\d{0,2})$/;

const onPlate = (col: number, row: number): boolean =>
  col >= PHOTO_PLATE.cols[0] && col < PHOTO_PLATE.cols[1] && row >= PHOTO_PLATE.rows[0] && row < PHOTO_PLATE.rows[1];

const escapeXml = (text: string): string =>
  text.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c] ?? c);

/**
 * A family of test photos `p0`, `p1`, ... of one set name: a 6 × 6 grid of coloured blocks drawn
 * from a hash of (set, id) around a white plate with the id written on it. Invariant: the same set,
 * id and options give the same bytes; another set name gives other colours.
 */
export class TestPhotoSet {
  private readonly encoded = new Map<string, Promise<Buffer>>();
  private readonly drawn = new Map<string, Promise<Buffer>>();

  constructor(readonly name: string = 'photosync') {}

  /** The first `count` ids, in order: `p0` .. `p<count - 1>`. */
  ids(count: number): string[] {
    if (!Number.isInteger(count) || count < 0 || count > MAX_PHOTOS) {
      throw new RangeError(`a test photo set has 0 to ${MAX_PHOTOS} photos, not ${count}`);
    }
    return Array.from({ length: count }, (_, i) => `p${i}`);
  }

  /** Whether `id` names a photo of the scheme (`p0` .. `p255`, no leading zeros). */
  has(id: string): boolean {
    return ID.test(id) && Number(id.slice(1)) < MAX_PHOTOS;
  }

  /** The photo `id` as a square `size` px image (default 648 px JPEG of quality 90); the same arguments give the same bytes. */
  async image(id: string, options: TestPhotoOptions = {}): Promise<Buffer> {
    this.check(id);
    const { size = 648, format = 'jpeg', quality = 90 } = options;
    if (!Number.isInteger(size) || size < PHOTO_SIZE_RANGE.min || size > PHOTO_SIZE_RANGE.max) {
      throw new RangeError(`a test photo is ${PHOTO_SIZE_RANGE.min} to ${PHOTO_SIZE_RANGE.max} px wide, not ${size}`);
    }
    if (format !== 'jpeg' && format !== 'png') throw new RangeError(`a test photo is a jpeg or a png, not ${String(format)}`);
    if (!Number.isInteger(quality) || quality < 1 || quality > 100) throw new RangeError(`JPEG quality is 1 to 100, not ${quality}`);
    const key = format === 'png' ? `${id}/${size}/png` : `${id}/${size}/jpeg/${quality}`;
    const encoded = remember(this.encoded, key, ENCODED_ENTRIES, () => this.encode(id, size, format, quality));
    // a copy, so a caller that writes into its buffer cannot change the next caller's
    return Buffer.from(await encoded);
  }

  private check(id: string): void {
    if (!this.has(id)) throw new RangeError(`"${id}" is not a test photo: the ids are p0 to p${MAX_PHOTOS - 1}`);
  }

  private async encode(id: string, size: number, format: 'jpeg' | 'png', quality: number): Promise<Buffer> {
    const drawn = await remember(this.drawn, `${id}/${size}`, DRAWN_ENTRIES, () => this.draw(id, size));
    const raw = sharp(drawn, { raw: { width: size, height: size, channels: 3 } });
    // fixed encoder settings, so the bytes depend on nothing but the arguments (and sharp's version)
    return format === 'png'
      ? raw.png({ compressionLevel: 6, adaptiveFiltering: false }).toBuffer()
      : raw.jpeg({ quality, chromaSubsampling: '4:2:0', mozjpeg: false }).toBuffer();
  }

  /** the colour index of each block, row by row, -1 on the plate; no two side-by-side blocks share a colour */
  private blocks(id: string): number[] {
    const hash = createHash('sha512').update(`photosync test photo\0${this.name}\0${id}`).digest();
    const grid: number[] = [];
    for (let row = 0; row < PHOTO_GRID; row++) {
      for (let col = 0; col < PHOTO_GRID; col++) {
        if (onPlate(col, row)) {
          grid.push(-1);
          continue;
        }
        const left = col > 0 ? grid[grid.length - 1] : -1;
        const above = row > 0 ? grid[grid.length - PHOTO_GRID] : -1;
        // a neighbour of the same colour would merge into one bigger block, losing an edge a person looks for
        let colour = hash[row * PHOTO_GRID + col]! % PALETTE.length; // sha512: 64 bytes, one per block
        while (colour === left || colour === above) colour = (colour + 1) % PALETTE.length;
        grid.push(colour);
      }
    }
    return grid;
  }

  private async draw(id: string, size: number): Promise<Buffer> {
    const grid = this.blocks(id);
    // blocks start at whole pixels, so they are crisp at every size
    const edge = (block: number): number => Math.round((block * size) / PHOTO_GRID);
    const blockOf = Array.from({ length: size }, (_, x) => {
      let block = 0;
      while (block < PHOTO_GRID - 1 && edge(block + 1) <= x) block++;
      return block;
    });
    const pixels = Buffer.alloc(size * size * 3);
    const line = size * 3;
    for (let y = 0; y < size; y++) {
      // a pixel row is the same as the one above it unless a new row of blocks starts
      if (y > 0 && blockOf[y] === blockOf[y - 1]) {
        pixels.copyWithin(y * line, (y - 1) * line, y * line);
        continue;
      }
      for (let x = 0; x < size; x++) {
        const colour = grid[blockOf[y]! * PHOTO_GRID + blockOf[x]!]!;
        pixels.set(colour < 0 ? WHITE : PALETTE[colour]!, y * line + x * 3);
      }
    }
    // the id (and, small, the set) for a person, drawn over the plate only: missing fonts change nothing the recogniser reads
    const [left, top] = [edge(PHOTO_PLATE.cols[0]), edge(PHOTO_PLATE.rows[0])];
    const [width, height] = [edge(PHOTO_PLATE.cols[1]) - left, edge(PHOTO_PLATE.rows[1]) - top];
    const setName = this.name.length > 24 ? `${this.name.slice(0, 23)}…` : this.name;
    const font = `font-family="DejaVu Sans, Arial, Helvetica, sans-serif" text-anchor="middle" x="${width / 2}"`;
    const svg =
      `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">` +
      `<text ${font} y="${height * 0.62}" font-weight="bold" font-size="${height * 0.55}" fill="#000">${escapeXml(id)}</text>` +
      `<text ${font} y="${height * 0.86}" font-size="${height * 0.13}" fill="#444">${escapeXml(setName)}</text>` +
      `</svg>`;
    // blended here rather than by sharp's composite, which costs three times the drawing
    const text = await sharp(Buffer.from(svg))
      .ensureAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true })
      .catch(() => undefined); // no text is still a photo the recogniser knows
    if (text === undefined) return pixels;
    const [textWidth, rows, cols] = [text.info.width, Math.min(height, text.info.height), Math.min(width, text.info.width)];
    for (let y = 0; y < rows; y++) {
      for (let x = 0; x < cols; x++) {
        const from = (y * textWidth + x) * 4;
        const alpha = text.data[from + 3]! / 255;
        if (alpha === 0) continue;
        const to = ((top + y) * size + left + x) * 3;
        for (let k = 0; k < 3; k++) pixels[to + k] = Math.round(text.data[from + k]! * alpha + pixels[to + k]! * (1 - alpha));
      }
    }
    return pixels;
  }
}

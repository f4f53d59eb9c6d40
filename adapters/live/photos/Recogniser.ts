import { NO_PHOTO, UNRECOGNIZED } from '../../../model/vocabulary.js';
import { cellsOf, contrastOf, meanDeltaE, type Cells } from './_internals/grid.js';
import { placeholder, type PlaceholderService } from './placeholders.js';
import type { TestPhotoSet } from './TestPhotoSet.js';

/**
 * What an image shows: a test photo id, `none` (a known placeholder) or `unrecognized`, with the
 * nearest answer's distance (see `MAX_DISTANCE`; infinite for bytes that are no image) and its lead
 * over the next-nearest answer.
 */
export type Recognition = { readonly photo: string; readonly distance: number; readonly margin: number };

/**
 * The furthest an image may be from a reference and still be it. A distance is the mean CIE76 ΔE
 * per cell divided by the reference's own contrast (its mean ΔE from its mean colour), so one
 * threshold fits bold test photos and pale placeholders alike: 0 is identical, and no flat image is
 * nearer than 0.5 to a reference of `MIN_CONTRAST` or more (every built-in one). Measured: a photo at
 * any size a service shows, JPEG q40 to PNG, is within 0.14 of itself (0.19 at odd sizes such as
 * 51 px) and a placeholder within 0.20 of its own; the nearest foreign images are a photo framed by 5%
 * (0.49) and a placeholder's bare ground (0.76). So 0.35, about midway: a crop of 4% or a frame of 3%
 * still passes for the photo, a crop of 5% or a frame of 4% does not.
 */
export const MAX_DISTANCE = 0.35;

/**
 * The least lead the nearest answer must have over the next-nearest other answer, else the image is
 * ambiguous. Measured: a recognised image leads by 0.77 or more, as any two of a set's 256 photos are
 * 0.8 or more apart; only an image between two answers falls under it.
 */
export const MIN_MARGIN = 0.2;

/** ΔE below which a reference counts as flat: keeps a near-blank captured placeholder from amplifying JPEG noise. */
export const MIN_CONTRAST = 5;

// any size well above the grid gives the same cells; 240 px renders three times faster than 648
const REFERENCE_SIZE = 240;
const SERVICES: readonly PlaceholderService[] = ['sharepoint', 'yammer', 'outlook'];
const PLACEHOLDER_SIZES: readonly number[] = [48, 96, 300, 648];

type Reference = { readonly photo: string; readonly cells: Cells; readonly contrast: number };
type Source = { readonly photo: string; readonly what: string; readonly bytes: () => Promise<Buffer> };

/**
 * Tells which test photo (or placeholder) an image shows after a service resized and re-encoded it.
 * Invariant: `recognise` never throws, and answers a photo or `none` only when the image is within
 * `MAX_DISTANCE` of it and at least `MIN_MARGIN` nearer to it than to any other answer.
 */
export class Recogniser {
  private constructor(private readonly references: readonly Reference[]) {}

  /** A recogniser of the set's first `count` photos and every known placeholder; throws if a given placeholder is not an image. */
  static async create(options: { set: TestPhotoSet; count: number; placeholders?: readonly Buffer[] }): Promise<Recogniser> {
    const { set, count, placeholders = [] } = options;
    const sources: Source[] = set
      .ids(count)
      .map((id) => ({ photo: id, what: `test photo ${id}`, bytes: () => set.image(id, { size: REFERENCE_SIZE, format: 'png' }) }));
    for (const service of SERVICES) {
      for (const size of PLACEHOLDER_SIZES) {
        sources.push({ photo: NO_PHOTO, what: `the ${service} placeholder at ${size} px`, bytes: () => placeholder(service, size) });
      }
    }
    placeholders.forEach((bytes, i) =>
      sources.push({ photo: NO_PHOTO, what: `placeholder ${i + 1} of ${placeholders.length}`, bytes: async () => bytes }),
    );
    // all at once, since sharp renders and reads on its own threads; kept in order, so ties always break the same way
    const references = await Promise.all(
      sources.map(async ({ photo, what, bytes }): Promise<Reference> => {
        const cells = await cellsOf(await bytes());
        if (cells === undefined) throw new TypeError(`${what} is not an image sharp can read`);
        return { photo, cells, contrast: Math.max(MIN_CONTRAST, contrastOf(cells)) };
      }),
    );
    return new Recogniser(references);
  }

  /** What `bytes` show; `unrecognized` for anything not near exactly one answer, including bytes that are no image. */
  async recognise(bytes: Buffer): Promise<Recognition> {
    const cells = await cellsOf(bytes);
    if (cells === undefined) return { photo: UNRECOGNIZED, distance: Number.POSITIVE_INFINITY, margin: 0 };
    // the nearest reference of each answer, so the several placeholders of `none` do not compete with each other
    const nearest = new Map<string, number>();
    for (const reference of this.references) {
      const d = meanDeltaE(cells, reference.cells) / reference.contrast;
      if (d < (nearest.get(reference.photo) ?? Number.POSITIVE_INFINITY)) nearest.set(reference.photo, d);
    }
    let best = { photo: UNRECOGNIZED, distance: Number.POSITIVE_INFINITY };
    let second = Number.POSITIVE_INFINITY;
    for (const [photo, d] of nearest) {
      if (d < best.distance) {
        second = best.distance;
        best = { photo, distance: d };
      } else if (d < second) second = d;
    }
    const margin = second - best.distance;
    return { photo: best.distance <= MAX_DISTANCE && margin >= MIN_MARGIN ? best.photo : UNRECOGNIZED, distance: best.distance, margin };
  }
}

import sharp from 'sharp';

/** A service that shows its own image for a user with no photo. */
export type PlaceholderService = 'sharepoint' | 'yammer' | 'outlook';

/** The placeholders' sizes, in pixels: a whole number in this range (the services show 48 to 648). */
export const PLACEHOLDER_SIZE_RANGE = { min: 1, max: 4096 } as const;

// stand-ins, not Microsoft's assets: SharePoint and Outlook show a grey person on light grey,
// Viva Engage's default mugshot a person on a blue-grey tint, so the two families differ as the real ones do
const looks: { readonly [S in PlaceholderService]: { readonly background: string; readonly person: string } } = {
  sharepoint: { background: '#eaeaea', person: '#a6a6a6' },
  outlook: { background: '#e1dfdd', person: '#8a8886' },
  yammer: { background: '#c5d2e0', person: '#7d91a8' },
};

// a few kB each; bounded because the emulator may ask for any size
const CACHE_ENTRIES = 256;
const cache = new Map<string, Promise<Buffer>>();

/**
 * The stand-in a service shows for a user with no photo: a square PNG `size` pixels wide, the same bytes for the same arguments.
 *
 * PNG for all three because each ships its placeholder as a static PNG asset (SharePoint's
 * `_layouts/15/images/PersonPlaceholder.*.png`, Viva Engage's `no_photo.png`) rather than re-encoding it per user.
 */
export async function placeholder(service: PlaceholderService, size: number): Promise<Buffer> {
  if (!Object.hasOwn(looks, service)) throw new RangeError(`unknown service for a placeholder: ${String(service)}`);
  if (!Number.isInteger(size) || size < PLACEHOLDER_SIZE_RANGE.min || size > PLACEHOLDER_SIZE_RANGE.max) {
    throw new RangeError(
      `placeholder size must be a whole number of pixels from ${PLACEHOLDER_SIZE_RANGE.min} to ${PLACEHOLDER_SIZE_RANGE.max}, got ${size}`,
    );
  }
  const key = `${service}/${size}`;
  let rendered = cache.get(key);
  if (rendered === undefined) {
    rendered = render(service, size);
    rendered.catch(() => cache.delete(key));
    if (cache.size >= CACHE_ENTRIES) cache.delete(cache.keys().next().value!);
    cache.set(key, rendered);
  }
  // a copy, so a caller that writes into its buffer cannot change the next caller's
  return Buffer.from(await rendered);
}

async function render(service: PlaceholderService, size: number): Promise<Buffer> {
  const { background, person } = looks[service];
  // a head and the top of the shoulders, drawn in a 100-unit box so every size has the same shape
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 100 100">` +
    `<rect width="100" height="100" fill="${background}"/>` +
    `<circle cx="50" cy="39" r="17" fill="${person}"/>` +
    `<ellipse cx="50" cy="100" rx="35" ry="37" fill="${person}"/>` +
    `</svg>`;
  return sharp(Buffer.from(svg)).flatten({ background }).png({ compressionLevel: 9, adaptiveFiltering: false }).toBuffer();
}

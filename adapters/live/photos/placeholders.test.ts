import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { placeholder, type PlaceholderService } from './placeholders.js';

const SERVICES: readonly PlaceholderService[] = ['sharepoint', 'yammer', 'outlook'];

/** the sRGB bytes of one pixel of a PNG */
async function pixel(png: Buffer, x: number, y: number): Promise<number[]> {
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const at = (y * info.width + x) * 3;
  return [data[at]!, data[at + 1]!, data[at + 2]!];
}

describe('placeholder', () => {
  it('is a square PNG of the size asked for, the same bytes each time', async () => {
    for (const service of SERVICES) {
      for (const size of [1, 48, 72, 300, 648]) {
        const bytes = await placeholder(service, size);
        expect(await sharp(bytes).metadata()).toMatchObject({ format: 'png', width: size, height: size });
        expect((await placeholder(service, size)).equals(bytes)).toBe(true);
      }
    }
  });

  it('shows a darker person on a pale ground, SharePoint and Outlook in grey, Viva Engage on a blue tint', async () => {
    for (const service of SERVICES) {
      const bytes = await placeholder(service, 100);
      const ground = await pixel(bytes, 3, 3);
      const head = await pixel(bytes, 50, 39);
      const body = await pixel(bytes, 50, 95);
      expect(Math.min(...ground)).toBeGreaterThan(180);
      expect(head).toEqual(body);
      for (let k = 0; k < 3; k++) expect(head[k]!).toBeLessThan(ground[k]! - 30);
      const [r, , b] = ground as [number, number, number];
      if (service === 'yammer') expect(b - r).toBeGreaterThan(20);
      else expect(Math.abs(b - r)).toBeLessThan(10);
    }
  });

  it('differs between the services', async () => {
    const [sharepoint, yammer, outlook] = await Promise.all(SERVICES.map((s) => placeholder(s, 96)));
    expect(sharepoint!.equals(yammer!)).toBe(false);
    expect(sharepoint!.equals(outlook!)).toBe(false);
  });

  it('refuses a size or service it cannot draw with a RangeError', async () => {
    for (const size of [0, -48, 47.5, 4097, Number.NaN]) await expect(placeholder('sharepoint', size)).rejects.toThrow(RangeError);
    await expect(placeholder('teams' as unknown as PlaceholderService, 48)).rejects.toThrow(RangeError);
  });

  it('hands out a copy, so a caller writing into its buffer changes no later placeholder', async () => {
    const first = await placeholder('outlook', 48);
    const kept = Buffer.from(first);
    first.fill(0);
    expect((await placeholder('outlook', 48)).equals(kept)).toBe(true);
  });
});

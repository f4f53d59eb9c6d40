import { describe, expect, it } from 'vitest';
import { simTenantFactory, type TenantFactory } from '../harness/TenantFactory.js';
import { toStory } from '../reports/Story.js';
import { mutant, run } from '../reports/story.testkit.js';
import { withImages } from './storyImages.js';

describe('withImages', () => {
  it('asks the tenant for every photo the story names, seen, allowed or set, and keeps what it answers', async () => {
    const story = toStory(await run(), mutant.minimalLength)!;
    const asked: string[] = [];
    const tenant: TenantFactory = {
      ...simTenantFactory({ profile: 'threewill-2014' }),
      images: async (photos) => {
        asked.push(...photos);
        return Object.fromEntries(photos.filter((p) => p.startsWith('p')).map((p) => [p, `data:image/jpeg;base64,${p}`]));
      },
    };
    const shown = await withImages(tenant, story);
    const named = new Set([...story.divergence.allowed, ...story.steps.map((s) => s.seen), ...story.steps.flatMap((s) => s.allowed ?? [])]);
    for (const p of named) expect(asked).toContain(p);
    expect(Object.keys(shown.images ?? {}).sort()).toEqual([...named].filter((p) => p.startsWith('p')).sort());
    expect(shown.steps).toEqual(story.steps);
  });

  it('leaves a story as it is for a tenant without images (the simulator)', async () => {
    const story = toStory(await run(), mutant.minimalLength)!;
    expect(await withImages(simTenantFactory({ profile: 'threewill-2014' }), story)).toBe(story);
  });
});

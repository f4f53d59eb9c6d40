import type { TenantFactory } from '../harness/TenantFactory.js';
import type { Story } from '../reports/Story.js';

/** The photos a story names: seen, allowed, and set. */
function photosOf(story: Story): string[] {
  const ids = new Set<string>(story.divergence.allowed);
  for (const s of story.steps) {
    ids.add(s.seen);
    for (const a of s.allowed ?? []) ids.add(a);
    if (typeof s.event.photo === 'string') ids.add(s.event.photo);
  }
  return [...ids];
}

/** The story with its test photos as small images, where the tenant used real images (a live one); as it was otherwise. */
export async function withImages(tenant: TenantFactory, story: Story): Promise<Story> {
  if (tenant.images === undefined) return story;
  const images = await tenant.images(photosOf(story));
  return Object.keys(images).length === 0 ? story : { ...story, images };
}

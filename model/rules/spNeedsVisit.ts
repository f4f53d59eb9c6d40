import type { Rule } from '../Rule.js';
import { SURFACE_STORE } from '../vocabulary.js';

export const spNeedsVisit: Rule = {
  id: 'SP-NEEDS-VISIT',
  statement: 'A change made outside SharePoint reaches it only after the subject next visits their My Site, within spPickup of the push.',
  source: 'TW14 SP rule 2',
  params: ['spPickup'],
  reading: 'The visit that counts is the first after the oldest change not yet pushed; the push takes whatever Exchange may hold then.',
  onVisit(ctx) {
    const w = ctx.world;
    if (w.pending !== null && w.visitAt === null) w.visitAt = ctx.at;
  },
  pushTrigger(ctx) {
    return ctx.world.visitAt ?? undefined;
  },
  explains(photo, surface, ctx) {
    const w = ctx.world;
    return SURFACE_STORE[surface] === 'sharepoint' && w.pending !== null && w.visitAt === null && w.pending.values.includes(photo);
  },
};

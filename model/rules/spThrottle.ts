import type { Rule } from '../Rule.js';
import { SURFACE_STORE } from '../vocabulary.js';

export const spThrottle: Rule = {
  id: 'SP-THROTTLE',
  statement:
    'A push to SharePoint waits until spThrottle after its last update; a visit made meanwhile is remembered, and the push takes the Exchange photo of that time.',
  source: 'TW14 "one more rule"',
  params: ['spThrottle'],
  pushHold(ctx) {
    return ctx.world.spUpdated + ctx.param('spThrottle');
  },
  explains(photo, surface, ctx) {
    const w = ctx.world;
    return SURFACE_STORE[surface] === 'sharepoint' && w.pending !== null && w.visitAt !== null && w.pending.values.includes(photo);
  },
};

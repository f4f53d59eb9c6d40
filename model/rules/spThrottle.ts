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
    // a change still waiting while the window is open: whatever would push it, the throttle holds it
    const w = ctx.world;
    const open = ctx.at < w.spUpdated + ctx.param('spThrottle');
    return SURFACE_STORE[surface] === 'sharepoint' && w.pending !== null && open && w.pending.values.includes(photo);
  },
};

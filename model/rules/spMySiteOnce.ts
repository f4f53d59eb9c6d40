import type { Rule } from '../Rule.js';

export const spMySiteOnce: Rule = {
  id: 'SP-MYSITE-ONCE',
  statement:
    'Once the My Site exists, a change made outside SharePoint is pushed without a visit, spSync after the change or at the throttle end, whichever is later.',
  source: "TW14, Microsoft's internal claim",
  params: ['spSync', 'spPickup'],
  pushTrigger(ctx) {
    const w = ctx.world;
    if (w.pending === null || w.mySiteSince === Infinity) return undefined;
    // a My Site created after the change pushes no earlier than its creation
    return Math.max(w.pending.since + ctx.param('spSync'), w.mySiteSince);
  },
};

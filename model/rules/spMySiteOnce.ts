import { at, later, plus } from '../Span.js';
import type { Rule } from '../Rule.js';

export const spMySiteOnce: Rule = {
  id: 'SP-MYSITE-ONCE',
  statement:
    'Once the My Site exists, a change made outside SharePoint is pushed without a visit, spSync after the change or at the throttle end, whichever is later.',
  source: "TW14, Microsoft's internal claim",
  params: ['spSync', 'spPickup'],
  reading:
    'A visit still pushes sooner: the push comes with the first of the two, also for a change that waited at the start and was made at an unknown instant, which SP-MYSITE-ONCE alone pushes by start + spSync.',
  pushTrigger(ctx) {
    const sp = ctx.sp;
    if (sp.pending === null || sp.mySiteSince === Infinity) return undefined;
    // a My Site created after the change pushes no earlier than its creation
    return later(plus(sp.pending.since, ctx.param('spSync')), at(sp.mySiteSince));
  },
};

import { plus } from '../Span.js';
import type { Rule } from '../Rule.js';
import { SURFACE_STORE } from '../vocabulary.js';

export const spThrottle: Rule = {
  id: 'SP-THROTTLE',
  statement:
    'A push to SharePoint waits until spThrottle after its last update; a visit made meanwhile is remembered, and the push takes the Exchange photo of that time.',
  source: 'TW14 "one more rule"',
  params: ['spThrottle'],
  reading:
    'A push sets spUpdated to the push time, the instant it takes the Exchange photo ("takes the exchange value at the push time and sets spUpdated"), not to the instant it lands within spPickup: the next window counts from the push time. Where the last update is known only to a span (SPEC section 6 `spUpdated: "unknown"`), so is the push: it takes whatever Exchange may hold at some instant of it, and the update it makes is known to that span. A read that reaches back no further than its instant and shows what only the store before that push may show says the push had not landed by then: it came less than spPickup before the read (ProfileChecker.datePushes). A push an earlier line of an instant found due may come after a change made on a later line of it (README), but not after an upload of that instant that sticks (SP-ORIGIN): that is an update, and the push waits for the end of the window it opened.',
  pushHold(ctx) {
    return plus(ctx.sp.spUpdated, ctx.param('spThrottle'));
  },
  explains(photo, surface, ctx) {
    // a change still waiting while the window is open (one a copy may have missed too): whatever
    // would push it, the throttle holds it
    const sp = ctx.sp;
    const open = ctx.at < sp.spUpdated.hi + ctx.param('spThrottle');
    return SURFACE_STORE[surface] === 'sharepoint' && open && sp.waits(photo);
  },
};

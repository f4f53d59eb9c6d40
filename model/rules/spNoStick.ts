import { plus } from '../Span.js';
import type { Rule } from '../Rule.js';

const NOTHING: readonly string[] = [];

export const spNoStick: Rule = {
  id: 'SP-NO-STICK',
  statement:
    'A photo set in SharePoint within spThrottle of its last update may or may not show there until Edit-Cancel or the window ends, when SharePoint takes the Exchange photo.',
  source: 'TW14 caveat 5',
  params: ['spThrottle', 'spPickup'],
  reading:
    'While it does not stick, SharePoint may show it or its earlier photo, either way, any number of times; the push at the end of the window sets spUpdated like any push, and comes whatever else waits: a change waiting whose own push may come later (one the header of a tenant taken as it is leaves undated, say) does not hold it back.',
  acts: ['setPhoto'],
  onAction(a, ctx) {
    if (a.do !== 'setPhoto' || a.via !== 'sharepoint' || ctx.isOutside(a.via)) return false;
    const sp = ctx.sp;
    if (ctx.at >= ctx.spUpdatedBefore.hi + ctx.param('spThrottle')) return false;
    if (sp.unstuck === null) sp.unstuck = { since: ctx.at, values: [] };
    if (!sp.unstuck.values.includes(a.photo)) sp.unstuck.values.push(a.photo);
    return true;
  },
  ownPushAt(ctx) {
    const sp = ctx.sp;
    return sp.unstuck === null ? undefined : plus(sp.spUpdated, ctx.param('spThrottle'));
  },
  alsoShows(store, from, ctx) {
    const sp = ctx.sp;
    if (store !== 'sharepoint' || (sp.unstuck === null && sp.unstuckUntil.size === 0)) return NOTHING;
    const shown = sp.unstuck === null ? [] : [...sp.unstuck.values];
    for (const [photo, until] of sp.unstuckUntil) if (until > from && !shown.includes(photo)) shown.push(photo);
    return shown;
  },
};

import type { Rule } from '../Rule.js';

export const spNoStick: Rule = {
  id: 'SP-NO-STICK',
  statement:
    'A photo set in SharePoint within spThrottle of its last update may or may not show there until Edit-Cancel or the window ends, when SharePoint takes the Exchange photo.',
  source: 'TW14 caveat 5',
  params: ['spThrottle', 'spPickup'],
  reading:
    'While it does not stick, SharePoint may show it or its earlier photo, either way, any number of times; the push at the end of the window sets spUpdated like any push.',
  onAction(a, ctx) {
    if (a.do !== 'setPhoto' || a.via !== 'sharepoint' || ctx.isOutside(a.via)) return false;
    const w = ctx.world;
    if (ctx.at >= ctx.spUpdatedBefore + ctx.param('spThrottle')) return false;
    if (w.unstuck === null) w.unstuck = { since: ctx.at, values: [] };
    if (!w.unstuck.values.includes(a.photo)) w.unstuck.values.push(a.photo);
    return true;
  },
  ownPushAt(ctx) {
    const w = ctx.world;
    return w.unstuck === null ? undefined : w.spUpdated + ctx.param('spThrottle');
  },
  alsoShows(store, from, ctx) {
    if (store !== 'sharepoint') return [];
    const w = ctx.world;
    const shown = w.unstuck === null ? [] : [...w.unstuck.values];
    for (const [photo, until] of w.unstuckUntil) if (until > from && !shown.includes(photo)) shown.push(photo);
    return shown;
  },
};

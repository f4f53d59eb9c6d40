import { plus } from '../Span.js';
import type { Rule } from '../Rule.js';

const NOTHING: readonly string[] = [];

export const spNoStick: Rule = {
  id: 'SP-NO-STICK',
  statement:
    'A photo set in SharePoint within spThrottle of its last update may or may not show there until Edit-Cancel or the window ends, when SharePoint takes the Exchange photo.',
  source: 'TW14 caveat 5',
  params: ['spThrottle', 'spPickup', 'exoLag'],
  reading:
    "While it does not stick, SharePoint may show it or its earlier photo, either way, any number of times; the push at the end of the window sets spUpdated like any push, and comes whatever else waits: a change waiting whose own push may come later (one the header of a tenant taken as it is leaves undated, say) does not hold it back. Under SP-SYNC-WINDOW that push copies Exchange as Edit-Cancel does: a change not yet surely in Exchange travels on past it and may land after it, where it stays unless the push copied a newer change (WindowStore.writeCopy); so does the upload itself where it is not yet surely in Exchange, which then reaches SharePoint within spSync or was settled by the copy, as past an Edit-Cancel (travellingUploads). Where that push or an Edit-Cancel copies Exchange before the upload has surely reached it (exoLag), the copy may miss the upload: under SP-NEEDS-VISIT it is then, as an outside change a copy missed, settled or still waiting for a push of its own (SP-NEEDS-VISIT's reading), since nothing else would bring it to SharePoint; the sources say nothing of it.",
  acts: ['setPhoto'],
  onAction(a, ctx) {
    if (a.do !== 'setPhoto' || a.via !== 'sharepoint' || ctx.isOutside(a.via)) return false;
    const sp = ctx.sp;
    if (ctx.at >= ctx.spUpdatedBefore.hi + ctx.param('spThrottle')) return false;
    // a copy of Exchange before this upload has surely reached it may miss it: under SP-NEEDS-VISIT it
    // then waits as an outside change does (SharePointSide.updated)
    const reachedBy = ctx.has('SP-NEEDS-VISIT') ? ctx.at + ctx.param('exoLag') : -Infinity;
    const u = (sp.unstuck ??= { since: ctx.at, values: [], reachedBy, visited: false });
    if (!u.values.includes(a.photo)) u.values.push(a.photo);
    u.reachedBy = reachedBy;
    u.visited = false;
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

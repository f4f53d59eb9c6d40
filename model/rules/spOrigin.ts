import { at } from '../Span.js';
import type { Rule } from '../Rule.js';
import type { RuleId } from '../RuleId.js';

const ORIGIN: readonly RuleId[] = ['SP-ORIGIN'];

export const spOrigin: Rule = {
  id: 'SP-ORIGIN',
  statement:
    'A photo set in SharePoint reaches Exchange within exoLag, and SharePoint at once unless SharePoint was updated in the last spThrottle.',
  source: 'TW14',
  params: ['exoLag', 'spThrottle'],
  reading:
    'Setting the photo in SharePoint creates the My Site. When it lands at once, the sources do not say whether the outside changes waiting for a visit are settled by it or still wait: the model allows both (SPEC: allow when in doubt). Where they still wait, a visit after them counts, and its push, at the end of the window the upload opened, takes whatever Exchange holds then, the upload or a later change. Under SP-SYNC-WINDOW an outside change still on its way to SharePoint travels on: only Edit-Cancel is said to end such travel, so it may land after the upload and show until its window closes; after that only the upload, the newer change (SPEC section 4, time windows). Where the last update is known only to a span (SPEC section 6), the checker splits the span first, so that the upload surely sticks or surely does not; so it does where an update is only possible: the push, made at the end of the throttle, of outside changes an earlier update may have left waiting (it takes the photo SharePoint shows already, but opens a window of its own). Changes an upload passed over may still wait after a later upload too.',
  acts: ['setPhoto'],
  onAction(a, ctx) {
    if (a.do !== 'setPhoto' || a.via !== 'sharepoint' || ctx.isOutside(a.via)) return false;
    const sp = ctx.sp;
    sp.createMySite(ctx.at);
    if (ctx.at < ctx.spUpdatedBefore.hi + ctx.param('spThrottle')) return true;
    // a change still on its way (SP-SYNC-WINDOW) may land after it until its own window closes
    sp.sharepoint.write(ctx.at, [a.photo], ctx.at, ORIGIN);
    sp.updated(at(ctx.at), ctx.at, 'all');
    return true;
  },
};

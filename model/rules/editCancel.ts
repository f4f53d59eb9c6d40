import { at } from '../Span.js';
import type { Rule } from '../Rule.js';
import type { RuleId } from '../RuleId.js';
import { followsMissed } from '../SharePointSide.js';
import { settledByCopy, travellingUploads } from '../travellingUploads.js';

const EDIT: readonly RuleId[] = ['EDIT-CANCEL'];

export const editCancel: Rule = {
  id: 'EDIT-CANCEL',
  statement: 'Opening the SharePoint photo editor and pressing Cancel sets SharePoint to the Exchange photo at once, whatever the window.',
  source: 'TW14',
  params: ['spPickup'],
  reading:
    'Edit-Cancel counts as a visit that creates the My Site and settles the changes waiting for one, and with them the push a visit made inside the throttle window caused (SP-THROTTLE remembers such a visit; the contract says only that a later outside change does not cancel its push, and nothing of Edit-Cancel): an administrator uses Edit-Cancel to bring SharePoint up to date at once, and a change made after it waits, as any change, for a visit after it. It copies one photo, whichever Exchange held, and SharePoint keeps it as it keeps a push\'s: a read that shows one tells which. Where a change waiting may not have reached Exchange yet, the copy may have missed it: settled, or still waiting for the push that Edit-Cancel, a visit after the change, makes at the end of the throttle window it opened, or for the push of a visit after it, taking whatever Exchange holds then (the reading of SP-NEEDS-VISIT). Under SP-SYNC-WINDOW (contract 1.1, "Exchange is SharePoint\'s source") it ends the travel of every change that had surely reached Exchange by then: SharePoint shows the copy or a later change, never an earlier one; a change that may not yet have reached Exchange travels on and may land after it (an upload through SharePoint, SP-ORIGIN, too: where SharePoint holds nothing newer, it then reaches SharePoint within spSync, as an outside change does, or the copy settled it: the sources do not say), and where the copy is of a newer change than it, the copy may still be what shows once it has landed (SharePoint keeps the newer change; of two changes made in one instant, the one on the later line of the trace is the newer). Once that change has surely landed, SharePoint holds one of the two until a later change: a read that shows one tells which.',
  acts: ['editCancel'],
  onAction(a, ctx) {
    if (a.do !== 'editCancel') return false;
    const sp = ctx.sp;
    const values = ctx.core.exchange.valuesAt(ctx.at);
    const follows = followsMissed(ctx.optionalParam('spThrottle'));
    if (ctx.has('SP-SYNC-WINDOW')) {
      const uploads = ctx.has('SP-ORIGIN') ? travellingUploads(ctx.core.exchange, sp.sharepoint, ctx.at, ctx.param('spSync')) : [];
      sp.sharepoint.endTravel(ctx.at, values, EDIT, () => ctx.core.exchange.valuesMadeAt(ctx.at));
      settledByCopy(sp.sharepoint, uploads);
    }
    // one photo, whichever Exchange held, which SharePoint keeps as it keeps a push's
    else {
      const keep = sp.copyKeep(ctx.at, ctx.at, follows, ctx.core.exchange.copyOutcome(values, ctx.at, ctx.at));
      sp.sharepoint.write(ctx.at, values, ctx.at, EDIT, ctx.at, keep);
    }
    sp.updated(at(ctx.at), ctx.at, 'unreached', follows);
    return true;
  },
};

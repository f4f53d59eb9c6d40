import type { Rule } from '../Rule.js';

export const editCancel: Rule = {
  id: 'EDIT-CANCEL',
  statement: 'Opening the SharePoint photo editor and pressing Cancel sets SharePoint to the Exchange photo at once, whatever the window.',
  source: 'TW14',
  params: [],
  reading:
    'Edit-Cancel counts as a visit that creates the My Site and settles the changes waiting for one; under SP-SYNC-WINDOW it does not stop changes already travelling, each still lands within its window, but one made before the Exchange change it copied lands without the last word (SPEC "Time windows": an older value in flight may show or not, after that only the newer one).',
  onAction(a, ctx) {
    if (a.do !== 'editCancel') return false;
    const w = ctx.world;
    const values = w.exchange.valuesAt(ctx.at);
    if (ctx.has('SP-SYNC-WINDOW')) w.sharepoint.writeBeneathInFlight(ctx.at, values, ['EDIT-CANCEL'], w.exchange.valuesMadeAt(ctx.at));
    else w.sharepoint.write(ctx.at, values, ctx.at, ['EDIT-CANCEL']);
    w.spUpdated = ctx.at;
    w.pending = null;
    w.visitAt = null;
    if (w.unstuck !== null) {
      for (const photo of w.unstuck.values) w.unstuckUntil.set(photo, ctx.at);
      w.unstuck = null;
    }
    return true;
  },
};

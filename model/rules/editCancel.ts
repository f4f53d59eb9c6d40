import type { Rule } from '../Rule.js';

export const editCancel: Rule = {
  id: 'EDIT-CANCEL',
  statement: 'Opening the SharePoint photo editor and pressing Cancel sets SharePoint to the Exchange photo at once, whatever the window.',
  source: 'TW14',
  params: [],
  reading: 'Edit-Cancel settles every change made before it, and counts as a visit that creates the My Site.',
  onAction(a, ctx) {
    if (a.do !== 'editCancel') return false;
    const w = ctx.world;
    w.sharepoint.write(ctx.at, w.exchange.valuesAt(ctx.at), ctx.at, ['EDIT-CANCEL']);
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

import type { Rule } from '../Rule.js';

export const spOrigin: Rule = {
  id: 'SP-ORIGIN',
  statement:
    'A photo set in SharePoint reaches Exchange within exoLag, and SharePoint at once unless SharePoint was updated in the last spThrottle.',
  source: 'TW14',
  params: ['exoLag', 'spThrottle'],
  reading: 'Setting the photo in SharePoint creates the My Site; when it lands at once, older outside changes are settled by it.',
  onAction(a, ctx) {
    if (a.do !== 'setPhoto' || a.via !== 'sharepoint' || ctx.isOutside(a.via)) return false;
    const w = ctx.world;
    w.createMySite(ctx.at);
    if (ctx.at < ctx.spUpdatedBefore + ctx.param('spThrottle')) return true;
    w.sharepoint.write(ctx.at, [a.photo], ctx.at, ['SP-ORIGIN']);
    w.spUpdated = ctx.at;
    w.pending = null;
    w.visitAt = null;
    return true;
  },
};

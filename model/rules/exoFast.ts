import type { Rule } from '../Rule.js';
import type { RuleId } from '../RuleId.js';

export const exoFast: Rule = {
  id: 'EXO-FAST',
  statement: 'A photo set or removed through any path but Yammer and on-premises AD reaches the Exchange mailbox within exoLag.',
  source: 'TW14',
  params: ['exoLag'],
  reading: 'A photo in flight may show or not, in any order, until its window closes: two reads may reach different copies.',
  onAction(a, ctx) {
    if (a.do !== 'setPhoto' && a.do !== 'removePhoto') return false;
    if (a.via === 'yammer' || a.via === 'on-prem-ad') return false;
    const photo = a.do === 'setPhoto' ? a.photo : 'none';
    const outside = ctx.isOutside(a.via);
    // a SharePoint upload under SP-ORIGIN reaches Exchange by the same road: cite both
    const rules: RuleId[] = a.via === 'sharepoint' && !outside && ctx.has('SP-ORIGIN') ? ['EXO-FAST', 'SP-ORIGIN'] : ['EXO-FAST'];
    ctx.world.exchange.write(ctx.at, [photo], ctx.at + ctx.param('exoLag'), rules);
    if (outside) ctx.outsideChange(photo);
    return true;
  },
};

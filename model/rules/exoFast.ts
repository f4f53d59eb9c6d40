import type { Rule } from '../Rule.js';

export const exoFast: Rule = {
  id: 'EXO-FAST',
  statement: 'A photo set or removed through any path but Yammer and on-premises AD reaches the Exchange mailbox within exoLag.',
  source: 'TW14',
  params: ['exoLag'],
  reading: 'Once a surface has shown the new photo it has landed in Exchange: the old one does not come back.',
  onAction(a, ctx) {
    if (a.do !== 'setPhoto' && a.do !== 'removePhoto') return false;
    if (a.via === 'yammer' || a.via === 'on-prem-ad') return false;
    const photo = a.do === 'setPhoto' ? a.photo : 'none';
    ctx.world.exchange.write(ctx.at, [photo], ctx.at + ctx.param('exoLag'), ['EXO-FAST']);
    if (ctx.isOutside(a.via)) ctx.outsideChange(photo);
    return true;
  },
};

import type { Rule } from '../Rule.js';

export const yammerFromEntra: Rule = {
  id: 'YAMMER-FROM-ENTRA',
  statement: 'Viva Engage refuses a photo set in it; the next time the user opens it, it takes the Exchange photo within yammerSync.',
  source: 'MSDOC Viva Engage',
  params: ['yammerSync'],
  reading: 'Opening Viva Engage copies the Exchange photo of that moment; a later change needs another opening.',
  rejects(a) {
    return a.do === 'setPhoto' && a.via === 'yammer';
  },
  onAction(a, ctx) {
    if (a.do !== 'openYammer') return false;
    const w = ctx.world;
    w.yammer.write(ctx.at, w.exchange.valuesAt(ctx.at), ctx.at + ctx.param('yammerSync'), ['YAMMER-FROM-ENTRA']);
    return true;
  },
  explains(photo, surface, ctx) {
    return surface === 'yammer' && !ctx.world.yammer.allows(photo, ctx.at, ctx.at);
  },
};

import type { Rule } from '../Rule.js';
import type { RuleId } from '../RuleId.js';

const ENTRA: readonly RuleId[] = ['YAMMER-FROM-ENTRA'];

export const yammerFromEntra: Rule = {
  id: 'YAMMER-FROM-ENTRA',
  statement: 'Viva Engage refuses a photo set in it; the next time the user opens it, it takes the Exchange photo within yammerSync.',
  source: 'MSDOC Viva Engage',
  params: ['yammerSync'],
  reading: 'Opening Viva Engage copies the Exchange photo of that moment; a later change needs another opening.',
  rejects(a) {
    return a.do === 'setPhoto' && a.via === 'yammer';
  },
  acts: ['openYammer'],
  onAction(a, ctx) {
    if (a.do !== 'openYammer') return false;
    ctx.yammer.write(ctx.at, ctx.core.exchange.valuesAt(ctx.at), ctx.at + ctx.param('yammerSync'), ENTRA);
    return true;
  },
  explains(photo, surface, ctx) {
    return surface === 'yammer' && !ctx.yammer.allows(photo, ctx.at, ctx.at);
  },
};

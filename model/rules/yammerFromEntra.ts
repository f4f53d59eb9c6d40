import type { Rule } from '../Rule.js';
import type { RuleId } from '../RuleId.js';
import { copyTaken } from '../WindowStore.js';

const ENTRA: readonly RuleId[] = ['YAMMER-FROM-ENTRA'];

export const yammerFromEntra: Rule = {
  id: 'YAMMER-FROM-ENTRA',
  statement: 'Viva Engage refuses a photo set in it; the next time the user opens it, it takes the Exchange photo within yammerSync.',
  source: 'MSDOC Viva Engage',
  params: ['yammerSync'],
  reading:
    'Opening Viva Engage starts a sync that takes the Exchange photo of its own instant, at some instant within yammerSync of the opening: a change made before that window ends may be the one it takes. A change made after it needs another opening. The sync takes one photo: once it has landed, Viva Engage shows that one, and seen while it lands with a photo only the sync may show, it took that one, whether Exchange may have held it at the opening or it was changed after (unless an earlier sync may still land: either may be the last). Seen so, it was made by then: a change made after that read needs another opening. So too a sync that could take only one photo: seen with it while it lands, where nothing else may have shown it, it was made by then, and a change made after that read needs another opening.',
  rejects(a) {
    return a.do === 'setPhoto' && a.via === 'yammer';
  },
  acts: ['openYammer'],
  onAction(a, ctx) {
    if (a.do !== 'openYammer') return false;
    const deadline = ctx.at + ctx.param('yammerSync');
    const exchange = ctx.core.exchange;
    const values = exchange.valuesAt(ctx.at);
    ctx.yammer.write(ctx.at, values, deadline, ENTRA, ctx.at, copyTaken(deadline, exchange.copyOutcome(values, ctx.at, ctx.at)));
    return true;
  },
  onExchangeWrite(photos, ctx) {
    // a sync still to come may take this change, landed or not by then: each one under way, not
    // only the last opening's (the first may take it and the second, made earlier, what came before)
    ctx.yammer.widenLanding(ctx.at, 'YAMMER-FROM-ENTRA', photos);
  },
  explains(photo, surface, ctx) {
    return surface === 'yammer' && !ctx.yammer.allows(photo, ctx.at, ctx.at);
  },
};

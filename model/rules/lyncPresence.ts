import { readsEither, readsFixed, readsStore, type Rule } from '../Rule.js';
import type { RuleId } from '../RuleId.js';
import { NO_PHOTO } from '../vocabulary.js';

const LYNC: readonly RuleId[] = ['LYNC-PRESENCE'];

export const lyncPresence: Rule = {
  id: 'LYNC-PRESENCE',
  statement: 'Lync shows no photo while the subject is signed out, and the Exchange photo within lyncLag once signed in.',
  source: 'TW14 caveat 4',
  params: ['exoLag', 'lyncLag'],
  reading:
    'Presence takes effect at once; restarting the Lync client changes nothing. A sign-in or sign-out of unknown outcome leaves presence either, until the next one or a look at Lync tells: a photo other than none means signed in, none that Exchange cannot show means signed out.',
  provides: { surfaces: ['lync'], vias: ['lync'] },
  acts: ['lyncSignIn', 'lyncSignOut'],
  onAction(a, ctx) {
    if (a.do !== 'lyncSignIn' && a.do !== 'lyncSignOut') return false;
    ctx.core.presence = a.do === 'lyncSignIn' ? 'online' : 'offline';
    return true;
  },
  keepsOpen(a, ctx) {
    const core = ctx.core;
    if (core.presence !== (a.do === 'lyncSignIn' ? 'online' : 'offline')) core.presence = 'either';
  },
  learns(surface, photo, ctx) {
    const core = ctx.core;
    if (surface !== 'lync' || core.presence !== 'either') return;
    if (photo !== NO_PHOTO) core.presence = 'online';
    else if (!core.exchange.allows(NO_PHOTO, ctx.at - ctx.param('lyncLag'), ctx.at)) core.presence = 'offline';
  },
  reads: {
    surfaces: ['lync'],
    read(_surface, _viewer, ctx) {
      const presence = ctx.core.presence;
      if (presence === 'offline') return readsFixed(NO_PHOTO, LYNC);
      const from = ctx.at - ctx.param('lyncLag');
      return presence === 'online' ? readsStore('exchange', from, LYNC) : readsEither('exchange', from, NO_PHOTO, LYNC);
    },
  },
};

import type { Rule } from '../Rule.js';

export const lyncPresence: Rule = {
  id: 'LYNC-PRESENCE',
  statement: 'Lync shows no photo while the subject is signed out, and the Exchange photo within lyncLag once signed in.',
  source: 'TW14 caveat 4',
  params: ['exoLag', 'lyncLag'],
  reading: 'Presence takes effect at once; restarting the Lync client changes nothing.',
  provides: { surfaces: ['lync'], vias: ['lync'] },
  onAction(a, ctx) {
    if (a.do !== 'lyncSignIn' && a.do !== 'lyncSignOut') return false;
    ctx.world.lyncOnline = a.do === 'lyncSignIn';
    return true;
  },
  reads: {
    surfaces: ['lync'],
    read(_surface, _viewer, ctx) {
      if (!ctx.world.lyncOnline) return { fixed: 'none', rules: ['LYNC-PRESENCE'] };
      return { store: 'exchange', from: ctx.at - ctx.param('lyncLag'), rules: ['LYNC-PRESENCE'] };
    },
  },
};

import type { Rule } from '../Rule.js';
import { SURFACE_STORE } from '../vocabulary.js';

export const adOneTime: Rule = {
  id: 'AD-ONE-TIME',
  statement: 'Only the first on-premises AD photo ever synced reaches Exchange; later ones never do.',
  source: 'TW-c/kduff85; MSDOC Entra Connect',
  params: [],
  reading: 'An AD photo that never reached Exchange (too large, say) does not use up the one-time sync.',
  stopsDirSync(_a, ctx) {
    return ctx.core.adSynced;
  },
  explains(photo, surface, ctx) {
    return SURFACE_STORE[surface] === 'exchange' && ctx.core.stoppedBy.get(photo) === 'AD-ONE-TIME';
  },
};

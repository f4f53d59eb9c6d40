import { readsAny, readsStore, type Rule } from '../Rule.js';
import type { RuleId } from '../RuleId.js';

const OUTLOOK: readonly RuleId[] = ['OUTLOOK-CACHE'];

export const outlookCache: Rule = {
  id: 'OUTLOOK-CACHE',
  statement: 'Outlook desktop may show any Exchange photo seen since the viewer last restarted it.',
  source: 'TW14 caveat 2',
  params: ['exoLag'],
  reading: 'A viewer whose caches the header does not know (SPEC section 6) may see any photo until they restart Outlook.',
  reads: {
    surfaces: ['outlook-desktop'],
    read(_surface, viewer, ctx) {
      const v = ctx.viewer(viewer);
      const restarted = v.restarted['outlook-desktop'];
      if (restarted === undefined && v.unknownCaches) return readsAny(OUTLOOK);
      return readsStore('exchange', restarted ?? ctx.start, OUTLOOK);
    },
  },
};

import type { Rule } from '../Rule.js';

export const outlookCache: Rule = {
  id: 'OUTLOOK-CACHE',
  statement: 'Outlook desktop may show any Exchange photo seen since the viewer last restarted it.',
  source: 'TW14 caveat 2',
  params: ['exoLag'],
  reads: {
    surfaces: ['outlook-desktop'],
    read(_surface, viewer, ctx) {
      const from = ctx.viewer(viewer).restarted['outlook-desktop'] ?? ctx.start;
      return { store: 'exchange', from, rules: ['OUTLOOK-CACHE'] };
    },
  },
};

import type { Rule } from '../Rule.js';

export const owaCache: Rule = {
  id: 'OWA-CACHE',
  statement: 'Outlook on the web may show a photo replaced less than exoLag + owaCache ago.',
  source: 'TW14 caveat 3',
  params: ['exoLag', 'owaCache'],
  reads: {
    surfaces: ['owa-contact-card', 'owa-email', 'owa-draft'],
    read(_surface, _viewer, ctx) {
      return { store: 'exchange', from: ctx.at - ctx.param('owaCache'), rules: ['OWA-CACHE'] };
    },
  },
};

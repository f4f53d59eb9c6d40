import type { Rule } from '../Rule.js';

export const hoverFromOwa: Rule = {
  id: 'HOVER-FROM-OWA',
  statement: "The search result hover panel is Outlook on the web's contact card: it reads Exchange, never SharePoint.",
  source: 'TW14 SP rule 1',
  params: [],
  reads: {
    surfaces: ['sp-search-hover'],
    read(_surface, _viewer, ctx) {
      if (!ctx.has('OWA-CACHE')) return { store: 'exchange', from: ctx.at, rules: ['HOVER-FROM-OWA'] };
      return { store: 'exchange', from: ctx.at - ctx.param('owaCache'), rules: ['HOVER-FROM-OWA', 'OWA-CACHE'] };
    },
  },
};

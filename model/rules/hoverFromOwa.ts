import { readsAny, readsStore, type Rule } from '../Rule.js';
import type { RuleId } from '../RuleId.js';
import { owaCacheUnknown } from './owaCache.js';

const HOVER: readonly RuleId[] = ['HOVER-FROM-OWA'];
const HOVER_OWA: readonly RuleId[] = ['HOVER-FROM-OWA', 'OWA-CACHE'];

export const hoverFromOwa: Rule = {
  id: 'HOVER-FROM-OWA',
  statement: "The search result hover panel is Outlook on the web's contact card: it reads Exchange, never SharePoint.",
  source: 'TW14 SP rule 1',
  params: [],
  reads: {
    surfaces: ['sp-search-hover'],
    read(_surface, viewer, ctx) {
      if (!ctx.has('OWA-CACHE')) return readsStore('exchange', ctx.at, HOVER);
      if (owaCacheUnknown(viewer, ctx)) return readsAny(HOVER_OWA);
      return readsStore('exchange', ctx.at - ctx.param('owaCache'), HOVER_OWA);
    },
  },
};

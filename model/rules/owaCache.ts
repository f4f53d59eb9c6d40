import { readsAny, readsStore, type Rule, type RuleContext } from '../Rule.js';
import type { RuleId } from '../RuleId.js';

/** SPEC section 6: a viewer whose caches the header does not know may see any photo in OWA until start + exoLag + owaCache. */
export function owaCacheUnknown(viewer: string, ctx: RuleContext): boolean {
  return ctx.viewer(viewer).unknownCaches && ctx.at < ctx.start + ctx.param('exoLag') + ctx.param('owaCache');
}

const OWA: readonly RuleId[] = ['OWA-CACHE'];

export const owaCache: Rule = {
  id: 'OWA-CACHE',
  statement: 'Outlook on the web may show a photo replaced less than exoLag + owaCache ago.',
  source: 'TW14 caveat 3',
  params: ['exoLag', 'owaCache'],
  reading:
    'A viewer whose caches the header does not know (SPEC section 6) may see any photo in Outlook on the web until start + exoLag + owaCache, whatever they restart.',
  reads: {
    surfaces: ['owa-contact-card', 'owa-email', 'owa-draft'],
    read(_surface, viewer, ctx) {
      if (owaCacheUnknown(viewer, ctx)) return readsAny(OWA);
      return readsStore('exchange', ctx.at - ctx.param('owaCache'), OWA);
    },
  },
};

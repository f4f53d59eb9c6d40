import { readsAny, readsStore, type Rule } from '../Rule.js';
import type { RuleId } from '../RuleId.js';

const BROWSER: readonly RuleId[] = ['SP-BROWSER-CACHE'];

export const spBrowserCache: Rule = {
  id: 'SP-BROWSER-CACHE',
  statement: 'SharePoint search results may show any SharePoint photo seen since the viewer last cleared the browser cache.',
  source: 'TW14 caveat 1',
  params: [],
  reading:
    'A viewer whose caches the header does not know (SPEC section 6) may see any photo in search results until they clear the browser cache.',
  reads: {
    surfaces: ['sp-search'],
    read(_surface, viewer, ctx) {
      const v = ctx.viewer(viewer);
      if (v.browserCleared === undefined && v.unknownCaches) return readsAny(BROWSER);
      return readsStore('sharepoint', v.browserCleared ?? ctx.start, BROWSER);
    },
  },
};

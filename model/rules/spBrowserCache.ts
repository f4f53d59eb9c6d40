import { browserReach } from '../Anchors.js';
import { readsAny, readsStore, type Rule } from '../Rule.js';
import type { RuleId } from '../RuleId.js';

const BROWSER: readonly RuleId[] = ['SP-BROWSER-CACHE'];

export const spBrowserCache: Rule = {
  id: 'SP-BROWSER-CACHE',
  statement: 'SharePoint search results may show any SharePoint photo seen since the viewer last cleared the browser cache.',
  source: 'TW14 caveat 1',
  params: [],
  reading:
    "A viewer whose caches the header does not know (SPEC section 6) may see any photo in search results until they clear the browser cache. A photo SharePoint held at the instant of the clear (or at the start: the header's) counts as seen since, even where an upload that sticks or an Edit-Cancel at that same instant replaced it: the trace's order within one instant is not kept, and the viewer may have seen it in between (so a window closing at that very instant is read as open then).",
  reads: {
    surfaces: ['sp-search'],
    read(_surface, viewer, ctx) {
      const v = ctx.viewer(viewer);
      if (v.browserCleared === undefined && v.unknownCaches) return readsAny(BROWSER);
      return readsStore('sharepoint', browserReach(v.browserCleared ?? ctx.start), BROWSER);
    },
  },
};

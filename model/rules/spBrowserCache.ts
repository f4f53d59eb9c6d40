import type { Rule } from '../Rule.js';

export const spBrowserCache: Rule = {
  id: 'SP-BROWSER-CACHE',
  statement: 'SharePoint search results may show any SharePoint photo seen since the viewer last cleared the browser cache.',
  source: 'TW14 caveat 1',
  params: [],
  reads: {
    surfaces: ['sp-search'],
    read(_surface, viewer, ctx) {
      return { store: 'sharepoint', from: ctx.viewer(viewer).browserCleared ?? ctx.start, rules: ['SP-BROWSER-CACHE'] };
    },
  },
};

import type { Rule } from '../Rule.js';
import { SURFACE_STORE } from '../vocabulary.js';

export const spFirstLast: Rule = {
  id: 'SP-FIRST-LAST',
  statement: 'Of several changes made outside SharePoint within one throttle window, only the first and the last ever show in SharePoint.',
  source: 'TW14',
  params: [],
  reading: 'It follows from SP-THROTTLE: a push takes the photo of its own time, so a photo replaced before the push is skipped for good.',
  explains(photo, surface, ctx) {
    return SURFACE_STORE[surface] === 'sharepoint' && ctx.sp.skipped.has(photo);
  },
};

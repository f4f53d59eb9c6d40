import type { Rule } from '../Rule.js';
import type { Via } from '../vocabulary.js';

const USER_PATHS: readonly Via[] = ['outlook-web', 'outlook-desktop', 'lync', 'teams', 'sharepoint'];

export const photoPolicy: Rule = {
  id: 'PHOTO-POLICY',
  statement: "With the OWA mailbox policy's SetPhotoEnabled off, the user's own paths refuse a photo; admin cmdlets and Graph still work.",
  source: 'TW-c/kduff85; MSDOC OWA policy',
  params: [],
  rejects(a, ctx) {
    return a.do === 'setPhoto' && !ctx.core.setPhotoEnabled && USER_PATHS.includes(a.via);
  },
};

import type { Rule } from '../Rule.js';

export const photoPolicyOwa: Rule = {
  id: 'PHOTO-POLICY-OWA',
  statement: "With the OWA mailbox policy's SetPhotoEnabled off, only Outlook on the web and Teams refuse the user's photo.",
  source: 'MSDOC Set-OwaMailboxPolicy (2026); office-docs-powershell PR 12607',
  params: [],
  rejects(a, ctx) {
    return a.do === 'setPhoto' && !ctx.core.setPhotoEnabled && (a.via === 'outlook-web' || a.via === 'teams');
  },
};

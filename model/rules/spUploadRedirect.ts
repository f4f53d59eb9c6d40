import type { Rule } from '../Rule.js';

export const spUploadRedirect: Rule = {
  id: 'SP-UPLOAD-REDIRECT',
  statement: 'SharePoint hands a photo uploaded in it to the people system: it is a change made outside SharePoint.',
  source: 'MC653734',
  params: [],
  makesOutside(via) {
    return via === 'sharepoint';
  },
};

import type { Rule } from '../Rule.js';

/** The largest thumbnailPhoto, in bytes, that reaches Exchange (and that admins may set for others). */
export const AD_PHOTO_LIMIT = 10_240;

export const adSize: Rule = {
  id: 'AD-SIZE',
  statement: 'An on-premises AD photo larger than 10,240 bytes never reaches Exchange.',
  source: 'MSDOC Exchange troubleshooting',
  params: [],
  reading: 'A write whose size is not recorded is taken to be within the limit.',
  stopsDirSync(a) {
    return (a.bytes ?? 0) > AD_PHOTO_LIMIT;
  },
};

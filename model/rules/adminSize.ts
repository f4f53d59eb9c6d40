import type { Rule } from '../Rule.js';
import { AD_PHOTO_LIMIT } from './adSize.js';

export const adminSize: Rule = {
  id: 'ADMIN-SIZE',
  statement: 'Set-UserPhoto run by someone other than the subject refuses a photo larger than 10,240 bytes.',
  source: 'TW-c/PatrikJonsson, TW-c/Daniel',
  params: [],
  reading: 'A write whose size is not recorded is taken to be within the limit.',
  rejects(a) {
    return a.do === 'setPhoto' && a.via === 'admin-cmdlet' && (a.by ?? 'admin') !== a.user && (a.bytes ?? 0) > AD_PHOTO_LIMIT;
  },
};

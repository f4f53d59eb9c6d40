import type { Rule } from '../Rule.js';

export const cmdletRetired: Rule = {
  id: 'CMDLET-RETIRED',
  statement: 'Set-UserPhoto and Remove-UserPhoto are retired: the cmdlets refuse.',
  source: 'MC678855',
  params: [],
  rejects(a) {
    return (a.do === 'setPhoto' || a.do === 'removePhoto') && a.via === 'admin-cmdlet';
  },
};

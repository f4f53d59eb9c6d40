import type { Rule } from '../Rule.js';

export const delveRetired: Rule = {
  id: 'DELVE-RETIRED',
  statement: 'Delve is retired: its surface does not exist.',
  source: 'MSDOC Delve retirement (December 2024)',
  params: [],
  retires: { surfaces: ['delve'] },
};

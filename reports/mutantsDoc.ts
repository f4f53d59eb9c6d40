import type { Doc } from './Doc.js';
import type { MutantsReport } from './MutantsReport.js';

/** `mutants --list` as a document: the catalog, then the rules no mutant breaks. */
export function mutantsDoc(report: MutantsReport): Doc {
  const gaps = report.coverage.filter((c) => c.mutants.length === 0);
  return {
    title: 'photosync mutants: the catalog',
    blocks: [
      {
        kind: 'table',
        head: ['mutant', 'breaks', 'profiles', 'minimal', 'description'],
        rows: report.mutants.map((m) => [m.id, m.rule, m.profiles.join(', '), String(m.minimalLength), m.description]),
      },
      gaps.length === 0
        ? { kind: 'paragraph', text: 'Every rule of every profile is broken by at least one mutant.', tone: 'good' }
        : { kind: 'list', items: gaps.map((g) => `not covered: ${g.rule} in ${g.profile}`) },
    ],
  };
}

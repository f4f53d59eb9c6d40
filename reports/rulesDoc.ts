import type { Doc } from './Doc.js';
import type { RulesReport } from './RulesReport.js';

/** `rules` as a document: id, statement, source, parameters and profiles; then the readings the model chose. */
export function rulesDoc(report: RulesReport): Doc {
  const readings = report.rules.filter((r) => r.reading !== undefined);
  return {
    title: 'photosync rules',
    blocks: [
      {
        kind: 'table',
        head: ['id', 'statement', 'source', 'parameters', 'profiles'],
        rows: report.rules.map((r) => [r.id, r.statement, r.source, r.params.join(', '), r.profiles.join(', ')]),
      },
      ...(readings.length === 0
        ? []
        : [
            { kind: 'heading' as const, level: 2 as const, text: 'Readings where the contract leaves a choice' },
            { kind: 'list' as const, items: readings.map((r) => `${r.id}: ${r.reading}`) },
          ]),
    ],
  };
}

import { table } from 'table';
import type { Renderer } from './Renderer.js';
import type { RulesReport } from './RulesReport.js';

/** `rules` for people: id, statement, source, profiles. */
export const rulesText: Renderer<RulesReport> = (report) =>
  table([['id', 'statement', 'source', 'profiles'], ...report.rules.map((r) => [r.id, r.statement, r.source, r.profiles.join('\n')])], {
    columns: { 1: { width: 56, wrapWord: true }, 2: { width: 18, wrapWord: true } },
  });

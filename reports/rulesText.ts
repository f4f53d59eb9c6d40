import type { Renderer } from './Renderer.js';
import type { RulesReport } from './RulesReport.js';
import { fitTable } from './_internals/fitTable.js';

/** `rules` for people: id, statement, source, profiles. */
export const rulesText: Renderer<RulesReport> = (report) =>
  fitTable([['id', 'statement', 'source', 'profiles'], ...report.rules.map((r) => [r.id, r.statement, r.source, r.profiles.join('\n')])]);

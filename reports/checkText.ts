import { RULES } from '../model/rules/index.js';
import type { RuleId } from '../model/RuleId.js';
import type { CheckReport } from './CheckReport.js';
import { CHECK_HEAD, checkedLines, checkRows } from './checkDoc.js';
import { cellText } from './Doc.js';
import type { Renderer } from './Renderer.js';
import { fitLine } from './_internals/fitLine.js';
import { fitTable } from './_internals/fitTable.js';

/**
 * `check` for people: one row per profile, then each divergence's rules with their sources. Of a
 * torn trace, the first line says which lines the verdicts cover; the command warns on stderr.
 */
export const checkText: Renderer<CheckReport> = (report) => {
  const rows = [CHECK_HEAD, ...checkRows(report).map((r) => r.map(cellText))];
  const lines = checkedLines(report);
  let text = `${fitLine(lines === undefined ? report.trace : `${report.trace}, ${lines}`, [report.trace])}\n`;
  text += fitTable(rows, { drawHorizontalLine: (i, size) => i === 0 || i === 1 || i === size });
  const cited = new Set<RuleId>();
  for (const r of report.results) if (r.verdict === 'diverges') for (const id of r.divergence.rules) cited.add(id);
  for (const id of cited) text += `${fitLine(`${id} (${RULES[id].source}): ${RULES[id].statement}`)}\n`;
  return text;
};

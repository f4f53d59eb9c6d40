import type { MatrixReport } from './MatrixReport.js';
import type { Renderer } from './Renderer.js';
import { storyText } from './storyText.js';
import { NO_RULE } from './storyWords.js';
import { tenantName } from './tenantName.js';
import { fitLine } from './_internals/fitLine.js';
import { fitTable } from './_internals/fitTable.js';

/** `matrix` for people: one row per profile, then the minimal story that refutes each profile that does not hold. */
export const matrixText: Renderer<MatrixReport> = (r) => {
  const rows = [['profile', 'verdict', 'length', 'rules', 'runs']];
  for (const x of r.results) {
    rows.push([
      x.profile,
      x.verdict === 'conforms' ? 'conforms' : 'DIVERGES',
      x.length === null ? '' : String(x.length),
      x.verdict === 'conforms' ? '' : x.rules.join('\n') || NO_RULE,
      String(x.runs),
    ]);
  }
  const config = r.tenant.config === undefined ? [] : [r.tenant.config];
  let text = `${fitLine(`${tenantName(r.tenant)} against every profile`, config)}\n`;
  text += fitTable(rows, { drawHorizontalLine: (i, size) => i === 0 || i === 1 || i === size });
  for (const x of r.results) {
    if (x.counterexample === undefined) continue;
    text += `\n${fitLine(`${x.profile} is refuted by this story (length ${x.counterexample.length}; waits do not count):`)}\n`;
    text += storyText(x.counterexample);
    if (x.trace !== undefined) text += `${fitLine(`trace: ${x.trace}`, [x.trace])}\n`;
  }
  if (r.interrupted) text += 'interrupted: stopped before all runs were made\n';
  // kept whole, however long, to be copied
  if (r.seed !== undefined && r.replay !== undefined) text += `seed ${r.seed}; repeat: ${r.replay}\n`;
  return text;
};

import type { MutantRunsReport } from './MutantRunsReport.js';
import type { Renderer } from './Renderer.js';
import { fitLine } from './_internals/fitLine.js';
import { fitTable } from './_internals/fitTable.js';

/** `mutants` for people: each mutant on each profile, killed or not, how soon and how short; then the figures. */
export const mutantRunsText: Renderer<MutantRunsReport> = (r) => {
  const rows = [['mutant', 'profile', 'breaks', 'verdict', 'runs', 'shrunk', 'minimal', 'time']];
  for (const m of r.mutants) {
    rows.push([
      m.id,
      m.profile,
      m.rule,
      // the words of the HTML and Markdown reports
      m.killed ? 'killed' : 'SURVIVED',
      m.runsToFailure === null ? `>${r.budget}` : String(m.runsToFailure),
      m.interrupted === true ? 'stopped' : m.shrunkLength === null ? '' : String(m.shrunkLength),
      String(m.minimalLength),
      `${(m.ms / 1000).toFixed(2)} s`,
    ]);
  }
  const s = r.summary;
  let text = fitTable(rows, { drawHorizontalLine: (i, size) => i === 0 || i === 1 || i === size });
  const figures = [
    `killed ${s.killed} of ${s.runs} within ${r.budget} runs each;`,
    `counterexample as short as the known minimal: ${s.atMinimal} of ${s.shrunk ?? s.killed}${s.worstRatio === null ? '' : `, longest ${s.worstRatio.toFixed(2)}x`};`,
    ...(s.medianRunsToFailure === null ? [] : [`median runs to the first failure ${s.medianRunsToFailure};`]),
    `${(s.ms / 1000).toFixed(1)} s`,
  ];
  // broken between the figures, each read whole
  text += `${fitLine(figures.join(' '), figures)}\n`;
  if (r.interrupted) text += 'interrupted: stopped before every mutant was run\n';
  return text;
};

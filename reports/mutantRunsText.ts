import { table } from 'table';
import type { MutantRunsReport } from './MutantRunsReport.js';
import type { Renderer } from './Renderer.js';

/** `mutants` for people: each mutant on each profile, killed or not, how soon and how short; then the figures. */
export const mutantRunsText: Renderer<MutantRunsReport> = (r) => {
  const rows = [['mutant', 'profile', 'breaks', 'killed', 'runs', 'shrunk', 'minimal', 'time']];
  for (const m of r.mutants) {
    rows.push([
      m.id,
      m.profile,
      m.rule,
      m.killed ? 'yes' : 'NO',
      m.runsToFailure === null ? `>${r.budget}` : String(m.runsToFailure),
      m.interrupted === true ? 'stopped' : m.shrunkLength === null ? '' : String(m.shrunkLength),
      String(m.minimalLength),
      `${(m.ms / 1000).toFixed(2)} s`,
    ]);
  }
  const s = r.summary;
  let text = table(rows, { drawHorizontalLine: (i, size) => i === 0 || i === 1 || i === size });
  text += `killed ${s.killed} of ${s.runs} within ${r.budget} runs each; `;
  text += `counterexample as short as the known minimal: ${s.atMinimal} of ${s.shrunk ?? s.killed}`;
  text += s.worstRatio === null ? '' : `, longest ${s.worstRatio.toFixed(2)}x`;
  text += s.medianRunsToFailure === null ? '' : `; median runs to the first failure ${s.medianRunsToFailure}`;
  text += `; ${(s.ms / 1000).toFixed(1)} s\n`;
  if (r.interrupted) text += 'interrupted: stopped before every mutant was run\n';
  return text;
};

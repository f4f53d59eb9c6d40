import { count } from './_internals/count.js';
import type { RunReport } from './RunReport.js';

/** What `run`'s text and document say alike of a conforming verdict and of a stop. */
export function runWords(r: RunReport): { verdict: string; interrupted?: string } {
  const undecided = r.undecided > 0 ? `; ${count(r.undecided, 'run')} undecided (too many open possibilities)` : '';
  const checked = `${r.actions} actions and observations checked, seed ${r.seed}`;
  const verdict =
    r.notReproduced !== undefined
      ? `the path ${r.notReproduced} did not reproduce a divergence with these options: its run conforms this time (${checked})`
      : `conforms in ${count(r.runs, 'run')} (${checked})${undecided}`;
  if (!r.interrupted) return { verdict };
  const interrupted =
    r.shrinkingStopped === true
      ? 'shrinking was stopped: this counterexample is not minimal; the replay line starts from it and shrinks it to the end, which may tell a shorter story'
      : 'stopped before all runs were made';
  return { verdict, interrupted };
}

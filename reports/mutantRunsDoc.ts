import type { Cell, Doc } from './Doc.js';
import type { MutantRunsReport } from './MutantRunsReport.js';

/** `mutants` as a document: each mutant on each profile, killed or not, how soon and how short; then the figures. */
export function mutantRunsDoc(r: MutantRunsReport): Doc {
  const rows: Cell[][] = r.mutants.map((m) => [
    m.id,
    m.profile,
    m.rule,
    m.killed ? { text: 'killed', tone: 'good' } : { text: 'SURVIVED', tone: 'bad' },
    m.runsToFailure === null ? `>${r.budget}` : String(m.runsToFailure),
    m.interrupted === true ? 'stopped' : m.shrunkLength === null ? '' : String(m.shrunkLength),
    String(m.minimalLength),
    `${(m.ms / 1000).toFixed(2)} s`,
  ]);
  const s = r.summary;
  const figures = [
    `killed ${s.killed} of ${s.runs} within ${r.budget} runs each`,
    `counterexample as short as the known minimal: ${s.atMinimal} of ${s.shrunk ?? s.killed}${s.worstRatio === null ? '' : `, longest ${s.worstRatio.toFixed(2)}x`}`,
    ...(s.medianRunsToFailure === null ? [] : [`median runs to the first failure ${s.medianRunsToFailure}`]),
    `${(s.ms / 1000).toFixed(1)} s`,
  ];
  return {
    title: 'photosync mutants: does the harness find each known wrong tenant?',
    blocks: [
      { kind: 'table', head: ['mutant', 'profile', 'breaks', 'verdict', 'runs', 'shrunk', 'minimal', 'time'], rows },
      { kind: 'list', items: figures },
      ...(r.interrupted
        ? [{ kind: 'paragraph' as const, text: 'interrupted: stopped before every mutant was run', tone: 'unknown' as const }]
        : []),
    ],
  };
}

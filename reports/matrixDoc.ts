import { recheckCommand } from './checkDoc.js';
import type { Block, Cell, Doc } from './Doc.js';
import type { MatrixReport } from './MatrixReport.js';
import { NO_RULE } from './storyWords.js';
import { tenantName } from './tenantName.js';

/** `matrix` as a document: a row per profile, then the story that refutes each profile that does not hold. */
export function matrixDoc(r: MatrixReport): Doc {
  const rows: Cell[][] = r.results.map((x) => [
    x.profile,
    x.verdict === 'conforms' ? { text: 'conforms', tone: 'good' } : { text: 'DIVERGES', tone: 'bad' },
    x.length === null ? '' : String(x.length),
    x.verdict === 'conforms' ? '' : x.rules.join(', ') || NO_RULE,
    String(x.runs),
    x.undecided > 0 ? String(x.undecided) : '',
  ]);
  const holding = r.results.filter((x) => x.verdict === 'conforms').map((x) => x.profile);
  const blocks: Block[] = [
    {
      kind: 'paragraph',
      text: holding.length === 0 ? 'No profile holds: the tenant fits no hypothesis.' : `Holds: ${holding.join(', ')}.`,
      tone: holding.length === 0 ? 'bad' : 'good',
    },
    { kind: 'table', head: ['profile', 'verdict', 'length', 'rules', 'runs', 'undecided'], rows },
  ];
  for (const x of r.results) {
    if (x.counterexample === undefined) continue;
    blocks.push(
      { kind: 'heading', level: 2, text: `${x.profile} is refuted` },
      { kind: 'story', story: x.counterexample, profile: x.profile },
    );
    if (x.trace !== undefined)
      blocks.push(
        { kind: 'paragraph', text: `Its trace, to re-check offline:` },
        { kind: 'code', text: recheckCommand(x.trace, x.profile) },
      );
  }
  if (r.interrupted) blocks.push({ kind: 'paragraph', text: 'interrupted: stopped before all runs were made', tone: 'unknown' });
  if (r.seed !== undefined && r.replay !== undefined)
    blocks.push({ kind: 'paragraph', text: `Every profile was explored from seed ${r.seed}. Repeat:` }, { kind: 'code', text: r.replay });
  return { title: `photosync matrix: ${tenantName(r.tenant)} against every profile`, blocks };
}

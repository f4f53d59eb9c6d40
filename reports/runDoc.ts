import type { Block, Doc } from './Doc.js';
import type { RunReport } from './RunReport.js';
import { tenantName } from './tenantName.js';

/** `run` as a document: the verdict, the shrunk counterexample's story, and how to re-check and replay it. */
export function runDoc(r: RunReport): Doc {
  const who = `${tenantName(r.tenant)} against ${r.profile}`;
  const blocks: Block[] = [];
  if (r.verdict === 'conforms') {
    const undecided = r.undecided > 0 ? `; ${r.undecided} runs undecided (too many open possibilities)` : '';
    blocks.push({
      kind: 'paragraph',
      text: `conforms in ${r.runs} runs (${r.actions} actions and observations checked, seed ${r.seed})${undecided}`,
      tone: 'good',
    });
  } else {
    const shrunk =
      r.counterexample === undefined
        ? ''
        : ` and shrunk from length ${r.foundLength} to ${r.counterexample.length} (actions and observations; waits do not count)`;
    blocks.push({ kind: 'paragraph', text: `DIVERGES, found after ${r.runs} runs${shrunk}`, tone: 'bad' });
    if (r.counterexample !== undefined) blocks.push({ kind: 'story', story: r.counterexample, profile: r.profile });
    if (r.trace !== undefined)
      blocks.push(
        { kind: 'paragraph', text: `The counterexample's trace, to re-check offline:` },
        { kind: 'code', text: `photosync check ${r.trace} --profile ${r.profile}` },
      );
  }
  if (r.interrupted) blocks.push({ kind: 'paragraph', text: 'interrupted: stopped before all runs were made', tone: 'unknown' });
  blocks.push({ kind: 'paragraph', text: 'Replay:' }, { kind: 'code', text: r.replay });
  return { title: `photosync run: ${who}`, blocks };
}

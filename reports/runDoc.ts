import type { Block, Doc } from './Doc.js';
import type { RunReport } from './RunReport.js';
import { recheckCommand } from './checkDoc.js';
import { count } from './_internals/count.js';
import { runWords } from './runWords.js';
import { tenantName } from './tenantName.js';

/** `run` as a document: the verdict, the shrunk counterexample's story, and how to re-check and replay it. */
export function runDoc(r: RunReport): Doc {
  const who = `${tenantName(r.tenant)} against ${r.profile}`;
  const blocks: Block[] = [];
  const words = runWords(r);
  if (r.verdict === 'conforms') {
    blocks.push({ kind: 'paragraph', text: words.verdict, tone: r.notReproduced === undefined ? 'good' : 'unknown' });
  } else {
    const shrunk =
      r.counterexample === undefined
        ? ''
        : ` and shrunk from length ${r.foundLength} to ${r.counterexample.length} (actions and observations; waits do not count)`;
    blocks.push({ kind: 'paragraph', text: `DIVERGES, found after ${count(r.runs, 'run')}${shrunk}`, tone: 'bad' });
    if (r.counterexample !== undefined) blocks.push({ kind: 'story', story: r.counterexample, profile: r.profile });
    if (r.trace !== undefined)
      blocks.push(
        { kind: 'paragraph', text: `The counterexample's trace, to re-check offline:` },
        { kind: 'code', text: recheckCommand(r.trace, r.profile) },
      );
  }
  if (words.interrupted !== undefined) blocks.push({ kind: 'paragraph', text: `interrupted: ${words.interrupted}`, tone: 'unknown' });
  blocks.push({ kind: 'paragraph', text: 'Replay:' }, { kind: 'code', text: r.replay });
  return { title: `photosync run: ${who}`, blocks };
}

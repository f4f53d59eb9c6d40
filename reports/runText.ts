import type { Renderer } from './Renderer.js';
import type { RunReport } from './RunReport.js';
import { count } from './_internals/count.js';
import { fitLine } from './_internals/fitLine.js';
import { recheckCommand } from './checkDoc.js';
import { runWords } from './runWords.js';
import { storyText } from './storyText.js';
import { tenantName } from './tenantName.js';

/** `run` for people: the verdict, the shrunk counterexample as numbered steps, and how to re-check and replay it. */
export const runText: Renderer<RunReport> = (r) => {
  const who = `${tenantName(r.tenant)} against ${r.profile}`;
  const words = runWords(r);
  const config = r.tenant.config === undefined ? [] : [r.tenant.config];
  let text: string;
  if (r.verdict === 'conforms') {
    text = `${fitLine(`${who}: ${words.verdict}`, config)}\n`;
  } else {
    let found = `${who}: DIVERGES, found after ${count(r.runs, 'run')}`;
    if (r.counterexample !== undefined)
      found += ` and shrunk from length ${r.foundLength} to ${r.counterexample.length} (actions and observations; waits do not count)`;
    text = `${fitLine(found, config)}\n`;
    if (r.counterexample !== undefined) text += storyText(r.counterexample);
    if (r.trace !== undefined) {
      const recheck = `(re-check offline: ${recheckCommand(r.trace, r.profile)})`;
      text += `${fitLine(`trace: ${r.trace} ${recheck}`, [r.trace, recheck])}\n`;
    }
  }
  if (words.interrupted !== undefined) text += `${fitLine(`interrupted: ${words.interrupted}`)}\n`;
  // kept whole, however long, to be copied
  text += `replay: ${r.replay}\n`;
  return text;
};

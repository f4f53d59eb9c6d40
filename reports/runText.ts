import type { Renderer } from './Renderer.js';
import type { RunReport } from './RunReport.js';
import { count } from './_internals/count.js';
import { runWords } from './runWords.js';
import { storyText } from './storyText.js';
import { tenantName } from './tenantName.js';

/** `run` for people: the verdict, the shrunk counterexample as numbered steps, and how to re-check and replay it. */
export const runText: Renderer<RunReport> = (r) => {
  const who = `${tenantName(r.tenant)} against ${r.profile}`;
  const words = runWords(r);
  let text: string;
  if (r.verdict === 'conforms') {
    text = `${who}: ${words.verdict}\n`;
  } else {
    text = `${who}: DIVERGES, found after ${count(r.runs, 'run')}`;
    text +=
      r.counterexample === undefined
        ? '\n'
        : ` and shrunk from length ${r.foundLength} to ${r.counterexample.length} (actions and observations; waits do not count)\n`;
    if (r.counterexample !== undefined) text += storyText(r.counterexample);
    if (r.trace !== undefined) text += `trace: ${r.trace} (re-check offline: photosync check ${r.trace} --profile ${r.profile})\n`;
  }
  if (words.interrupted !== undefined) text += `interrupted: ${words.interrupted}\n`;
  text += `replay: ${r.replay}\n`;
  return text;
};

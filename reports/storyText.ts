import { formatOffset } from './formatTime.js';
import type { Story } from './Story.js';
import { allowedWords, describeUser, NO_RULE, seenWords, stepWords } from './storyWords.js';
import { fitLine } from './_internals/fitLine.js';
import { fitTable } from './_internals/fitTable.js';

/** A counterexample as numbered steps (time, step, what was seen, what the model allowed), then its rules and sources. */
export function storyText(story: Story): string {
  const header = story.users.map((u) => describeUser(u)).join('; ');
  const rows = [['#', 'time', 'step', 'seen', 'allowed']];
  for (const s of story.steps) {
    const seen = seenWords(s);
    const diverges = s.line === story.divergence.line;
    rows.push([String(s.n), formatOffset(s.offset), stepWords(s), diverges ? `${seen}  <- DIVERGES` : seen, allowedWords(s.allowed)]);
  }
  let text = `${fitLine(`users at ${story.start}: ${header}`)}\n`;
  const settings = story.photoSettings;
  if (settings !== undefined) {
    const roles = settings.allowedRoles.length === 0 ? '' : `, allowed roles ${settings.allowedRoles.join(', ')}`;
    text += `${fitLine(`tenant photo settings: source ${settings.source}${roles}`)}\n`;
  }
  text += fitTable(rows, { drawHorizontalLine: (i, size) => i === 0 || i === 1 || i === size });
  if (story.divergence.rules.length === 0) text += `${fitLine(`rules: ${NO_RULE}`)}\n`;
  for (const r of story.divergence.rules) text += `${fitLine(`${r.id} (${r.source}): ${r.statement}`)}\n`;
  return text;
}

import type { CampaignReport } from './CampaignReport.js';
import type { Renderer } from './Renderer.js';
import { storyText } from './storyText.js';
import { formatDuration } from '../model/Params.js';
import { delayWords, timingWords } from './timingWords.js';
import { campaignLaneRequests } from './campaignLaneRequests.js';
import { fitLine } from './_internals/fitLine.js';
import { fitTable } from './_internals/fitTable.js';

/** `campaign status` and `campaign report` for people: the verdict of each profile, each lane's progress and requests, each refutation's explanation. */
export const campaignText: Renderer<CampaignReport> = (r) => {
  let text = `${fitLine(`campaign ${r.dir} (${r.state}): started ${r.started}, until ${r.until}; ${r.events} events, ${r.requests} requests`, [r.dir])}\n`;
  text += fitTable(
    [
      ['profile', 'verdict', 'line', 'rules'],
      ...r.profiles.map((p) => [
        p.profile,
        p.verdict === 'diverges' ? 'REFUTED' : p.verdict === 'conforms' ? 'holds so far' : 'unknown',
        p.line === undefined ? '' : String(p.line),
        p.rules.join(', '),
      ]),
    ],
    { drawHorizontalLine: (i, size) => i === 0 || i === 1 || i === size },
  );
  if (r.state === 'running')
    text += fitTable(
      [
        ['test user', 'stories', 'story under way', 'step', 'next step due', 'requests'],
        ...r.lanes.map((l) => [
          l.user,
          String(l.stories),
          l.story === null ? '' : cutAtStep(l.story, STORY_WIDTH),
          l.story === null ? '' : `${l.done} of ${l.of}`,
          l.next ?? '',
          campaignLaneRequests(l),
        ]),
      ],
      { drawHorizontalLine: (i, size) => i === 0 || i === 1 || i === size },
    );
  else
    text += fitTable([['test user', 'stories', 'requests'], ...r.lanes.map((l) => [l.user, String(l.stories), campaignLaneRequests(l)])], {
      drawHorizontalLine: (i, size) => i === 0 || i === 1 || i === size,
    });
  if (r.timings !== undefined && r.timings.length > 0) {
    text += `\n${fitLine("the tenant's timings as the journal bounds them (each parameter tried with the profile's others as they are):")}\n`;
    text += fitTable(
      [
        ['profile', 'parameter', "profile's value", 'journal consistent with'],
        ...r.timings.map((t) => [t.profile, t.param, formatDuration(t.value), timingWords(t)]),
      ],
      { drawHorizontalLine: (i, size) => i === 0 || i === 1 || i === size },
    );
  }
  if (r.observed !== undefined && r.observed.length > 0) {
    text += `\n${fitLine("when each surface showed each change (the looks that bound it; the tenant's own times):")}\n`;
    text += fitTable(
      [
        ['test user', 'change', 'line', 'surface', 'shown after the change'],
        ...r.observed.map((d) => [d.user, d.change, String(d.line), d.surface, delayWords(d)]),
      ],
      { drawHorizontalLine: (i, size) => i === 0 || i === 1 || i === size },
    );
  }
  for (const p of r.profiles) {
    if (p.explanation === undefined) continue;
    text += `\n${fitLine(`${p.profile} cannot explain this part of the journal (length ${p.explanation.length}; lines as in ${r.journal}):`, [r.journal])}\n`;
    text += storyText(p.explanation);
  }
  if (r.torn !== undefined)
    text += `${fitLine(`warning: ${r.journal}:${r.torn.line} is torn: the next resume cuts it off`, [r.journal])}\n`;
  return text;
};

/** The width of the status table's story column. */
export const STORY_WIDTH = 40;

/**
 * A story's words (`; ` between steps) cut at a step boundary to fit `width` characters, an ellipsis
 * saying steps were left off; a first step longer than the width alone is cut in it.
 */
export function cutAtStep(story: string, width: number): string {
  if (story.length <= width) return story;
  let shown = '';
  for (const w of story.split('; ')) {
    const next = shown === '' ? w : `${shown}; ${w}`;
    // room left for the "; …" that says more follows
    if (next.length + 3 > width) break;
    shown = next;
  }
  return shown === '' ? `${story.slice(0, width - 1)}…` : `${shown}; …`;
}

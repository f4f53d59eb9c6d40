import type { CheckReport } from './CheckReport.js';
import { describeEvent } from './describeEvent.js';
import type { Block, Cell, Doc } from './Doc.js';
import { NO_RULE } from './storyWords.js';

/** The verdict table of `check`, a row per profile: what the text and the document both show. */
export const CHECK_HEAD = ['profile', 'verdict', 'line', 'event', 'allowed', 'rules'];
export function checkRows(report: CheckReport): Cell[][] {
  return report.results.map((r) => {
    if (r.verdict === 'conforms') return [r.profile, { text: 'conforms', tone: 'good' }, '', '', '', ''];
    if (r.verdict === 'unknown') return [r.profile, { text: 'unknown', tone: 'unknown' }, String(r.line), r.reason, '', ''];
    const d = r.divergence;
    const at = typeof d.event.at === 'string' ? `${d.event.at} ` : '';
    return [
      r.profile,
      { text: 'DIVERGES', tone: 'bad' },
      String(d.line),
      `${at}${describeEvent(d.event)}`,
      d.allowed.join(', ') || '(not in this profile)',
      d.rules.join(', ') || NO_RULE,
    ];
  });
}

/** `check` as a document: the verdict of each profile, each divergence's story, the rules cited. */
export function checkDoc(report: CheckReport): Doc {
  const rows = checkRows(report);
  const diverging = report.results.filter((r) => r.verdict === 'diverges').length;
  const blocks: Block[] = [
    {
      kind: 'paragraph',
      text:
        diverging === 0
          ? `The trace conforms to every profile checked.`
          : `The trace diverges from ${diverging} of ${report.results.length} profiles checked.`,
      tone: diverging === 0 ? 'good' : 'bad',
    },
    { kind: 'table', head: CHECK_HEAD, rows },
  ];
  for (const r of report.results) {
    if (r.verdict !== 'diverges' || r.story === undefined) continue;
    blocks.push({ kind: 'heading', level: 2, text: `Where ${r.profile} diverges` }, { kind: 'story', story: r.story, profile: r.profile });
  }
  if (report.cited !== undefined && report.cited.length > 0)
    blocks.push(
      { kind: 'heading', level: 2, text: 'Rules cited' },
      { kind: 'list', items: report.cited.map((c) => `${c.id} (${c.source}): ${c.statement}`) },
    );
  blocks.push({ kind: 'paragraph', text: 'Re-check offline:' }, { kind: 'code', text: `photosync check ${report.trace} --profile all` });
  if (report.torn !== undefined) blocks.push({ kind: 'paragraph', text: `warning: ${report.torn.message}`, tone: 'unknown' });
  return { title: `photosync check: ${report.trace}`, blocks };
}

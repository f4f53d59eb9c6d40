import { cellText, cellTone, type Block, type Cell, type Doc } from './Doc.js';
import { formatOffset } from './formatTime.js';
import type { ReportMeta } from './ReportMeta.js';
import type { Story } from './Story.js';
import { allowedWords, NO_RULE, seenWords, stepWords } from './storyWords.js';
import { terminalSafe } from './_internals/terminalSafe.js';

const MARK = { good: '✅ ', bad: '❌ ', unknown: '❔ ', plain: '' } as const;

/** Text for a Markdown table cell or paragraph: no markup of its own, one line. */
// a Markdown file is also read with `cat`: a control character from a trace is shown, not obeyed
function escape(text: string): string {
  return terminalSafe(
    text
      .replace(/\\/g, '\\\\')
      .replace(/([|*_`<>[\]])/g, '\\$1')
      .replace(/\r?\n/g, '<br>'),
  );
}

function cell(c: Cell): string {
  return `${MARK[cellTone(c)]}${escape(cellText(c))}`;
}

function tableOf(head: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(head.map(escape)), line(head.map(() => '---')), ...rows.map((r) => line(r.map(cell)))].join('\n');
}

/** A counterexample in Markdown: the steps as a table, the divergent one marked, then its windows and rules. */
function storyBlock(story: Story, profile: string): string {
  const rows: Cell[][] = story.steps.map((s) => {
    const diverges = s.line === story.divergence.line;
    const seen = seenWords(s);
    const step = stepWords(s);
    const allowed = allowedWords(s.allowed);
    return [
      String(s.n),
      String(s.line),
      formatOffset(s.offset),
      step,
      diverges ? { text: `${seen} (diverges)`, tone: 'bad' } : seen,
      allowed,
    ];
  });
  const parts = [
    `Story against **${escape(profile)}**, length ${story.length} (actions and observations; waits do not count), from ${escape(story.start)}:`,
    tableOf(['#', 'line', 'time', 'step', 'seen', 'allowed'], rows),
  ];
  if (story.divergence.windows.length > 0)
    parts.push(
      `Windows the model reasoned with at line ${story.divergence.line}:\n\n` +
        story.divergence.windows
          .map(
            (w) =>
              `- ${escape(w.lane)}: ${w.kind} ${w.photos.length > 0 ? `${escape(w.photos.join(', '))} ` : ''}from ${w.from} to ${w.to} (${w.rules.join(', ') || 'no rule'})`,
          )
          .join('\n'),
    );
  const rules = story.divergence.rules;
  parts.push(
    rules.length === 0 ? `Rules: ${NO_RULE}.` : rules.map((r) => `- **${r.id}** (${escape(r.source)}): ${escape(r.statement)}`).join('\n'),
  );
  return parts.join('\n\n');
}

function block(b: Block): string {
  switch (b.kind) {
    case 'heading':
      return `${'#'.repeat(b.level)} ${escape(b.text)}`;
    case 'paragraph':
      return `${MARK[b.tone ?? 'plain']}${escape(b.text)}`;
    case 'list':
      return b.items.map((i) => `- ${escape(i)}`).join('\n');
    case 'table':
      return tableOf(b.head, b.rows);
    case 'code':
      return `\`\`\`\n${b.text}\n\`\`\``;
    case 'story':
      return storyBlock(b.story, b.profile);
  }
}

/** A report's document as Markdown, for a ticket or a wiki page: the same content as the HTML, without the picture. */
export function markdownRenderer(doc: Doc, meta: ReportMeta): string {
  return `${[`# ${escape(doc.title)}`, ...doc.blocks.map(block), `_${meta.tool.name} ${meta.tool.version}, ${meta.generated}_`].join('\n\n')}\n`;
}

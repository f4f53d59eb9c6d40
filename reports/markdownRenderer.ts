import { cellText, cellTone, type Block, type Cell, type Doc } from './Doc.js';
import { formatOffset } from './formatTime.js';
import type { ReportMeta } from './ReportMeta.js';
import type { Story } from './Story.js';
import { allowedWords, NO_RULE, seenWords, stepWords, storyUsersWords } from './storyWords.js';
import { terminalSafe } from './_internals/terminalSafe.js';

const MARK = { good: '✅ ', bad: '❌ ', unknown: '❔ ', plain: '' } as const;

/**
 * Text for a Markdown table cell or paragraph: no markup of its own, one line. GitHub's Markdown
 * also makes a link of a bare URL (`https://x`, `www.x`) and of a scheme (`mailto:`, `xmpp:`):
 * their colon and dot are escaped, so that they stay text; so are `~` (strikes through), `&` (an
 * entity) and `#` (a heading). An e-mail address alone (`a@b.example`) still becomes a link there:
 * no escape stops it.
 */
// a Markdown file is also read with `cat`: a control character from a trace is shown, not obeyed
function escape(text: string): string {
  return terminalSafe(
    text
      .replace(/\\/g, '\\\\')
      .replace(/([|*_`<>[\]~&#])/g, '\\$1')
      .replace(/:(?=\/\/)|(?<=mailto|xmpp):/gi, '\\:')
      .replace(/(www)\./gi, '$1\\.')
      .replace(/\r?\n/g, '<br>'),
  );
}

/** Text that starts a paragraph or a list item: escaped, and what would open a list or a heading there too. */
function escapeLine(text: string): string {
  return escape(text)
    .replace(/^(\s*)([-+=])/, '$1\\$2')
    .replace(/^(\s*\d+)([.)])/, '$1\\$2');
}

/**
 * A command or a path as a code block: a fence longer than any run of backticks in it, which
 * cannot close it early; each line's control characters shown, as elsewhere.
 */
function codeBlock(text: string): string {
  const fence = '`'.repeat(Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length)) + 1);
  return `${fence}\n${text.split('\n').map(terminalSafe).join('\n')}\n${fence}`;
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
    `Story against **${escape(profile)}**, length ${story.length} (actions and observations; waits do not count), from ${escape(story.start)}.`,
    `${escape(storyUsersWords(story))}.`,
    tableOf(['#', 'line', 'time', 'step', 'seen', 'allowed'], rows),
  ];
  if (story.divergence.windows.length > 0)
    parts.push(
      `Windows the model reasoned with at line ${story.divergence.line}:\n\n` +
        story.divergence.windows
          .map(
            (w) =>
              `- ${escapeLine(w.lane)}: ${escape(w.kind)} ${w.photos.length > 0 ? `${escape(w.photos.join(', '))} ` : ''}from ${escape(w.from)} to ${escape(w.to)} (${w.rules.join(', ') || 'no rule'})`,
          )
          .join('\n'),
    );
  const rules = story.divergence.rules;
  // the lead line keeps the rules a list of their own: right after the windows' list, they would join it
  parts.push(
    rules.length === 0
      ? `Rules: ${NO_RULE}.`
      : `Rules:\n\n${rules.map((r) => `- **${escape(r.id)}** (${escape(r.source)}): ${escape(r.statement)}`).join('\n')}`,
  );
  return parts.join('\n\n');
}

function block(b: Block): string {
  switch (b.kind) {
    case 'heading':
      return `${'#'.repeat(b.level)} ${escape(b.text)}`;
    case 'paragraph':
      return `${MARK[b.tone ?? 'plain']}${escapeLine(b.text)}`;
    case 'list':
      return b.items.map((i) => `- ${escapeLine(i)}`).join('\n');
    case 'table':
      return tableOf(b.head, b.rows);
    case 'code':
      return codeBlock(b.text);
    case 'story':
      return storyBlock(b.story, b.profile);
  }
}

/** A report's document as Markdown, for a ticket or a wiki page: the same content as the HTML, without the picture. */
export function markdownRenderer(doc: Doc, meta: ReportMeta): string {
  return `${[`# ${escape(doc.title)}`, ...doc.blocks.map(block), `_${meta.tool.name} ${meta.tool.version}, ${meta.generated}_`].join('\n\n')}\n`;
}

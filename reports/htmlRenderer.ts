import type { WindowKind } from '../model/Window.js';
import { cellText, cellTone, type Block, type Cell, type Doc, type Tone } from './Doc.js';
import { formatOffset } from './formatTime.js';
import type { ReportMeta } from './ReportMeta.js';
import type { Story } from './Story.js';
import { NO_RULE, stepWords, storyUsersWords } from './storyWords.js';
import { escapeXml as esc } from './_internals/escapeXml.js';
import { timelineSvg } from './timelineSvg.js';
import { WINDOW_KIND_COLOUR, WINDOW_KIND_MEANING, WINDOW_KIND_WORDS } from './windowKinds.js';

/** The text marker of each tone, so that a verdict does not rest on colour alone. */
const MARK: { readonly [T in Tone]: string } = { good: '✓', bad: '✗', unknown: '?', plain: '' };

// base-uri and form-action do not fall back to default-src: they are closed by name
const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

const CSS = `
:root { color-scheme: light; --ink: #1f2328; --muted: #59636e; --line: #d1d9e0; --page: #f5f6f8; --card: #ffffff;
  --good: #1a7f37; --good-bg: #dafbe1; --bad: #cf222e; --bad-bg: #ffebe9; --unknown: #7d4e00; --unknown-bg: #fff8c5; }
* { box-sizing: border-box; }
html { background: var(--page); }
body { margin: 0; color: var(--ink); font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 1100px; margin: 0 auto; padding: 28px 24px 8px; }
h1 { font-size: 1.55rem; line-height: 1.25; margin: 0 0 18px; }
h2 { font-size: 1.2rem; margin: 28px 0 10px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
h3 { font-size: 1.05rem; margin: 22px 0 8px; }
h4 { font-size: .95rem; margin: 18px 0 6px; }
p { margin: 8px 0; }
/* a value from a trace may be one long word: it wraps rather than widening the page */
h1, h2, h3, h4, p, li, dt, dd { overflow-wrap: anywhere; }
ul { margin: 8px 0; padding-left: 22px; }
code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; font-size: 13px; }
pre { background: var(--card); border: 1px solid var(--line); border-radius: 6px; padding: 10px 12px; overflow-x: auto; white-space: pre-wrap; word-break: break-all; }
/* a table wider than the page (a phone, a long value) scrolls in its frame, not the page */
.table-frame { overflow-x: auto; margin: 10px 0; }
table { border-collapse: collapse; width: 100%; background: var(--card); border: 1px solid var(--line); margin: 0; font-size: 14px; }
th, td { text-align: left; vertical-align: top; padding: 6px 10px; border-bottom: 1px solid var(--line); overflow-wrap: break-word; }
th { background: #eef1f4; font-weight: 600; white-space: nowrap; }
tbody tr:last-child td { border-bottom: 0; }
td.tone-good { color: var(--good); background: var(--good-bg); font-weight: 600; }
td.tone-bad { color: var(--bad); background: var(--bad-bg); font-weight: 600; }
td.tone-unknown { color: var(--unknown); background: var(--unknown-bg); font-weight: 600; }
.mark { display: inline-block; min-width: 1.1em; font-weight: 700; }
p.tone { padding: 8px 12px; border-radius: 6px; border-left: 4px solid; }
p.tone-good { color: var(--good); background: var(--good-bg); border-color: var(--good); }
p.tone-bad { color: var(--bad); background: var(--bad-bg); border-color: var(--bad); }
p.tone-unknown { color: var(--unknown); background: var(--unknown-bg); border-color: var(--unknown); }
p.tone-plain { border-color: var(--line); background: var(--card); }
.story { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 14px 18px 10px; margin: 16px 0 24px; }
.story .summary { font-size: 15px; margin: 0 0 4px; }
.story .summary .verdict { color: var(--bad); font-weight: 700; letter-spacing: .02em; }
.story .users { color: var(--muted); font-size: 13px; margin: 0 0 8px; }
.timeline-frame { overflow-x: auto; margin: 10px -6px; padding: 0 6px; }
.timeline-frame svg { display: block; }
.kinds { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; font-size: 13px; color: var(--muted); margin: 6px 0 10px; }
.kinds dt { font-weight: 600; }
.kinds .swatch { display: inline-block; width: 12px; height: 10px; border: 1px solid; border-radius: 2px; margin-right: 6px; vertical-align: -1px; }
.story .sub { color: var(--muted); text-transform: uppercase; letter-spacing: .05em; font-size: 12px; margin: 16px 0 4px; padding: 0; border: 0; }
table.compact { font-size: 13px; }
table.compact th, table.compact td { padding: 4px 8px; }
table.compact td.num { text-align: right; font-variant-numeric: tabular-nums; color: var(--muted); }
table.compact td.time { white-space: nowrap; font-variant-numeric: tabular-nums; }
table.compact tr.divergent td { background: var(--bad-bg); }
table.compact tr.divergent td.seen { color: var(--bad); font-weight: 700; }
table.compact tr.wait td { color: var(--muted); }
td img, .kinds img { width: 16px; height: 16px; vertical-align: -3px; margin-left: 4px; border: 1px solid var(--line); object-fit: cover; }
td.rule { font-weight: 600; white-space: nowrap; }
footer { max-width: 1100px; margin: 24px auto 0; padding: 10px 24px 28px; color: var(--muted); font-size: 12px; border-top: 1px solid var(--line); }
@media (max-width: 600px) {
  main { padding: 16px 12px 8px; }
  footer { padding: 10px 12px 20px; }
  .story { padding: 10px 12px 8px; }
}
@media print {
  html, body { background: #ffffff; }
  body { font-size: 10.5pt; }
  main, footer { max-width: none; padding-left: 0; padding-right: 0; }
  .timeline-frame { overflow: visible; margin: 8px 0; padding: 0; }
  .timeline-frame svg { max-width: 100%; height: auto; }
  .story { break-inside: avoid-page; border-color: #999999; }
  /* paper does not scroll: a table fits the page, a long value wrapping where it must */
  .table-frame { overflow: visible; }
  th, td { overflow-wrap: anywhere; }
  tr, figure { break-inside: avoid; }
  h2, h3, h4 { break-after: avoid; }
  * { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
}
`;

/** A document as one self-contained HTML file: inline style and SVG, nothing to fetch, no script. */
export function htmlRenderer(doc: Doc, meta: ReportMeta): string {
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${esc(CSP)}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta name="generator" content="${esc(`${meta.tool.name} ${meta.tool.version}`)}">`,
    `<title>${esc(doc.title)}</title>`,
    `<style>${CSS}</style>`,
    '</head>',
    '<body>',
    '<main>',
    `<h1>${esc(doc.title)}</h1>`,
    ...renderBlocks(doc.blocks),
    '</main>',
    `<footer>${esc(`${meta.tool.name} ${meta.tool.version}, ${meta.generated}`)}</footer>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** The rank of a document's heading: its Markdown level (`#` is the title, the page's h1), h2 at least. */
const headingRank = (level: number) => Math.max(2, level);

/** The blocks in order, a story's own headings one rank below the heading it stands under, so that no rank is skipped. */
function renderBlocks(blocks: readonly Block[]): string[] {
  let rank = 1;
  return blocks.map((block) => {
    if (block.kind === 'heading') rank = headingRank(block.level);
    return renderBlock(block, Math.min(rank + 1, 6));
  });
}

function renderBlock(block: Block, subRank: number): string {
  switch (block.kind) {
    case 'heading': {
      const tag = `h${headingRank(block.level)}`;
      return `<${tag}>${esc(block.text)}</${tag}>`;
    }
    case 'paragraph':
      return block.tone === undefined
        ? `<p>${esc(block.text)}</p>`
        : `<p class="tone tone-${block.tone}">${marked(block.tone, block.text)}</p>`;
    case 'list':
      return `<ul>\n${block.items.map((i) => `<li>${esc(i)}</li>`).join('\n')}\n</ul>`;
    case 'table':
      return renderTable(block.head, block.rows);
    case 'code':
      return `<pre><code>${esc(block.text)}</code></pre>`;
    case 'story':
      return renderStory(block.story, block.profile, subRank);
  }
}

function marked(tone: Tone, text: string): string {
  const mark = MARK[tone];
  return mark === '' ? esc(text) : `<span class="mark" aria-hidden="true">${mark}</span> ${esc(text)}`;
}

function renderTable(head: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const cell = (c: Cell) => {
    const tone = cellTone(c);
    return tone === 'plain' ? `<td>${esc(cellText(c))}</td>` : `<td class="tone-${tone}">${marked(tone, cellText(c))}</td>`;
  };
  return framedTable(
    '',
    head.map(esc),
    rows.map((r) => `<tr>${r.map(cell).join('')}</tr>`),
  );
}

/** A table of rows (each a `<tr>`) under its column headers, in a frame that scrolls it sideways where it is wider than the page. */
function framedTable(cls: string, head: readonly string[], rows: readonly string[]): string {
  return [
    '<div class="table-frame">',
    `<table${cls === '' ? '' : ` class="${cls}"`}>`,
    `<thead><tr>${head.map((h) => `<th scope="col">${h}</th>`).join('')}</tr></thead>`,
    '<tbody>',
    ...rows,
    '</tbody>',
    '</table>',
    '</div>',
  ].join('\n');
}

function renderStory(story: Story, profile: string, subRank: number): string {
  const sub = (text: string) => `<h${subRank} class="sub">${text}</h${subRank}>`;
  const divergent = story.steps.find((s) => s.line === story.divergence.line);
  const images = new Map(Object.entries(story.images ?? {}).filter(([, uri]) => /^data:image\//i.test(uri)));
  const photo = (p: string) => `${esc(p)}${images.has(p) ? `<img alt="" src="${esc(images.get(p)!)}">` : ''}`;
  const allowedHtml = (allowed: readonly string[] | undefined) =>
    allowed === undefined ? '' : allowed.length === 0 ? '(not in this profile)' : allowed.map(photo).join(', ');
  const stepText = stepWords;

  const rules = story.divergence.rules.map((r) => r.id).join(', ');
  let what = '';
  if (divergent !== undefined) {
    const allowed = story.divergence.allowed.length === 0 ? 'nothing (not in this profile)' : story.divergence.allowed.join(', ');
    what =
      divergent.event.see !== undefined
        ? `${stepText(divergent)} showed ${divergent.seen}; the model allowed ${allowed}`
        : `${stepText(divergent)} gave ${divergent.seen}; the model allowed ${allowed}`;
  }
  const summary = [
    `<p class="summary"><span class="verdict"><span class="mark" aria-hidden="true">${MARK.bad}</span> DIVERGES${divergent === undefined ? '' : ` at step ${divergent.n}`}</span>`,
    ` · profile <strong>${esc(profile)}</strong> · ${story.length} action${story.length === 1 ? '' : 's'} and observation${story.length === 1 ? '' : 's'}`,
    divergent === undefined ? '' : ` · trace line ${divergent.line}, ${esc(formatOffset(divergent.offset))}`,
    what === '' ? '' : `<br>${esc(what)} (${rules === '' ? esc(NO_RULE) : `<strong>${esc(rules)}</strong>`}).`,
    '</p>',
  ].join('');
  const users = `<p class="users">${esc(storyUsersWords(story))}.</p>`;

  const kinds = [...new Set(story.divergence.windows.map((w) => w.kind))] as WindowKind[];
  const legend =
    kinds.length === 0
      ? ''
      : `<dl class="kinds">${kinds
          .map(
            (k) =>
              `<dt><span class="swatch" style="background:${WINDOW_KIND_COLOUR[k]}38;border-color:${WINDOW_KIND_COLOUR[k]}"></span>${esc(WINDOW_KIND_WORDS[k])}</dt><dd style="margin:0">${esc(WINDOW_KIND_MEANING[k])}</dd>`,
          )
          .join('')}</dl>`;

  const ruleRows = story.divergence.rules.map(
    (r) => `<tr><td class="rule">${esc(r.id)}</td><td>${esc(r.statement)}</td><td>${esc(r.source)}</td></tr>`,
  );
  const stepRows = story.steps.map((s) => {
    const isDivergent = s === divergent;
    const isWait = s.event.do === 'wait';
    const seen = isWait ? '' : `${photo(s.seen)}${isDivergent ? ` <span class="mark" aria-hidden="true">${MARK.bad}</span>DIVERGES` : ''}`;
    const cls = isDivergent ? ' class="divergent"' : isWait ? ' class="wait"' : '';
    return `<tr${cls}><td class="num">${s.n}</td><td class="num">${s.line}</td><td class="time" title="${esc(s.at)}">${esc(formatOffset(s.offset))}</td><td>${esc(stepText(s))}</td><td class="seen">${seen}</td><td>${allowedHtml(s.allowed)}</td></tr>`;
  });

  return [
    '<section class="story">',
    summary,
    users,
    `<figure class="timeline-frame" style="margin:10px -6px">${timelineSvg(story)}</figure>`,
    legend,
    sub('Rules cited'),
    // an empty table would read as rules missing: the words say why there are none
    ruleRows.length === 0 ? `<p>${esc(NO_RULE)}.</p>` : framedTable('compact rules', ['Rule', 'Statement', 'Source'], ruleRows),
    sub('Steps'),
    framedTable('compact steps', ['#', 'Line', 'Time', 'Step', 'Seen', 'Allowed'], stepRows),
    '</section>',
  ].join('\n');
}

import { describe, expect, it } from 'vitest';
import type { Block, Doc, Tone } from './Doc.js';
import { htmlRenderer } from './htmlRenderer.js';
import type { ReportMeta } from './ReportMeta.js';
import { toStory } from './Story.js';
import { mutant, run } from './story.testkit.js';
import { escapeXml } from './_internals/escapeXml.js';
import { windowLabel } from './timelineSvg.js';
import { NO_RULE } from './storyWords.js';

const meta: ReportMeta = { tool: { name: 'photosync', version: '9.8.7-test' }, generated: '2031-02-03T04:05:06.007Z' };
const TONES: readonly Tone[] = ['good', 'bad', 'unknown', 'plain'];

/** A report of a run that conforms, as a document of every kind of block but a story. */
async function conformingDoc(): Promise<Doc> {
  const r = await run(false);
  expect(r.verdict.verdict).toBe('conforms');
  return {
    title: `photosync run: sim threewill-2014 against ${r.start.users.map((u) => u.id).join(', ')}`,
    blocks: [
      { kind: 'paragraph', text: `conforms in 1 run (${r.events.length} actions and observations checked, seed 5)`, tone: 'good' },
      { kind: 'heading', level: 2, text: 'Profiles' },
      { kind: 'table', head: ['profile', 'verdict'], rows: TONES.map((tone) => [`profile-${tone}`, { text: `verdict-${tone}`, tone }]) },
      { kind: 'list', items: r.events.map((e) => JSON.stringify(e)) },
      { kind: 'paragraph', text: 'Replay:' },
      { kind: 'code', text: 'photosync run --seed 5 --runs 1' },
    ],
  };
}

async function divergingDoc() {
  const story = toStory(await run(), mutant.minimalLength)!;
  const doc: Doc = {
    title: 'photosync run: sim threewill-2014 (mutant owa-caches-ten-minutes) against threewill-2014',
    blocks: [
      { kind: 'paragraph', text: 'DIVERGES, found after 1 run', tone: 'bad' },
      { kind: 'story', story, profile: 'threewill-2014' },
    ],
  };
  return { story, doc };
}

/** What may make a browser fetch: a URL anywhere, an attribute that loads, a CSS url(). */
function externalReferences(html: string): string[] {
  return [
    ...html.matchAll(/https?:[^\s"'<>]*/gi),
    ...html.matchAll(/<[a-z][^>]*\s(?:src|href|srcset|action|poster)\s*=\s*(?!["']?data:image\/)["']?[^\s"'>]*/gi),
    ...html.matchAll(/url\(|@import|<script|<link|<iframe|<object|<embed/gi),
  ].map((m) => m[0]);
}

describe('htmlRenderer', () => {
  it('writes one HTML5 document that fetches nothing: a strict CSP, inline style only, no script, no external reference', async () => {
    for (const doc of [await conformingDoc(), (await divergingDoc()).doc]) {
      const html = htmlRenderer(doc, meta);
      expect(html).toMatch(/^<!doctype html>\n<html lang="en">/);
      expect(html).toContain(
        `<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; style-src &#39;unsafe-inline&#39;; img-src data:; base-uri &#39;none&#39;; form-action &#39;none&#39;">`,
      );
      expect(html).toMatch(/<style>[^<]+<\/style>/);
      expect(externalReferences(html)).toEqual([]);
      expect(html.trimEnd()).toMatch(/<\/html>$/);
    }
  });

  it('titles the page with the document title and signs it with the tool, its version and the time', async () => {
    const doc = await conformingDoc();
    const html = htmlRenderer(doc, meta);
    expect(html).toContain(`<title>${escapeXml(doc.title)}</title>`);
    expect(html).toContain(`<h1>${escapeXml(doc.title)}</h1>`);
    expect(html).toContain(`<footer>photosync 9.8.7-test, 2031-02-03T04:05:06.007Z</footer>`);
  });

  it('renders each block: headings under the title paragraphs, lists, code, and tables whose verdicts have a colour and a mark', async () => {
    const doc = await conformingDoc();
    const html = htmlRenderer(doc, meta);
    for (const block of doc.blocks) {
      // a document's levels are Markdown's, whose `#` is the title: the page's h1
      if (block.kind === 'heading') expect(html).toContain(`<h${block.level}>${escapeXml(block.text)}</h${block.level}>`);
      if (block.kind === 'paragraph' && block.tone === undefined) expect(html).toContain(`<p>${escapeXml(block.text)}</p>`);
      if (block.kind === 'paragraph' && block.tone !== undefined)
        expect(html).toMatch(new RegExp(`<p class="tone tone-${block.tone}">.*${block.text.slice(0, 12)}`));
      if (block.kind === 'list') for (const item of block.items) expect(html).toContain(`<li>${escapeXml(item)}</li>`);
      if (block.kind === 'code') expect(html).toContain(`<pre><code>${escapeXml(block.text)}</code></pre>`);
      if (block.kind === 'table') for (const h of block.head) expect(html).toContain(`<th scope="col">${escapeXml(h)}</th>`);
      // a table wider than a phone scrolls in its frame, not the page
      if (block.kind === 'table') expect(html).toMatch(/<div class="table-frame">\n<table>/);
    }
    // a verdict is told by colour and by a mark; a plain cell by neither
    const marks = { good: '✓', bad: '✗', unknown: '?' };
    for (const tone of ['good', 'bad', 'unknown'] as const)
      expect(html).toContain(`<td class="tone-${tone}"><span class="mark" aria-hidden="true">${marks[tone]}</span> verdict-${tone}</td>`);
    expect(html).toContain('<td>verdict-plain</td>');
    for (const tone of ['good', 'bad', 'unknown'])
      expect(html).toMatch(new RegExp(`td\\.tone-${tone} \\{ color: var\\(--${tone}\\); background: var\\(--${tone}-bg\\)`));
  });

  it('escapes & < > " and \' in every text of every block', async () => {
    const { story } = await divergingDoc();
    const nasty = `<img src=x onerror="alert('x')"> & done`;
    const blocks: Block[] = [
      { kind: 'heading', level: 1, text: nasty },
      { kind: 'paragraph', text: nasty },
      { kind: 'paragraph', text: nasty, tone: 'unknown' },
      { kind: 'list', items: [nasty] },
      { kind: 'table', head: [nasty], rows: [[nasty, { text: nasty, tone: 'bad' }]] },
      { kind: 'code', text: nasty },
      { kind: 'story', profile: nasty, story: { ...story, users: [{ id: nasty, photo: nasty }] } },
    ];
    const html = htmlRenderer({ title: nasty, blocks }, { ...meta, generated: nasty });
    expect(html).not.toContain('<img src=x');
    expect(html).not.toMatch(/onerror="/);
    const escaped = escapeXml(nasty);
    expect(escaped).toBe('&#60;img src=x onerror=&#34;alert(&#39;x&#39;)&#34;&#62; &#38; done');
    // title, h1, footer, and each block (a table has two cells and a head)
    expect(html.split(escaped).length - 1).toBeGreaterThanOrEqual(3 + blocks.length + 2);
    expect(externalReferences(html)).toEqual([]);
  });

  it('tells a diverging story: the summary, the timeline, the rules with statement and source, each window and each step', async () => {
    const { story, doc } = await divergingDoc();
    const html = htmlRenderer(doc, meta);
    const divergent = story.steps.find((s) => s.line === story.divergence.line)!;
    expect(html).toContain(`DIVERGES at step ${divergent.n}</span>`);
    expect(html).toMatch(/<figure class="timeline-frame"[^>]*>\s*<svg class="timeline"/);
    for (const r of story.divergence.rules)
      expect(html).toContain(`<tr><td class="rule">${r.id}</td><td>${escapeXml(r.statement)}</td><td>${escapeXml(r.source)}</td></tr>`);
    for (const w of story.divergence.windows) expect(html).toContain(escapeXml(windowLabel(w)));
    expect(html).toContain(escapeXml(`saw ${divergent.seen} — allowed ${story.divergence.allowed.join(', ')}`));
    const steps = /<table class="compact steps">[^]*?<tbody>([^]*?)<\/tbody>/.exec(html)![1]!;
    const rows = steps.match(/<tr[ >]/g) ?? [];
    expect(rows).toHaveLength(story.steps.length);
    const row = new RegExp(
      `<tr class="divergent"><td class="num">${divergent.n}</td><td class="num">${divergent.line}</td>.*<td class="seen">${divergent.seen} .*DIVERGES</td><td>${story.divergence.allowed.join(', ')}</td></tr>`,
    );
    expect(steps).toMatch(row);
    expect(steps.match(/class="divergent"/g)).toHaveLength(1);
  });

  it('embeds the images of a story that has them, as data: URIs, and drops any other', async () => {
    const { story } = await divergingDoc();
    const uri = (p: string) => `data:image/png;base64,${Buffer.from(`image of ${p}`).toString('base64')}`;
    const photos = [...new Set([...story.steps.map((s) => s.seen), ...story.divergence.allowed])].filter((p) => p !== 'ok');
    const images = Object.fromEntries(photos.map((p) => [p, uri(p)]));
    const html = htmlRenderer(
      { title: 'with images', blocks: [{ kind: 'story', story: { ...story, images }, profile: 'threewill-2014' }] },
      meta,
    );
    for (const p of photos) {
      expect(html).toContain(`href="${uri(p)}"`);
      expect(html).toContain(`<img alt="" src="${uri(p)}">`);
    }
    // a story not read through its schema may hold anything: what is not a data: image is not drawn
    const [outside, ...inside] = photos;
    const mixed = { ...images, [outside!]: 'https://example.com/p.png' };
    const risky = htmlRenderer(
      { title: 'mixed', blocks: [{ kind: 'story', story: { ...story, images: mixed }, profile: 'threewill-2014' }] },
      meta,
    );
    expect(risky).not.toContain('example.com');
    for (const p of inside) expect(risky).toContain(`<img alt="" src="${uri(p)}">`);
    expect(externalReferences(risky)).toEqual([]);
    expect(externalReferences(html)).toEqual([]);
    const without = htmlRenderer({ title: 'without', blocks: [{ kind: 'story', story, profile: 'threewill-2014' }] }, meta);
    expect(without).not.toMatch(/<image|<img/);
  });
});

/** The ranks of a page's headings, in order: `h1 h2 h3`. */
const ranks = (html: string) => [...html.matchAll(/<h([1-6])[ >]/g)].map((m) => Number(m[1]));

describe('htmlRenderer, read by a screen reader and on a phone', () => {
  it('never skips a heading rank: the title h1, a document heading h2, the headings of a story one rank below what it stands under', async () => {
    const { story, doc } = await divergingDoc();
    // a run's story stands under the title alone; a check's under its own heading
    const run = ranks(htmlRenderer(doc, meta));
    expect(run).toEqual([1, 2, 2]);
    const check = ranks(
      htmlRenderer(
        {
          title: 'photosync check: t.jsonl',
          blocks: [
            { kind: 'heading', level: 2, text: 'Where threewill-2014 diverges' },
            { kind: 'story', story, profile: 'threewill-2014' },
            { kind: 'heading', level: 2, text: 'Rules cited' },
          ],
        },
        meta,
      ),
    );
    expect(check).toEqual([1, 2, 3, 3, 2]);
    for (const order of [run, check]) for (const [i, r] of order.entries()) expect(r - (order[i - 1] ?? 0)).toBeLessThanOrEqual(1);
  });

  it('says why a story cites no rule rather than showing an empty table of rules', async () => {
    const { story } = await divergingDoc();
    const none = { ...story, divergence: { ...story.divergence, rules: [] } };
    const html = htmlRenderer({ title: 'no rule', blocks: [{ kind: 'story', story: none, profile: 'threewill-2014' }] }, meta);
    expect(html).not.toContain('class="compact rules"');
    expect(html).toContain(`<p>${escapeXml(NO_RULE)}.</p>`);
  });

  it("shows a trace's control characters and bidi overrides escaped, as the text does: they cannot reorder the page", async () => {
    const { story } = await divergingDoc();
    // U+202E would show what follows it backwards: `alice\u202egpj.exe` reads as `aliceexe.jpg`
    const spoof = 'alice\u202egpj.exe\u2066x\u2069\u001b[2J\u0007';
    const users = [{ id: spoof, photo: 'p0' }];
    const steps = story.steps.map((s) => ({ ...s, event: { ...s.event, user: spoof } }));
    const html = htmlRenderer(
      {
        title: `photosync check: ${spoof}.jsonl`,
        blocks: [
          { kind: 'paragraph', text: spoof },
          { kind: 'table', head: ['user'], rows: [[spoof]] },
          { kind: 'code', text: `photosync check '${spoof}.jsonl'` },
          { kind: 'story', story: { ...story, users, steps }, profile: 'threewill-2014' },
        ],
      },
      meta,
    );
    expect(html).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    const shown = 'alice\\u202egpj.exe\\u2066x\\u2069\\u001b[2J\\u0007';
    expect(html).toContain(`<p>${shown}</p>`);
    expect(html).toContain(`<td>${shown}</td>`);
    expect(html).toContain(`subject: ${shown}`);
  });
});

import { describe, expect, it } from 'vitest';
import { checkDoc } from './checkDoc.js';
import type { Doc } from './Doc.js';
import { markdownRenderer } from './markdownRenderer.js';
import { runDoc } from './runDoc.js';
import type { RunReport } from './RunReport.js';
import { toStory } from './Story.js';
import { mutant, run, shortStory } from './story.testkit.js';

const meta = { tool: { name: 'photosync' as const, version: '9.9.9' }, generated: '2026-12-02T17:00:00.000Z' };

function runReport(verdict: 'conforms' | 'diverges', story?: RunReport['counterexample']): RunReport {
  return {
    tenant: { adapter: 'sim', simProfile: 'threewill-2014', mutant: mutant.id },
    profile: 'threewill-2014',
    verdict,
    runs: 7,
    actions: 40,
    undecided: 0,
    seed: 5,
    interrupted: false,
    ms: 12,
    replay: 'photosync run --seed 5 --path 6:0',
    ...(story === undefined ? {} : { counterexample: story, foundLength: 9, trace: 'photosync-traces/x.jsonl' }),
  };
}

describe('markdownRenderer', () => {
  it('tells a diverging run: the verdict, every step with its line, the divergent one marked, its rules with sources, the replay', async () => {
    const r = await run();
    const story = toStory(r, mutant.minimalLength)!;
    const md = markdownRenderer(runDoc(runReport('diverges', story)), meta);
    expect(md).toMatch(/^# photosync run: the simulated tenant/);
    expect(md).toContain('❌ DIVERGES, found after 7 runs');
    for (const s of story.steps) expect(md).toContain(`| ${s.n} | ${s.line} |`);
    expect(md).toContain(`${story.steps.at(-1)!.seen} (diverges)`);
    for (const rule of story.divergence.rules) expect(md).toContain(`**${rule.id}** (${rule.source})`);
    expect(md).toContain('```\nphotosync run --seed 5 --path 6:0\n```');
    expect(md).toContain('photosync 9.9.9, 2026-12-02T17:00:00.000Z');
  });

  it('tells a conforming run in one line, with no story', () => {
    const md = markdownRenderer(runDoc(runReport('conforms')), meta);
    expect(md).toContain('✅ conforms in 7 runs');
    expect(md).not.toContain('| # |');
  });

  it('escapes what would be markup, so that an event cannot break a table', () => {
    const doc: Doc = { title: 'a|b', blocks: [{ kind: 'table', head: ['x'], rows: [['p|1 *bold* <b>']] }] };
    const md = markdownRenderer(doc, meta);
    expect(md).toContain('# a\\|b');
    expect(md).toContain('| p\\|1 \\*bold\\* \\<b\\> |');
  });

  it("shows a check's verdicts and the windows of a divergence", () => {
    const md = markdownRenderer(
      checkDoc({
        trace: 't.jsonl',
        results: [
          { profile: 'threewill-2014', verdict: 'conforms' },
          {
            profile: 'exchange-2015',
            verdict: 'diverges',
            divergence: {
              line: 3,
              event: { at: '2014-04-04T09:01:00Z', see: 'sp-newsfeed', user: 'alice', viewer: 'bob', photo: 'p0' },
              allowed: ['p1'],
              rules: ['SP-SYNC-WINDOW'],
            },
            story: shortStory({
              see: 'sp-newsfeed',
              offset: 259_260_000,
              rules: ['SP-SYNC-WINDOW'],
              windows: [
                {
                  lane: 'sharepoint',
                  kind: 'in-flight',
                  from: '2014-04-01T09:00:00.000Z',
                  to: '2014-04-04T09:00:00.000Z',
                  photos: ['p1'],
                  rules: ['SP-SYNC-WINDOW'],
                },
              ],
            }),
          },
        ],
      }),
      meta,
    );
    expect(md).toContain('| threewill-2014 | ✅ conforms |');
    expect(md).toContain('| exchange-2015 | ❌ DIVERGES | 3 |');
    expect(md).toContain('- sharepoint: in-flight p1 from 2014-04-01T09:00:00.000Z to 2014-04-04T09:00:00.000Z (SP-SYNC-WINDOW)');
    // two profiles were checked: the command re-checks those two
    expect(md).toContain('```\nphotosync check t.jsonl --profile threewill-2014\nphotosync check t.jsonl --profile exchange-2015\n```');
  });

  it('says so where a divergence cites no rule (a photo no store held), rather than leaving the cell blank', () => {
    const md = markdownRenderer(
      checkDoc({
        trace: 't.jsonl',
        results: [
          {
            profile: 'microsoft-2024',
            verdict: 'diverges',
            divergence: {
              line: 3,
              event: { at: '2014-04-01T09:02:00Z', see: 'graph', user: 'alice', viewer: 'bob', photo: 'p9' },
              allowed: ['p1'],
              rules: [],
            },
            story: shortStory({ seen: 'p9', see: 'graph', rules: [] }),
          },
        ],
      }),
      meta,
    );
    expect(md).toContain(
      '| microsoft-2024 | ❌ DIVERGES | 3 | 2014-04-01T09:02:00Z graph of alice to bob: p9 | p1 | no rule: the trace starts so, and nothing since changed it |',
    );
    expect(md).toContain('Rules: no rule: the trace starts so, and nothing since changed it.');
  });
});

/** A row's cells as GitHub's Markdown splits them: at each `|` not escaped. */
const cellsOf = (row: string) => row.split(/(?<!\\)\|/).slice(1, -1);

describe('markdownRenderer, pasted where Markdown is rendered (GitHub, a wiki)', () => {
  const HOSTILE = [
    '<script>alert(1)</script>',
    '"><img src=x onerror=alert(2)>',
    '[x](https://evil.example/p)',
    '<details><summary>s</summary>',
    '~~struck~~',
    '&lt;b&gt;',
    'www.evil.example',
    'HTTPS://evil.example/phish',
    'mailto:a',
    '`code` | cell',
  ].join(' ');

  it('makes nothing from a trace a link, HTML, a strike-through or a cell of its own', () => {
    const story = shortStory({ seen: HOSTILE, see: 'graph' });
    const users = [{ id: HOSTILE, photo: HOSTILE }];
    const md = markdownRenderer(
      {
        title: `photosync check: ${HOSTILE}`,
        blocks: [
          { kind: 'paragraph', text: HOSTILE },
          { kind: 'list', items: [HOSTILE] },
          { kind: 'table', head: ['a', 'b'], rows: [[HOSTILE, { text: HOSTILE, tone: 'bad' }]] },
          { kind: 'story', story: { ...story, users }, profile: 'threewill-2014' },
        ],
      },
      meta,
    );
    const shown =
      '\\<script\\>alert(1)\\</script\\> "\\>\\<img src=x onerror=alert(2)\\> \\[x\\](https\\://evil.example/p) ' +
      '\\<details\\>\\<summary\\>s\\</summary\\> \\~\\~struck\\~\\~ \\&lt;b\\&gt; www\\.evil.example HTTPS\\://evil.example/phish ' +
      'mailto\\:a \\`code\\` \\| cell';
    expect(md).toContain(`# photosync check: ${shown}\n`);
    expect(md).toContain(`\n${shown}\n`);
    expect(md).toContain(`\n- ${shown}\n`);
    expect(md).toContain(`| ${shown} | ❌ ${shown} |`);
    expect(md).toContain(`Users at 2014-04-01T09:00:00.000Z: ${shown} (photo ${shown}).`);
    // no bare URL, scheme, raw tag or strike is left anywhere
    expect(md).not.toMatch(/(?<!\\)(?:https?:\/\/|www\.|mailto:|<(?!br>)|~)/i);
    // every row of every table has as many cells as its head
    for (const table of md.split('\n\n').filter((b) => b.startsWith('| '))) {
      const [head, ...rows] = table.split('\n');
      for (const row of rows) expect(cellsOf(row)).toHaveLength(cellsOf(head!).length);
    }
  });

  it('starts no list, heading or numbered item from a value at the start of a paragraph or an item', () => {
    const md = markdownRenderer(
      {
        title: 't',
        blocks: [
          { kind: 'paragraph', text: '- not an item' },
          { kind: 'paragraph', text: '12. not numbered' },
          { kind: 'list', items: ['+ not nested', '# not a heading', '=== not a heading either'] },
        ],
      },
      meta,
    );
    expect(md).toContain('\n\\- not an item\n');
    expect(md).toContain('\n12\\. not numbered\n');
    expect(md).toContain('\n- \\+ not nested\n- \\# not a heading\n- \\=== not a heading either\n');
  });

  it('fences a command with more backticks than its path holds, so that the path cannot close it, and shows its control characters', () => {
    const trace = 'odd ```\n```\n<b>x</b>\u001b[2J.jsonl';
    const md = markdownRenderer(checkDoc({ trace, results: [{ profile: 'threewill-2014', verdict: 'conforms' }] }), meta);
    const code = /\n(`{3,})\n([^]*?)\n\1\n/.exec(md)!;
    expect(code[1]).toBe('````');
    expect(code[2]).toBe("photosync check 'odd ```\n```\n<b>x</b>\\u001b[2J.jsonl' --profile threewill-2014");
  });

  it("tells a story as the text does: who it starts with, the tenant's photo settings, then the windows and the rules as lists of their own", () => {
    const story = {
      ...shortStory({
        windows: [
          {
            lane: 'owa-contact-card',
            kind: 'reads-back',
            from: '2014-04-01T09:00:00.000Z',
            to: '2014-04-01T09:02:00.000Z',
            photos: [],
            rules: ['OWA-CACHE'],
          },
        ],
      }),
      photoSettings: { source: 'cloud' as const, allowedRoles: ['helpdesk'] },
    };
    const md = markdownRenderer(runDoc(runReport('diverges', story)), meta);
    expect(md).toContain(
      'Users at 2014-04-01T09:00:00.000Z: alice (photo p0); bob (photo none). Tenant photo settings: source cloud, allowed roles helpdesk.',
    );
    // a paragraph between the two lists: else Markdown joins them into one
    expect(md).toMatch(/\n- owa-contact-card: reads-back from [^\n]*\(OWA-CACHE\)\n\nRules:\n\n- \*\*OWA-CACHE\*\* \(/);
  });
});

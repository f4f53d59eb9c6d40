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

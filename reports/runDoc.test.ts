import { describe, expect, it } from 'vitest';
import type { Block } from './Doc.js';
import { runDoc } from './runDoc.js';
import type { RunReport } from './RunReport.js';
import { shortStory } from './story.testkit.js';

const codes = (blocks: readonly Block[]) => blocks.flatMap((b) => (b.kind === 'code' ? [b.text] : []));

describe('runDoc', () => {
  it('gives a re-check command a shell runs as it is, its trace path quoted where a shell would split it', () => {
    const report: RunReport = {
      tenant: { adapter: 'sim', simProfile: 'threewill-2014' },
      profile: 'microsoft-2024',
      verdict: 'diverges',
      runs: 1,
      actions: 3,
      undecided: 0,
      seed: 5,
      interrupted: false,
      ms: 1,
      replay: 'photosync run --seed 5',
      counterexample: shortStory(),
      foundLength: 2,
      trace: "C:/My Traces/it's.jsonl",
    };
    expect(codes(runDoc(report).blocks)).toEqual([
      "photosync check 'C:/My Traces/it'\\''s.jsonl' --profile microsoft-2024",
      'photosync run --seed 5',
    ]);
  });
});

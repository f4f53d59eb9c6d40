import { describe, expect, it } from 'vitest';
import type { MatrixReport } from './MatrixReport.js';
import { matrixDoc } from './matrixDoc.js';
import { shortStory } from './story.testkit.js';

describe('matrixDoc', () => {
  it("says what each refuted profile's command is for, and quotes its trace path where a shell would split it", () => {
    const report: MatrixReport = {
      tenant: { adapter: 'sim', simProfile: 'threewill-2014' },
      interrupted: false,
      ms: 1,
      results: [
        {
          profile: 'microsoft-2024',
          verdict: 'diverges',
          length: 2,
          rules: ['OWA-CACHE'],
          runs: 1,
          undecided: 0,
          seed: 5,
          trace: 'out dir/t.jsonl',
          counterexample: shortStory(),
        },
      ],
    };
    const blocks = matrixDoc(report).blocks;
    const code = blocks.findIndex((b) => b.kind === 'code');
    expect(blocks[code]).toEqual({ kind: 'code', text: "photosync check 'out dir/t.jsonl' --profile microsoft-2024" });
    expect(blocks[code - 1]).toEqual({ kind: 'paragraph', text: 'Its trace, to re-check offline:' });
  });
});

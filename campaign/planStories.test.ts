import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PROFILE_IDS } from '../model/profiles.js';
import { groupStories, nextStory } from './planStories.js';
import type { CampaignStory } from './CampaignStory.js';

const step = (via: string) => ({ do: 'setPhoto', user: 'subject', photo: 'p0', via }) as CampaignStory['steps'][number];
const story = (tenant: string, refutes: string, steps: CampaignStory['steps'], robust = 0): CampaignStory => ({
  id: `${tenant}/${refutes}`,
  tenant,
  refutes,
  steps,
  robust,
});

describe('groupStories', () => {
  it('runs stories with the same steps once, for all the pairs they tell apart, and adds up their waits', () => {
    const groups = groupStories([
      story('a', 'b', [step('graph')]),
      story('c', 'b', [step('graph')]),
      story('a', 'c', [step('sharepoint'), { do: 'wait', ms: 5 }, { do: 'wait', ms: 7 }]),
    ]);
    expect(groups).toHaveLength(2);
    expect(groups.find((g) => g.pairs.length === 2)!.pairs).toEqual([
      { tenant: 'a', refutes: 'b', robust: 0 },
      { tenant: 'c', refutes: 'b', robust: 0 },
    ]);
    expect(groups.find((g) => g.pairs.length === 1)!.duration).toBe(12);
  });
});

describe('nextStory', () => {
  it('takes the story that tells apart the most pairs still standing, the shorter first', () => {
    const groups = groupStories([
      story('a', 'b', [step('graph')]),
      story('c', 'b', [step('graph')]),
      story('a', 'c', [step('outlook-web')]),
      story('b', 'c', [step('outlook-web'), { do: 'wait', ms: 1 }]),
      story('a', 'b', [step('teams')]),
    ]);
    expect(nextStory(groups, new Set(['a', 'b', 'c']), new Set())!.pairs).toHaveLength(2);
    // with b refuted, only what tells a from c is of use
    expect(nextStory(groups, new Set(['a', 'c']), new Set())!.pairs).toEqual([{ tenant: 'a', refutes: 'c', robust: 0 }]);
    expect(nextStory(groups, new Set(['a']), new Set())).toBeUndefined();
  });

  it('weighs each pair by how many histories the story refutes it from', () => {
    const groups = groupStories([
      story('a', 'b', [step('graph')], 0),
      story('c', 'b', [step('graph')], 0),
      story('a', 'c', [step('teams')], 8),
    ]);
    expect(nextStory(groups, new Set(['a', 'b', 'c']), new Set())!.pairs).toEqual([{ tenant: 'a', refutes: 'c', robust: 8 }]);
  });

  it('never hands out a story taken, nor one that cannot refute a profile still standing under another', () => {
    const ids = PROFILE_IDS.slice();
    const arbStory = fc.record({
      tenant: fc.constantFrom(...ids),
      refutes: fc.constantFrom(...ids),
      via: fc.constantFrom('graph', 'sharepoint', 'outlook-web', 'teams'),
    });
    fc.assert(
      fc.property(fc.array(arbStory, { maxLength: 20 }), fc.subarray(ids), fc.array(fc.nat(30)), (specs, standingIds, takenAt) => {
        const groups = groupStories(specs.filter((s) => s.tenant !== s.refutes).map((s) => story(s.tenant, s.refutes, [step(s.via)])));
        const taken = new Set(takenAt.filter((i) => i < groups.length).map((i) => groups[i]!.key));
        const standing = new Set(standingIds);
        const got = nextStory(groups, standing, taken);
        const useful = groups.filter((g) => !taken.has(g.key) && g.pairs.some((p) => standing.has(p.tenant) && standing.has(p.refutes)));
        if (useful.length === 0) expect(got).toBeUndefined();
        else {
          expect(got).toBeDefined();
          expect(taken.has(got!.key)).toBe(false);
          expect(useful).toContain(got);
        }
      }),
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PROFILE_IDS } from '../model/profiles.js';
import { groupStories, nextStory, storySpan } from './planStories.js';
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

describe('storySpan', () => {
  it('is when the last step comes after the story is taken: the waits before it, 1 ms after each step before it, no wait after it', () => {
    const look = { see: 'graph', user: 'subject', viewer: 'viewer' } as CampaignStory['steps'][number];
    expect(storySpan([])).toBe(0);
    expect(storySpan([step('graph')])).toBe(0);
    expect(storySpan([{ do: 'wait', ms: 5 }, step('graph'), step('graph'), { do: 'wait', ms: 7 }, look, { do: 'wait', ms: 100 }])).toBe(14);
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

  it('does not start a story that cannot finish in the room left, taking the best one that can; none when none can', () => {
    const look = { see: 'graph', user: 'subject', viewer: 'viewer' } as CampaignStory['steps'][number];
    const groups = groupStories([
      // the most useful, but its look comes 3 days after its change
      story('a', 'b', [step('graph'), { do: 'wait', ms: 3 * 86_400_000 }, look]),
      story('c', 'b', [step('graph'), { do: 'wait', ms: 3 * 86_400_000 }, look]),
      story('a', 'c', [step('teams'), { do: 'wait', ms: 3_600_000 }, look]),
    ]);
    const standing = new Set(['a', 'b', 'c']);
    expect(nextStory(groups, standing, new Set())!.pairs).toHaveLength(2);
    // its last step must come within the room: the look an hour and 1 ms after the change (a step is made 1 ms after the one before)
    expect(nextStory(groups, standing, new Set(), 2 * 86_400_000)!.pairs).toEqual([{ tenant: 'a', refutes: 'c', robust: 0 }]);
    expect(nextStory(groups, standing, new Set(), 3_600_001)!.pairs).toEqual([{ tenant: 'a', refutes: 'c', robust: 0 }]);
    expect(nextStory(groups, standing, new Set(), 3_600_000)).toBeUndefined();
  });

  it('never hands out a story taken, nor one that cannot refute a profile still standing under another, nor one that cannot finish in the room left', () => {
    const ids = PROFILE_IDS.slice();
    const arbStory = fc.record({
      tenant: fc.constantFrom(...ids),
      refutes: fc.constantFrom(...ids),
      via: fc.constantFrom('graph', 'sharepoint', 'outlook-web', 'teams'),
      wait: fc.nat(20),
    });
    const room = fc.option(fc.nat(25), { nil: undefined });
    fc.assert(
      fc.property(
        fc.array(arbStory, { maxLength: 20 }),
        fc.subarray(ids),
        fc.array(fc.nat(30)),
        room,
        (specs, standingIds, takenAt, left) => {
          const groups = groupStories(
            specs
              .filter((s) => s.tenant !== s.refutes)
              .map((s) => story(s.tenant, s.refutes, [step(s.via), { do: 'wait', ms: s.wait }, step(s.via)])),
          );
          const taken = new Set(takenAt.filter((i) => i < groups.length).map((i) => groups[i]!.key));
          const standing = new Set(standingIds);
          const got = nextStory(groups, standing, taken, left);
          const useful = groups.filter(
            (g) =>
              !taken.has(g.key) &&
              (left === undefined || storySpan(g.steps) <= left) &&
              g.pairs.some((p) => standing.has(p.tenant) && standing.has(p.refutes)),
          );
          if (useful.length === 0) expect(got).toBeUndefined();
          else {
            expect(got).toBeDefined();
            expect(taken.has(got!.key)).toBe(false);
            expect(useful).toContain(got);
          }
        },
      ),
    );
  });
});

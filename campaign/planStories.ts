import { isWait, type RunStep } from '../adapters/RunStep.js';
import { OBSERVED, waitOf, type CampaignStory } from './CampaignStory.js';

/** Stories with the same steps, run once for all the pairs of profiles they tell apart. */
export type StoryGroup = {
  readonly key: string;
  readonly steps: readonly RunStep[];
  /** (tenant, refuted) pairs: on a tenant of the first, these steps refute the second */
  readonly pairs: readonly { readonly tenant: string; readonly refutes: string; readonly robust: number }[];
  /** the waits the steps hold, in ms */
  readonly duration: number;
};

/** The library's stories grouped by their steps, in a stable order. */
export function groupStories(stories: readonly CampaignStory[]): StoryGroup[] {
  const groups = new Map<string, { steps: readonly RunStep[]; pairs: { tenant: string; refutes: string; robust: number }[] }>();
  for (const s of stories) {
    const key = JSON.stringify(s.steps);
    const g = groups.get(key) ?? { steps: s.steps, pairs: [] };
    g.pairs.push({ tenant: s.tenant, refutes: s.refutes, robust: s.robust });
    groups.set(key, g);
  }
  return [...groups.entries()]
    .map(([key, g]) => ({ key, steps: g.steps, pairs: g.pairs, duration: waitOf(g.steps) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/**
 * How long after it is taken a story makes its last step, each step made when due as a campaign
 * times them (CampaignState.nextStep: the waits before it, and 1 ms after the step before); waits
 * after the last step count for nothing, since the story is over once it is made.
 */
export function storySpan(steps: readonly RunStep[]): number {
  let at = 0;
  let last = 0;
  let made = false;
  for (const s of steps) {
    if (isWait(s)) at += s.ms;
    else {
      if (made) at += 1;
      [last, made] = [at, true];
    }
  }
  return last;
}

/**
 * The next story for a free lane: of the groups not yet taken whose last step comes within `room`
 * ms (storySpan: one that cannot finish before the campaign's end is not started), the one that
 * tells apart the most pairs of profiles both still standing, each pair weighed by how many
 * histories the story refutes it from (plus one: a story found once is still worth a try), the
 * shorter first, then in key order. None when no such story can refute a profile still standing
 * under another still standing. Invariant: pure and deterministic.
 */
export function nextStory(
  groups: readonly StoryGroup[],
  standing: ReadonlySet<string>,
  taken: ReadonlySet<string>,
  room = Infinity,
): StoryGroup | undefined {
  let best: StoryGroup | undefined;
  let bestUse = 0;
  for (const g of groups) {
    if (taken.has(g.key) || storySpan(g.steps) > room) continue;
    let use = 0;
    for (const p of g.pairs) if ((p.tenant === OBSERVED || standing.has(p.tenant)) && standing.has(p.refutes)) use += 1 + p.robust;
    if (use === 0) continue;
    if (use > bestUse || (use === bestUse && g.duration < best!.duration)) [best, bestUse] = [g, use];
  }
  return best;
}

import { describe, expect, it } from 'vitest';
import { isLook } from '../adapters/RunStep.js';
import { liveCapabilities } from '../adapters/live/liveCapabilities.js';
import { checkedRun } from '../harness/checkedRun.js';
import { simTenantFactory } from '../harness/TenantFactory.js';
import { findProfile } from '../model/profiles.js';
import { SUBJECT, VIEWER } from './CampaignStory.js';
import { HISTORIES, storyLibrary } from './storyLibrary.js';

describe('storyLibrary', { timeout: 120_000 }, () => {
  const profiles = ['microsoft-2024', 'microsoft-2026'].map((id) => findProfile(id)!);
  const capabilities = liveCapabilities(['alice', 'bob', 'carol'], true);

  it('finds, for each ordered pair, a story within the tenant’s capabilities, of a subject and a viewer, that refutes the second on the first from as many histories as it says', async () => {
    const stories = await storyLibrary(profiles, capabilities, 1);
    expect(stories.map((s) => s.id).sort()).toEqual(['microsoft-2024/microsoft-2026', 'microsoft-2026/microsoft-2024']);
    for (const story of stories) {
      for (const s of story.steps) {
        if (isLook(s)) expect(capabilities.surfaces).toContain(s.see);
        else expect(capabilities.actions).toContain(s.do);
        for (const key of ['user', 'viewer'] as const)
          if (key in s) expect([SUBJECT, VIEWER]).toContain((s as Record<string, unknown>)[key]);
      }
      // its robustness is what running it from the simulator's histories says
      const sim = simTenantFactory({ profile: story.tenant, asIs: true });
      let refuted = 0;
      for (let seed = 1; seed <= HISTORIES; seed++) {
        const run = await checkedRun(sim.create(seed), findProfile(story.refutes)!, { users: [], steps: story.steps, seed });
        if (run.verdict.verdict === 'diverges') refuted++;
      }
      expect(refuted).toBe(story.robust);
      // and it never refutes the tenant's own profile: a story is an experiment, the model judges
      const own = await checkedRun(sim.create(99), findProfile(story.tenant)!, { users: [], steps: story.steps, seed: 99 });
      expect(own.verdict.verdict).not.toBe('diverges');
    }
  });

  it('is the same for the same seed', async () => {
    const one = await storyLibrary(profiles, capabilities, 3);
    const two = await storyLibrary(profiles, capabilities, 3);
    expect(two).toEqual(one);
  });
});

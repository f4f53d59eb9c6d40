import { describe, expect, it } from 'vitest';
import { toStory } from './Story.js';
import { mutant, run, shortStory } from './story.testkit.js';
import { storyText } from './storyText.js';
import { unwrapped } from './_internals/fitLine.testkit.js';

describe('storyText', () => {
  it('prints the header users, one numbered row per step with the divergence marked, then each rule with its source', async () => {
    const story = toStory(await run(), mutant.minimalLength)!;
    const text = storyText(story);
    expect(text).toMatch(/^users at 2014-04-01T09:00:00\.000Z: alice \(photo p0\)/);
    for (const s of story.steps) expect(text).toMatch(new RegExp(`║ ${s.n} +│`));
    expect(text).toMatch(/<- DIVERGES/);
    expect(text.match(/<- DIVERGES/g)).toHaveLength(1);
    // a rule's line wraps at 100 columns
    for (const r of story.divergence.rules) expect(unwrapped(text)).toContain(`${r.id} (${r.source}): ${r.statement}`);
    expect(text).toContain('wait 5 min');
  });

  it("prints what a header of a tenant taken as it is says of each user, and the tenant's photo settings", async () => {
    const story = toStory(await run(), mutant.minimalLength)!;
    const asIs = {
      ...story,
      users: [
        {
          id: 'alice',
          photo: 'p0',
          stores: { exchange: 'p1', sharepoint: 'p0' },
          spUpdated: 'unknown',
          pending: true,
          roles: ['helpdesk'],
          caches: 'unknown',
        },
      ],
      photoSettings: { source: 'cloud' as const, allowedRoles: ['helpdesk'] },
    };
    // the header wraps at 100 columns
    const text = unwrapped(storyText(asIs));
    expect(text).toContain(
      'alice (photo p0, exchange p1, SharePoint last updated unknown, a change waiting for SharePoint, roles helpdesk, caches unknown)',
    );
    expect(text).toContain('tenant photo settings: source cloud, allowed roles helpdesk');
  });

  it('says so where the divergence cites no rule', () => {
    expect(storyText(shortStory({ seen: 'p9', rules: [] }))).toContain(
      'rules: no rule: the trace starts so, and nothing since changed it\n',
    );
    expect(storyText(shortStory())).not.toContain('no rule: the trace starts so, and nothing since changed it');
  });
});

import { describe, expect, it } from 'vitest';
import { RULES } from '../model/rules/index.js';
import { Story, toStory } from './Story.js';
import { mutant, run } from './story.testkit.js';

describe('toStory', () => {
  it('numbers every event from 1 on trace lines from 2, with its time, what was seen and, for a look, what was allowed', async () => {
    const r = await run();
    const story = toStory(r, mutant.minimalLength)!;
    expect(Story.parse(story)).toEqual(story);
    expect(story.steps.map((s) => [s.n, s.line])).toEqual(r.events.map((_, i) => [i + 1, i + 2]));
    expect(story.steps.map((s) => s.offset)).toEqual(r.events.map((e) => e.at - r.start.start));
    expect(story.steps[0]).toMatchObject({ event: { see: 'owa-contact-card' }, seen: 'p0', allowed: ['p0'] });
    expect(story.steps[1]).toMatchObject({ event: { do: 'setPhoto', photo: 'p1' }, seen: 'ok' });
    expect(story.steps[1]).not.toHaveProperty('allowed');
    const last = story.steps.at(-1)!;
    expect(last.line).toBe(story.divergence.line);
    expect(last.allowed).toEqual(story.divergence.allowed);
    expect(story.divergence.rules).toContainEqual({
      id: 'OWA-CACHE',
      source: RULES['OWA-CACHE'].source,
      statement: RULES['OWA-CACHE'].statement,
    });
  });

  it('tells no story of a run that conforms', async () => {
    expect(toStory(await run(false), 1)).toBeUndefined();
  });
});

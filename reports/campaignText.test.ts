import { describe, expect, it } from 'vitest';
import { cutAtStep } from './campaignText.js';

const story = 'removePhoto alice via graph; setPhoto alice p6 via graph; wait 48 h; sp-people-picker of alice to bob';

describe('cutAtStep', () => {
  it('keeps a story that fits, and cuts one too long at a step, an ellipsis saying more follows', () => {
    expect(cutAtStep(story, story.length)).toBe(story);
    expect(cutAtStep(story, 40)).toBe('removePhoto alice via graph; …');
    expect(cutAtStep(story, 60)).toBe('removePhoto alice via graph; setPhoto alice p6 via graph; …');
    for (const width of [20, 40, 60, 80]) expect(cutAtStep(story, width).length).toBeLessThanOrEqual(width);
  });

  it('cuts a first step longer than the width in it, still with the ellipsis', () => {
    expect(cutAtStep(story, 20)).toBe('removePhoto alice v…');
  });
});

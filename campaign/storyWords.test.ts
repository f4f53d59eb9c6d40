import { describe, expect, it } from 'vitest';
import type { RunStep } from '../adapters/RunStep.js';
import { DAY } from '../model/Params.js';
import { stepWords, storyWords } from './storyWords.js';

const story: RunStep[] = [
  { do: 'removePhoto', user: 'alice', via: 'graph' },
  { do: 'setPhoto', user: 'alice', photo: 'p6', via: 'graph' },
  { do: 'wait', ms: 2 * DAY },
  { see: 'sp-people-picker', user: 'alice', viewer: 'bob' },
];

describe('storyWords', () => {
  it('says each step in words, a look with no photo yet', () => {
    expect(story.map(stepWords)).toEqual([
      'removePhoto alice via graph',
      'setPhoto alice p6 via graph',
      'wait 48 h',
      'sp-people-picker of alice to bob',
    ]);
    expect(storyWords(story)).toBe('removePhoto alice via graph; setPhoto alice p6 via graph; wait 48 h; sp-people-picker of alice to bob');
  });
});

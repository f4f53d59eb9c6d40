import { describe, expect, it } from 'vitest';
import { nextStep, stepId, type Assignment } from './CampaignState.js';

const a: Assignment = {
  lane: 'alice',
  n: 2,
  key: 'k',
  assigned: 1_000,
  pairs: [{ tenant: 'a', refutes: 'b' }],
  steps: [
    { do: 'setPhoto', user: 'alice', photo: 'p1', via: 'graph' },
    { do: 'wait', ms: 60_000 },
    { do: 'wait', ms: 5_000 },
    { see: 'graph', user: 'alice', viewer: 'bob' },
  ],
};

describe('nextStep', () => {
  it('is the first step when none was made, due when the story was taken', () => {
    expect(nextStep(a, new Map())).toEqual({ k: 0, due: 1_000 });
  });

  it('is the step after the last one made, due after it by the waits between', () => {
    expect(nextStep(a, new Map([[stepId('alice', 2, 0), 4_000]]))).toEqual({ k: 3, due: 4_001 + 65_000 });
  });

  it('is none once the last step was made; another story of the lane does not count', () => {
    expect(nextStep(a, new Map([[stepId('alice', 2, 3), 9_000]]))).toBeUndefined();
    expect(nextStep(a, new Map([[stepId('alice', 1, 3), 9_000]]))).toEqual({ k: 0, due: 1_000 });
  });
});

import { describe, expect, it } from 'vitest';
import { events, see, setPhoto, T0 } from '../model/scenario.testkit.js';
import { replaySteps } from './replaySteps.js';

describe('replaySteps', () => {
  it('makes recorded events steps again, the time between them waits, outcomes and times left to the tenant', () => {
    const recorded = events([setPhoto('+0s', 'graph', 'p1', 'unknown'), see('+2m', 'graph', 'p1'), see('+2m', 'owa-email', 'p0')]);
    expect(recorded[0]!.at).toBe(T0);
    expect(replaySteps(recorded)).toEqual([
      { do: 'setPhoto', user: 'alice', via: 'graph', photo: 'p1' },
      { do: 'wait', ms: 120_000 - 1 },
      { see: 'graph', user: 'alice', viewer: 'bob' },
      { see: 'owa-email', user: 'alice', viewer: 'bob' },
    ]);
  });

  it("leaves out the step ids a campaign's journal gives its events: the replay gives its own", () => {
    const [set, look] = events([setPhoto('+0s', 'graph', 'p1'), see('+2m', 'graph', 'p1')]).map((e, k) => ({ ...e, step: `alice#3#${k}` }));
    expect(replaySteps([set!, look!])).toEqual([
      { do: 'setPhoto', user: 'alice', via: 'graph', photo: 'p1' },
      { do: 'wait', ms: 120_000 - 1 },
      { see: 'graph', user: 'alice', viewer: 'bob' },
    ]);
  });
});

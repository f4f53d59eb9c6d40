import { describe, expect, it } from 'vitest';
import { HOUR, MINUTE, SECOND } from '../model/Params.js';
import { events, see, setPhoto, type Step } from '../model/scenario.testkit.js';
import { observedDelays } from './observedDelays.js';

const of = (steps: Step[]) => observedDelays(events(steps));

describe('observedDelays', () => {
  it('bounds each surface by the last look that still showed another photo and the first that showed the new one', () => {
    const found = of([
      see('+0s', 'graph', 'p0'),
      setPhoto('+1s', 'graph', 'p1'),
      see('+11s', 'graph', 'p0'),
      see('+61s', 'graph', 'p0'),
      see('+61s', 'sp-people-picker', 'p0'),
      see('+301s', 'graph', 'p1'),
      see('+901s', 'graph', 'p0'),
      see('+2h', 'sp-people-picker', 'p1'),
    ]);
    expect(found).toEqual([
      { user: 'alice', line: 3, change: 'setPhoto p1 via graph', photo: 'p1', surface: 'graph', after: MINUTE, by: 5 * MINUTE, looks: 3 },
      {
        user: 'alice',
        line: 3,
        change: 'setPhoto p1 via graph',
        photo: 'p1',
        surface: 'sp-people-picker',
        after: MINUTE,
        by: 2 * HOUR - SECOND,
        looks: 2,
      },
    ]);
  });

  it('leaves out a change not taken, a surface that showed the photo already, looks that saw nothing, and what follows the next change', () => {
    const found = of([
      setPhoto('+0s', 'graph', 'p1', 'rejected'),
      see('+10s', 'yammer', 'p2'),
      setPhoto('+1m', 'graph', 'p2', 'unknown'),
      setPhoto('+2m', 'graph', 'p2'),
      see('+3m', 'yammer', 'p2'),
      see('+3m', 'graph', 'unknown'),
      see('+4m', 'graph', 'p1'),
      setPhoto('+1h', 'graph', 'p3'),
      see('+2h', 'graph', 'p3'),
    ]);
    expect(found.map((d) => [d.line, d.surface, d.after, d.by])).toEqual([
      [5, 'graph', 2 * MINUTE, null],
      [9, 'graph', 0, HOUR],
    ]);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Anchors } from './Anchors.js';

describe('Anchors', () => {
  it("holds the start and each viewer's latest reset, sorted", () => {
    const a = new Anchors(0);
    a.move(undefined, 50); // bob resets for the first time
    a.move(undefined, 20); // a reset known late: still sorted
    a.move(50, 80); // bob resets again: his earlier reset no longer counts
    expect(a.times).toEqual([0, 20, 80]);
  });

  it("property: equals the sorted list of the start and every viewer's latest reset", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom('bob', 'dave', 'erin'), fc.integer({ min: 1, max: 1000 })), { maxLength: 30 }),
        (resets) => {
          const a = new Anchors(0);
          const latest = new Map<string, number>();
          for (const [viewer, t] of resets) {
            a.move(latest.get(viewer), t);
            latest.set(viewer, t);
          }
          expect(a.times).toEqual([0, ...latest.values()].sort((x, y) => x - y));
        },
      ),
    );
  });
});

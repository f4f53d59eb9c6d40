import { describe, expect, it } from 'vitest';
import { Random } from './Random.js';
import { ViewerCaches } from './ViewerCaches.js';

/** A cache that may serve what it remembers always does. */
class AlwaysCached extends Random {
  override chance(): boolean {
    return true;
  }
}

describe('ViewerCaches', () => {
  it("empties one viewer's cache of one kind, or all of theirs, and nobody else's", () => {
    const caches = new ViewerCaches(['outlook-desktop', 'teams'] as const);
    const random = new AlwaysCached(1);
    const kinds = ['outlook-desktop', 'teams'] as const;
    const fill = () => {
      for (const v of ['bob', 'carol']) for (const k of kinds) caches.of(v, k).serve('alice', 0, Infinity, random, () => 'p0');
    };
    const remembers = (v: string, k: (typeof kinds)[number]) => caches.of(v, k).serve('alice', 1, Infinity, random, () => 'p1') === 'p0';
    fill();
    caches.clear('bob', 'teams');
    expect([remembers('bob', 'teams'), remembers('bob', 'outlook-desktop'), remembers('carol', 'teams')]).toEqual([false, true, true]);
    fill();
    caches.clear('bob');
    expect([remembers('bob', 'outlook-desktop'), remembers('bob', 'teams'), remembers('carol', 'outlook-desktop')]).toEqual([
      false,
      false,
      true,
    ]);
  });
});

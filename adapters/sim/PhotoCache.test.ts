import { describe, expect, it } from 'vitest';
import { PhotoCache } from './PhotoCache.js';
import { Random } from './Random.js';

describe('PhotoCache', () => {
  it('serves what it fetched while younger than maxAge, sometimes, and fetches afresh otherwise', () => {
    const cache = new PhotoCache();
    const random = new Random(1);
    expect(cache.serve('alice', 0, 100, random, () => 'p0')).toBe('p0');
    const within = new Set(Array.from({ length: 50 }, () => cache.serve('alice', 99, 100, random, () => 'p1')));
    expect(within).toEqual(new Set(['p0', 'p1']));
  });

  it('serves what it holds every time with a hit rate of 1 (a mutant cache)', () => {
    const cache = new PhotoCache();
    const random = new Random(4);
    cache.serve('alice', 0, 100, random, () => 'p0', 1);
    for (let i = 0; i < 50; i++) expect(cache.serve('alice', 99, 100, random, () => 'p1', 1)).toBe('p0');
  });

  it('never serves a photo as old as maxAge', () => {
    const cache = new PhotoCache();
    const random = new Random(2);
    cache.serve('alice', 0, 100, random, () => 'p0');
    for (let i = 0; i < 50; i++) expect(cache.serve('alice', 100, 100, random, () => 'p1')).toBe('p1');
  });

  it('forgets everything when cleared, and keeps subjects apart', () => {
    const cache = new PhotoCache();
    const random = new Random(3);
    cache.serve('alice', 0, Infinity, random, () => 'p0');
    cache.clear();
    for (let i = 0; i < 20; i++) expect(cache.serve('alice', 1, Infinity, random, () => 'p1')).toBe('p1');
    for (let i = 0; i < 20; i++) expect(cache.serve('bob', 1, Infinity, random, () => 'p2')).toBe('p2');
  });
});

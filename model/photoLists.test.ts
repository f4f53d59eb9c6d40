import { describe, expect, it } from 'vitest';
import { sameSet, sharesAny, union, without } from './photoLists.js';

describe('photoLists', () => {
  it('union keeps the first list in order and adds what it lacks, once', () => {
    expect(union(['p1', 'p0'], ['p0', 'p2', 'p2'])).toEqual(['p1', 'p0', 'p2']);
    expect(union([], [])).toEqual([]);
  });

  it('without drops every copy of the photo', () => {
    expect(without(['p1', 'p0', 'p1'], 'p1')).toEqual(['p0']);
    expect(without(['p0'], 'p9')).toEqual(['p0']);
  });

  it('sharesAny tells whether two lists meet', () => {
    expect(sharesAny(['p1', 'p2'], ['p3', 'p2'])).toBe(true);
    expect(sharesAny(['p1'], ['p2'])).toBe(false);
    expect(sharesAny([], ['p2'])).toBe(false);
  });

  it('sameSet compares lists as sets', () => {
    expect(sameSet(['p1', 'p2'], ['p2', 'p1'])).toBe(true);
    expect(sameSet(['p1', 'p2'], ['p1', 'p3'])).toBe(false);
    expect(sameSet(['p1'], ['p1', 'p2'])).toBe(false);
    expect(sameSet([], [])).toBe(true);
  });
});

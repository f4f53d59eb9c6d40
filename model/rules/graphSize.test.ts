import { describe, expect, it } from 'vitest';
import { check, users, type Step, type Result, conforms, diverges } from '../scenario.testkit.js';

const MiB = 1024 * 1024;
const people = users({ id: 'alice', photo: 'p0' }, { id: 'bob' });
const put = (bytes: number, result: Result = 'ok'): Step => ({
  at: '+0s',
  do: 'setPhoto',
  user: 'alice',
  via: 'graph',
  photo: 'p1',
  bytes,
  result,
});
const graph = (at: string, photo: string): Step => ({ at, see: 'graph', user: 'alice', viewer: 'bob', photo });

// MSDOC profilephoto-update: PUT /users/{id}/photo/$value takes at most 4 MB
describe('GRAPH-SIZE', () => {
  it('rejects a 5 MiB photo, which then changes nothing', () => {
    expect(check('microsoft-2024', people, [put(5 * MiB, 'rejected'), graph('+2h', 'p0')])).toEqual(conforms('microsoft-2024'));
  });

  it('diverges when a 5 MiB upload is recorded as accepted', () => {
    expect(check('microsoft-2024', people, [put(5 * MiB)])).toMatchObject(diverges(2, ['rejected'], 'GRAPH-SIZE'));
  });

  it('takes "over 4 MiB" strictly: exactly 4 MiB is accepted, one byte more rejected', () => {
    expect(check('microsoft-2024', people, [put(4 * MiB), graph('+2h', 'p1')])).toEqual(conforms('microsoft-2024'));
    expect(check('microsoft-2024', people, [put(4 * MiB + 1)])).toMatchObject(diverges(2, ['rejected'], 'GRAPH-SIZE'));
  });

  it('diverges when a small upload is recorded as rejected', () => {
    expect(check('microsoft-2024', people, [put(100_000, 'rejected')])).toMatchObject({
      verdict: 'diverges',
      divergence: { line: 2, allowed: ['ok'] },
    });
  });

  it('does not hold in threewill-2014: the 5 MiB upload is accepted there', () => {
    const steps = [put(5 * MiB), graph('+2h', 'p1')];
    expect(check('threewill-2014', people, steps)).toEqual(conforms('threewill-2014'));
    expect(check('microsoft-2024', people, steps)).toMatchObject(diverges(2, ['rejected'], 'GRAPH-SIZE'));
  });

  it('keeps an unknown oversized upload from taking effect', () => {
    expect(check('microsoft-2024', people, [put(5 * MiB, 'unknown'), graph('+2h', 'p0')])).toEqual(conforms('microsoft-2024'));
    expect(check('microsoft-2024', people, [put(5 * MiB, 'unknown'), graph('+2h', 'p1')])).toMatchObject({
      verdict: 'diverges',
      divergence: { line: 3, allowed: ['p0'] },
    });
  });
});

import { describe, expect, it } from 'vitest';
import { check, users, type Step, type Result, conforms, diverges } from '../scenario.testkit.js';

const people = users({ id: 'alice', photo: 'p0' }, { id: 'bob' });
const setByCmdlet = (result: Result = 'ok'): Step => ({
  at: '+0s',
  do: 'setPhoto',
  user: 'alice',
  via: 'admin-cmdlet',
  photo: 'p1',
  result,
});
const removeByCmdlet = (result: Result = 'ok'): Step => ({ at: '+0s', do: 'removePhoto', user: 'alice', via: 'admin-cmdlet', result });
const graph = (at: string, photo: string): Step => ({ at, see: 'graph', user: 'alice', viewer: 'bob', photo });

// MC678855: Set-UserPhoto and Remove-UserPhoto retired on 2023-11-30 (Graph replaces them)
describe('CMDLET-RETIRED', () => {
  it('rejects Set-UserPhoto and Remove-UserPhoto, which then change nothing', () => {
    expect(check('microsoft-2024', people, [setByCmdlet('rejected'), graph('+1d', 'p0')])).toEqual(conforms('microsoft-2024'));
    expect(check('microsoft-2024', people, [removeByCmdlet('rejected'), graph('+1d', 'p0')])).toEqual(conforms('microsoft-2024'));
  });

  it('diverges when Set-UserPhoto or Remove-UserPhoto is recorded as accepted', () => {
    expect(check('microsoft-2024', people, [setByCmdlet()])).toMatchObject(diverges(2, ['rejected'], 'CMDLET-RETIRED'));
    expect(check('microsoft-2024', people, [removeByCmdlet()])).toMatchObject(diverges(2, ['rejected'], 'CMDLET-RETIRED'));
  });

  it('leaves Graph working in its place', () => {
    const remove: Step = { at: '+0s', do: 'removePhoto', user: 'alice', via: 'graph' };
    expect(check('microsoft-2024', people, [remove, graph('+2h', 'none')])).toEqual(conforms('microsoft-2024'));
  });

  it.each(['threewill-2014', 'microsoft-2014', 'exchange-2015'])('does not hold in %s: the cmdlet works there', (profile) => {
    const steps = [setByCmdlet(), graph('+1h', 'p1')];
    expect(check(profile, people, steps)).toEqual(conforms(profile));
    expect(check('microsoft-2024', people, steps)).toMatchObject(diverges(2, ['rejected'], 'CMDLET-RETIRED'));
  });

  it('keeps an unknown cmdlet call from taking effect', () => {
    expect(check('microsoft-2024', people, [setByCmdlet('unknown'), graph('+1d', 'p0')])).toEqual(conforms('microsoft-2024'));
    expect(check('microsoft-2024', people, [setByCmdlet('unknown'), graph('+1d', 'p1')])).toMatchObject({
      verdict: 'diverges',
      divergence: { line: 3, allowed: ['p0'] },
    });
  });

  it('is cited where the photo of a Set-UserPhoto of unknown outcome shows: it was surely refused', () => {
    const steps = [setByCmdlet('unknown'), { at: '+1d', see: 'graph', user: 'alice', viewer: 'bob', photo: 'p1' } as Step];
    expect(check('microsoft-2024', people, steps)).toMatchObject(diverges(3, ['p0'], 'CMDLET-RETIRED'));
  });
});

import { describe, expect, it } from 'vitest';
import { check, users, type Step, type Result, conforms, diverges } from '../scenario.testkit.js';

const people = users({ id: 'alice', photo: 'p0' }, { id: 'bob' });
const cmdlet = (bytes: number, result: Result = 'ok', by?: string): Step => ({
  at: '+0s',
  do: 'setPhoto',
  user: 'alice',
  via: 'admin-cmdlet',
  photo: 'p1',
  bytes,
  result,
  ...(by === undefined ? {} : { by }),
});
const graph = (at: string, photo: string): Step => ({ at, see: 'graph', user: 'alice', viewer: 'bob', photo });

// TW-c/PatrikJonsson: Set-UserPhoto on another user's photo is limited to 10 kB; on one's own it is not.
// TW-c/Daniel: the limit comes from Exchange 2010 on premises in hybrid tenants (exchange-2015 has the rule)
describe('ADMIN-SIZE', () => {
  it("rejects an admin's 20,000-byte photo for another user, which then changes nothing", () => {
    expect(check('exchange-2015', people, [cmdlet(20_000, 'rejected'), graph('+1h', 'p0')])).toEqual(conforms('exchange-2015'));
  });

  it('diverges when that upload is recorded as accepted', () => {
    expect(check('exchange-2015', people, [cmdlet(20_000)])).toMatchObject(diverges(2, ['rejected'], 'ADMIN-SIZE'));
    expect(check('exchange-2015', people, [cmdlet(20_000, 'ok', 'bob')])).toMatchObject(diverges(2, ['rejected'], 'ADMIN-SIZE'));
  });

  it('accepts a 5 MB photo the subject sets for themself', () => {
    expect(check('exchange-2015', people, [cmdlet(5_000_000, 'ok', 'alice'), graph('+1h', 'p1')])).toEqual(conforms('exchange-2015'));
  });

  it('takes "over 10,240 bytes" strictly: 10,240 bytes are accepted, 10,241 rejected', () => {
    expect(check('exchange-2015', people, [cmdlet(10_240), graph('+1h', 'p1')])).toEqual(conforms('exchange-2015'));
    expect(check('exchange-2015', people, [cmdlet(10_241)])).toMatchObject(diverges(2, ['rejected'], 'ADMIN-SIZE'));
  });

  it('diverges when a small admin upload is recorded as rejected', () => {
    expect(check('exchange-2015', people, [cmdlet(5_000, 'rejected')])).toMatchObject({
      verdict: 'diverges',
      divergence: { line: 2, allowed: ['ok'] },
    });
  });

  it.each(['threewill-2014', 'microsoft-2014'])('does not hold in %s: the large upload is accepted there', (profile) => {
    const steps = [cmdlet(20_000), graph('+1h', 'p1')];
    expect(check(profile, people, steps)).toEqual(conforms(profile));
    expect(check('exchange-2015', people, steps)).toMatchObject(diverges(2, ['rejected'], 'ADMIN-SIZE'));
  });

  it('keeps an unknown large upload from taking effect', () => {
    expect(check('exchange-2015', people, [cmdlet(20_000, 'unknown'), graph('+1h', 'p0')])).toEqual(conforms('exchange-2015'));
    expect(check('exchange-2015', people, [cmdlet(20_000, 'unknown'), graph('+1h', 'p1')])).toMatchObject({
      verdict: 'diverges',
      divergence: { line: 3, allowed: ['p0'] },
    });
  });
});

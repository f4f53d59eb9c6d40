import { describe, expect, it } from 'vitest';
import { check, users } from './scenario.testkit.js';

// SPEC section 2's example trace and the verdicts section 3 gives for it
const people = users({ id: 'alice', photo: 'p0', mySite: true, lync: 'online' }, { id: 'bob' });
const steps = [
  { at: '+0s', do: 'setPhoto', user: 'alice', via: 'outlook-web', photo: 'p1' },
  { at: '+2m', see: 'owa-contact-card', user: 'alice', viewer: 'bob', photo: 'p1' },
  { at: '+5d', see: 'sp-people-picker', user: 'alice', viewer: 'bob', photo: 'p0' },
] as const;

describe('the SPEC example', () => {
  it('conforms to threewill-2014: no visit, so SharePoint keeps p0', () => {
    expect(check('threewill-2014', people, steps)).toEqual({ profile: 'threewill-2014', verdict: 'conforms' });
  });

  it('diverges from microsoft-2014 at line 4 by SP-MYSITE-ONCE, allowing only p1', () => {
    const v = check('microsoft-2014', people, steps);
    expect(v.verdict).toBe('diverges');
    if (v.verdict !== 'diverges') return;
    expect(v.divergence.line).toBe(4);
    expect(v.divergence.allowed).toEqual(['p1']);
    expect(v.divergence.rules).toEqual(['SP-MYSITE-ONCE']);
  });

  it.each(['exchange-2015', 'microsoft-2024'])('diverges from %s at line 4 by SP-SYNC-WINDOW', (profile) => {
    const v = check(profile, people, steps);
    expect(v).toMatchObject({ verdict: 'diverges', divergence: { line: 4, allowed: ['p1'], rules: ['SP-SYNC-WINDOW'] } });
  });
});

describe('a surface the profile does not have', () => {
  const lync = (photo: string) => [{ at: '+1m', see: 'lync', user: 'alice', viewer: 'bob', photo }] as const;

  it('diverges when it was read, citing the rule that would provide it', () => {
    expect(check('microsoft-2024', people, lync('p0'))).toMatchObject({
      verdict: 'diverges',
      divergence: { line: 2, allowed: [], rules: ['LYNC-PRESENCE'] },
    });
  });

  it('is skipped like any observation that could not be made', () => {
    expect(check('microsoft-2024', people, lync('unknown'))).toEqual({ profile: 'microsoft-2024', verdict: 'conforms' });
  });
});

import { describe, expect, it } from 'vitest';
import { check, users, type Step, type Result, conforms, diverges, setPhoto } from '../scenario.testkit.js';
import type { Via } from '../vocabulary.js';

const disabled = users({ id: 'alice', photo: 'p0', setPhotoEnabled: false }, { id: 'bob' });
const enabled = users({ id: 'alice', photo: 'p0' }, { id: 'bob' });
const set = (at: string, via: Via, result: Result = 'ok', photo = 'p1'): Step => setPhoto(at, via, photo, result);
const policy = (at: string, setPhotoEnabled: boolean, result: Result = 'ok'): Step => ({
  at,
  do: 'setPolicy',
  user: 'alice',
  setPhotoEnabled,
  result,
});
const graph = (at: string, photo: string): Step => ({ at, see: 'graph', user: 'alice', viewer: 'bob', photo });

// TW-c/kduff85: "the best way to prevent users from changing photos is via OWA mailbox policy"
describe('PHOTO-POLICY', () => {
  it('rejects a user upload while SetPhotoEnabled is off, and the photo stays', () => {
    expect(check('exchange-2015', disabled, [set('+0s', 'outlook-web', 'rejected'), graph('+1h', 'p0')])).toEqual(
      conforms('exchange-2015'),
    );
  });

  it.each(['outlook-web', 'outlook-desktop', 'lync', 'sharepoint'] as const)('diverges when an upload via %s is accepted', (via) => {
    expect(check('exchange-2015', disabled, [set('+0s', via)])).toMatchObject(diverges(2, ['rejected'], 'PHOTO-POLICY'));
  });

  it('covers via teams in microsoft-2024', () => {
    expect(check('microsoft-2024', disabled, [set('+0s', 'teams')])).toMatchObject(diverges(2, ['rejected'], 'PHOTO-POLICY'));
  });

  it.each(['admin-cmdlet', 'graph', 'on-prem-ad'] as const)('does not affect via %s', (via) => {
    expect(check('exchange-2015', disabled, [set('+0s', via), graph('+1d', 'p1')])).toEqual(conforms('exchange-2015'));
  });

  it('follows setPolicy in the trace: off rejects, back on accepts', () => {
    expect(check('exchange-2015', enabled, [policy('+0s', false), set('+1h', 'outlook-web')])).toMatchObject(
      diverges(3, ['rejected'], 'PHOTO-POLICY'),
    );
    expect(check('exchange-2015', enabled, [policy('+0s', false), policy('+1d', true), set('+2d', 'outlook-web')])).toEqual(
      conforms('exchange-2015'),
    );
  });

  it('is absent from threewill-2014, where setPolicy has no effect', () => {
    expect(check('threewill-2014', enabled, [policy('+0s', false), set('+1h', 'outlook-web')])).toEqual(conforms('threewill-2014'));
    expect(check('threewill-2014', enabled, [policy('+0s', false), set('+1h', 'outlook-web', 'rejected')])).toMatchObject({
      verdict: 'diverges',
      divergence: { line: 3, allowed: ['ok'] },
    });
  });

  it('keeps both policies open after a setPolicy of unknown outcome, until an upload decides', () => {
    const base = [policy('+0s', false, 'unknown')];
    expect(check('exchange-2015', enabled, [...base, set('+1h', 'outlook-web', 'rejected')])).toEqual(conforms('exchange-2015'));
    expect(check('exchange-2015', enabled, [...base, set('+1h', 'outlook-web', 'ok')])).toEqual(conforms('exchange-2015'));
    expect(
      check('exchange-2015', enabled, [...base, set('+1h', 'outlook-web', 'ok'), set('+2h', 'outlook-web', 'rejected', 'p2')]),
    ).toMatchObject({ verdict: 'diverges', divergence: { line: 4, allowed: ['ok'] } });
  });

  it('lets a policy change be refused where the subject has that policy already: refused or not, nothing changes', () => {
    expect(check('exchange-2015', enabled, [policy('+0s', true, 'rejected'), set('+1h', 'outlook-web')])).toEqual(
      conforms('exchange-2015'),
    );
    expect(check('exchange-2015', enabled, [policy('+0s', false, 'rejected')])).toMatchObject({
      verdict: 'diverges',
      divergence: { line: 2, allowed: ['ok'], rules: ['PHOTO-POLICY'] },
    });
  });

  it('keeps an unknown user upload under the policy from taking effect', () => {
    expect(check('exchange-2015', disabled, [set('+0s', 'outlook-web', 'unknown'), graph('+1d', 'p1')])).toMatchObject({
      verdict: 'diverges',
      divergence: { line: 3, allowed: ['p0'] },
    });
  });
});

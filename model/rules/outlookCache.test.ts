import { describe, expect, it } from 'vitest';
import { check, users, type Step, type Result, conforms, diverges } from '../scenario.testkit.js';
import type { Client } from '../vocabulary.js';

const people = users({ id: 'alice', photo: 'p0' }, { id: 'bob' }, { id: 'carol' });
const set = (at: string, photo: string): Step => ({ at, do: 'setPhoto', user: 'alice', via: 'outlook-web', photo });
const restart = (at: string, viewer = 'bob', client: Client = 'outlook-desktop', result: Result = 'ok'): Step => ({
  at,
  do: 'restartClient',
  viewer,
  client,
  result,
});
const outlook = (at: string, photo: string, viewer = 'bob'): Step => ({ at, see: 'outlook-desktop', user: 'alice', viewer, photo });

// TW14 caveat 2: the Outlook client caches photos; restarting it may be needed to see the new one
describe('OUTLOOK-CACHE', () => {
  it.each(['threewill-2014', 'microsoft-2014', 'exchange-2015', 'microsoft-2024'])(
    'lets %s show the old photo days later when the viewer never restarted Outlook',
    (profile) => {
      expect(check(profile, people, [set('+0s', 'p1'), outlook('+5d', 'p0')])).toEqual(conforms(profile));
    },
  );

  it('diverges when Outlook shows the old photo after the viewer restarted it', () => {
    const steps = [set('+0s', 'p1'), restart('+1h'), outlook('+1h5m', 'p0')];
    expect(check('threewill-2014', people, steps)).toMatchObject(diverges(4, ['p1'], 'OUTLOOK-CACHE'));
  });

  it('keeps the cache of a viewer who did not restart (carol) when another (bob) did', () => {
    const steps = [set('+0s', 'p1'), restart('+1h', 'bob'), outlook('+1h5m', 'p0', 'carol')];
    expect(check('threewill-2014', people, steps)).toEqual(conforms('threewill-2014'));
  });

  it('allows after a restart every value visible since it, and nothing older', () => {
    const base = [set('+0s', 'p1'), restart('+1h'), set('+2h', 'p2')];
    expect(check('threewill-2014', people, [...base, outlook('+5d', 'p1')])).toEqual(conforms('threewill-2014'));
    expect(check('threewill-2014', people, [...base, outlook('+5d', 'p0')])).toMatchObject(diverges(5, ['p1', 'p2'], 'OUTLOOK-CACHE'));
  });

  it('keeps the old photo after a restart made while it may still be in exchange (59 s), not one made at exoLag (60 s)', () => {
    expect(check('threewill-2014', people, [set('+0s', 'p1'), restart('+59s'), outlook('+2m', 'p0')])).toEqual(conforms('threewill-2014'));
    expect(check('threewill-2014', people, [set('+0s', 'p1'), restart('+60s'), outlook('+2m', 'p0')])).toMatchObject(
      diverges(4, ['p1'], 'OUTLOOK-CACHE'),
    );
  });

  it('does not empty the Outlook cache on a restart of another client (lync)', () => {
    const steps = [set('+0s', 'p1'), restart('+1h', 'bob', 'lync'), outlook('+1h5m', 'p0')];
    expect(check('threewill-2014', people, steps)).toEqual(conforms('threewill-2014'));
  });

  it('keeps the cache when the restart has an unknown outcome', () => {
    const steps = [set('+0s', 'p1'), restart('+1h', 'bob', 'outlook-desktop', 'unknown'), outlook('+1h5m', 'p0')];
    expect(check('threewill-2014', people, steps)).toEqual(conforms('threewill-2014'));
  });
});

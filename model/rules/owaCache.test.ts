import { describe, expect, it } from 'vitest';
import { check, users, type Step, type Result, conforms, diverges, see } from '../scenario.testkit.js';

const people = users({ id: 'alice', photo: 'p0' }, { id: 'bob' });
const set = (result: Result = 'ok'): Step => ({ at: '+0s', do: 'setPhoto', user: 'alice', via: 'outlook-desktop', photo: 'p1', result });
const change = set();

const OWA_SURFACES = ['owa-contact-card', 'owa-email', 'owa-draft', 'sp-search-hover'] as const;

// TW14 caveat 3: Outlook on the web caches the photo for a few seconds at most (exoLag 60 s + owaCache 30 s)
describe('OWA-CACHE', () => {
  it.each(OWA_SURFACES)('lets %s show the replaced photo 75 s after the change (past exoLag, within the cache)', (surface) => {
    expect(check('threewill-2014', people, [change, see('+75s', surface, 'p0')])).toEqual(conforms('threewill-2014'));
  });

  it.each(OWA_SURFACES)('diverges when %s shows the replaced photo 2 min after the change', (surface) => {
    expect(check('threewill-2014', people, [change, see('+2m', surface, 'p0')])).toMatchObject(diverges(3, ['p1'], 'OWA-CACHE'));
  });

  it('closes the cache at exoLag + owaCache: the replaced photo is allowed at 89 s, not at 90 s', () => {
    expect(check('threewill-2014', people, [change, see('+89s', 'owa-email', 'p0')])).toEqual(conforms('threewill-2014'));
    expect(check('threewill-2014', people, [change, see('+90s', 'owa-email', 'p0')])).toMatchObject(diverges(3, ['p1'], 'OWA-CACHE'));
  });

  it('uses the profile durations: 90 min of old photo conforms to microsoft-2024 (1 h + 1 h), not to threewill-2014', () => {
    const steps = [change, see('+1h30m', 'owa-contact-card', 'p0')];
    expect(check('microsoft-2024', people, steps)).toEqual(conforms('microsoft-2024'));
    expect(check('threewill-2014', people, steps)).toMatchObject(diverges(3, ['p1'], 'OWA-CACHE'));
  });

  it('closes the microsoft-2024 cache at 2 h', () => {
    expect(check('microsoft-2024', people, [change, see('+2h', 'owa-draft', 'p0')])).toMatchObject(diverges(3, ['p1'], 'OWA-CACHE'));
  });

  // the allowance runs from the replacement (the change at 0), whatever another surface saw meanwhile
  it('lets OWA show a photo replaced 50 s ago even though Graph already showed the new one at 10 s', () => {
    const steps = [change, see('+10s', 'graph', 'p1'), see('+50s', 'owa-email', 'p0')];
    expect(check('threewill-2014', people, steps)).toEqual(conforms('threewill-2014'));
  });

  it('skips an observation that could not be made (photo unknown)', () => {
    expect(check('threewill-2014', people, [change, see('+2m', 'owa-email', 'unknown')])).toEqual(conforms('threewill-2014'));
  });

  it('keeps an unknown change open: the old photo long after it conforms, and so does the new one', () => {
    const unknown = set('unknown');
    expect(check('threewill-2014', people, [unknown, see('+1h', 'owa-email', 'p0')])).toEqual(conforms('threewill-2014'));
    expect(check('threewill-2014', people, [unknown, see('+1h', 'owa-email', 'p1')])).toEqual(conforms('threewill-2014'));
  });
});

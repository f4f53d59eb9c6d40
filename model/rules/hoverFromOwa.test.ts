import { describe, expect, it } from 'vitest';
import { check, users, type Step, type Result, conforms, diverges, see } from '../scenario.testkit.js';
import type { Via } from '../vocabulary.js';

const people = users({ id: 'alice', photo: 'p0' }, { id: 'bob' });
const set = (via: Via, result: Result = 'ok'): Step => ({ at: '+0s', do: 'setPhoto', user: 'alice', via, photo: 'p1', result });
const PROFILES = ['threewill-2014', 'microsoft-2014', 'exchange-2015', 'microsoft-2024'];

// TW14 SP rule 1: the search result hover panel is Outlook on the web's card and shows an outside change at once
describe('HOVER-FROM-OWA', () => {
  it('shows the new photo on the hover while SharePoint itself still shows the old one (threewill-2014)', () => {
    const steps = [set('outlook-web'), see('+1d', 'sp-search-hover', 'p1'), see('+1d', 'sp-people-picker', 'p0')];
    expect(check('threewill-2014', people, steps)).toEqual(conforms('threewill-2014'));
  });

  it.each(PROFILES)('diverges in %s when the hover shows the photo SharePoint may still hold', (profile) => {
    expect(check(profile, people, [set('outlook-web'), see('+1d', 'sp-search-hover', 'p0')])).toMatchObject(
      diverges(3, ['p1'], 'HOVER-FROM-OWA'),
    );
  });

  it('keeps showing the exchange photo on the hover when SharePoint already has the new one', () => {
    const steps = [set('sharepoint'), see('+30s', 'sp-newsfeed', 'p1'), see('+30s', 'sp-search-hover', 'p0')];
    expect(check('threewill-2014', people, steps)).toEqual(conforms('threewill-2014'));
  });

  it('closes the hover window as OWA does: old photo allowed at 89 s, not at 90 s (threewill-2014)', () => {
    expect(check('threewill-2014', people, [set('graph'), see('+89s', 'sp-search-hover', 'p0')])).toEqual(conforms('threewill-2014'));
    expect(check('threewill-2014', people, [set('graph'), see('+90s', 'sp-search-hover', 'p0')])).toMatchObject(
      diverges(3, ['p1'], 'HOVER-FROM-OWA'),
    );
  });

  it('keeps both photos open on the hover after a change of unknown outcome', () => {
    expect(check('threewill-2014', people, [set('graph', 'unknown'), see('+1d', 'sp-search-hover', 'p0')])).toEqual(
      conforms('threewill-2014'),
    );
    expect(check('threewill-2014', people, [set('graph', 'unknown'), see('+1d', 'sp-search-hover', 'p1')])).toEqual(
      conforms('threewill-2014'),
    );
  });
});

import { describe, expect, it } from 'vitest';
import { check, users, type Step, type Result, conforms, diverges, see, visit, setPhoto } from '../scenario.testkit.js';

const people = users({ id: 'alice', photo: 'p0' }, { id: 'bob' });
const owa = (at: string, photo: string, result: Result = 'ok'): Step => setPhoto(at, 'outlook-web', photo, result);

// TW14: of several Outlook on the web changes within 72 h, only the first and the last reach SharePoint.
// p1 is pushed by the visit at 5 m (the window opens); p2 and p3 follow; the visit at 3 h is remembered and
// the push at 72 h 5 m takes p3. bob's search results (browser cache since start) may show any photo ever shown.
const changes = (p3: Result = 'ok') => [owa('+0s', 'p1'), visit('+5m'), owa('+1h', 'p2'), owa('+2h', 'p3', p3), visit('+3h')];

describe('SP-FIRST-LAST', () => {
  it('shows the first change, then the last', () => {
    const steps = [...changes(), see('+1d', 'sp-newsfeed', 'p1'), see('+4d', 'sp-newsfeed', 'p3')];
    expect(check('threewill-2014', people, steps)).toEqual(conforms('threewill-2014'));
  });

  it.each(['threewill-2014', 'microsoft-2014'])('never shows the intermediate change in %s, even in a cache', (profile) => {
    expect(check(profile, people, [...changes(), see('+4d', 'sp-search', 'p2')])).toMatchObject(
      diverges(7, ['p0', 'p1', 'p3'], 'SP-FIRST-LAST'),
    );
  });

  it('does not show the intermediate change while the push lands either', () => {
    expect(check('threewill-2014', people, [...changes(), see('+72h7m', 'sp-newsfeed', 'p2')])).toMatchObject(
      diverges(7, ['p1', 'p3'], 'SP-FIRST-LAST'),
    );
  });

  it('does not hold in exchange-2015, where each changed photo travels itself', () => {
    expect(check('exchange-2015', people, [...changes(), see('+4d', 'sp-search', 'p2')])).toEqual(conforms('exchange-2015'));
  });

  it('lets the intermediate change be the last when the later one has an unknown outcome', () => {
    expect(check('threewill-2014', people, [...changes('unknown'), see('+4d', 'sp-newsfeed', 'p2')])).toEqual(conforms('threewill-2014'));
    expect(check('threewill-2014', people, [...changes('unknown'), see('+4d', 'sp-newsfeed', 'p3')])).toEqual(conforms('threewill-2014'));
  });
});

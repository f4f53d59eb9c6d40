import { describe, expect, it } from 'vitest';
import { check, users, type Step, type Result, conforms, diverges, see, visit } from '../scenario.testkit.js';
import type { Via } from '../vocabulary.js';

const people = users({ id: 'alice', photo: 'p0' }, { id: 'bob' });
const set = (at: string, via: Via, photo: string): Step => ({ at, do: 'setPhoto', user: 'alice', via, photo });
const editCancel = (at: string, result: Result = 'ok'): Step => ({ at, do: 'editCancel', user: 'alice', result });
const PROFILES = ['threewill-2014', 'microsoft-2014', 'exchange-2015', 'microsoft-2024'];

// TW14: editing the photo in SharePoint and pressing Cancel bypasses the 72 h rule and makes a change stick
describe('EDIT-CANCEL', () => {
  // p1 set in SharePoint opens the 72 h window; p2 comes from outside one hour later
  const inWindow = [set('+0s', 'sharepoint', 'p1'), set('+1h', 'outlook-web', 'p2'), editCancel('+2h')];

  it('sets SharePoint to the exchange photo at once, inside the throttle window', () => {
    expect(check('threewill-2014', people, [...inWindow, see('+2h', 'sp-newsfeed', 'p2')])).toEqual(conforms('threewill-2014'));
    expect(check('threewill-2014', people, [...inWindow, see('+2h1s', 'sp-newsfeed', 'p1')])).toMatchObject(
      diverges(5, ['p2'], 'EDIT-CANCEL'),
    );
  });

  it.each(PROFILES)('holds in %s: SharePoint shows the outside change right after edit and cancel', (profile) => {
    const steps = [set('+0s', 'outlook-web', 'p1'), editCancel('+2h'), see('+2h1s', 'sp-newsfeed', 'p0')];
    expect(check(profile, people, steps)).toMatchObject(diverges(4, ['p1'], 'EDIT-CANCEL'));
  });

  it('is what makes the difference in microsoft-2024: without it the old photo may still show', () => {
    expect(check('microsoft-2024', people, [set('+0s', 'outlook-web', 'p1'), see('+2h1s', 'sp-newsfeed', 'p0')])).toEqual(
      conforms('microsoft-2024'),
    );
  });

  it('sets spUpdated: a SharePoint upload a day later does not stick at once', () => {
    const steps = [set('+0s', 'outlook-web', 'p1'), editCancel('+2h'), set('+1d', 'sharepoint', 'p2'), see('+1d1h', 'sp-newsfeed', 'p1')];
    expect(check('threewill-2014', people, steps)).toEqual(conforms('threewill-2014'));
    // without the edit and cancel the upload sticks at once
    const without = [set('+0s', 'outlook-web', 'p1'), set('+1d', 'sharepoint', 'p2'), see('+1d1h', 'sp-newsfeed', 'p1')];
    expect(check('threewill-2014', people, without)).toMatchObject(diverges(4, ['p2'], 'SP-ORIGIN'));
  });

  it('sets spUpdated: a later outside change waits for the throttle even after a visit', () => {
    const steps = [
      set('+0s', 'outlook-web', 'p1'),
      editCancel('+2h'),
      set('+3h', 'outlook-web', 'p2'),
      visit('+4h'),
      see('+1d', 'sp-newsfeed', 'p2'),
    ];
    expect(check('threewill-2014', people, steps)).toMatchObject(diverges(6, ['p1'], 'SP-THROTTLE'));
  });

  // found by the simulated tenant (adapters/sim/crossValidation.test.ts): p3 from Graph travels to
  // SharePoint (SP-SYNC-WINDOW); p2, uploaded in SharePoint a second later inside the throttle
  // window, reaches Exchange only; Edit-Cancel copies Exchange's p2 and hastens p3 to land by
  // +3h10m. p3 is older than the copy: it may show or not, but it does not take p2's place
  // (SPEC 4, "Time windows": after that only the newer one).
  const olderTravelling = [set('+0s', 'sharepoint', 'p1'), set('+1s', 'graph', 'p3'), set('+2s', 'sharepoint', 'p2'), editCancel('+3h')];

  it('exchange-2015: a change still travelling that is older than the copied photo does not replace it', () => {
    expect(check('exchange-2015', people, [...olderTravelling, see('+6h', 'sp-newsfeed', 'p2')])).toEqual(conforms('exchange-2015'));
    expect(check('exchange-2015', people, [...olderTravelling, see('+6h', 'sp-newsfeed', 'p3')])).toEqual(conforms('exchange-2015'));
    expect(check('exchange-2015', people, [...olderTravelling, see('+6h', 'sp-newsfeed', 'p1')])).toMatchObject({
      verdict: 'diverges',
      divergence: { line: 6, allowed: ['p2', 'p3'] },
    });
  });

  it('exchange-2015: a change still travelling that is newer than the copied photo still lands after it', () => {
    // p3 from Graph 30 s before Edit-Cancel: Exchange may still hold p2, but p3 is newer and
    // lands in SharePoint by +3h10m whatever Edit-Cancel copied
    const steps = [set('+0s', 'sharepoint', 'p1'), set('+2s', 'sharepoint', 'p2'), set('+2h59m30s', 'graph', 'p3'), editCancel('+3h')];
    expect(check('exchange-2015', people, [...steps, see('+3h1m', 'sp-newsfeed', 'p2')])).toEqual(conforms('exchange-2015'));
    expect(check('exchange-2015', people, [...steps, see('+6h', 'sp-newsfeed', 'p2')])).toMatchObject({
      verdict: 'diverges',
      divergence: { line: 6, allowed: ['p3'] },
    });
  });

  it('keeps both outcomes of an edit and cancel of unknown outcome open', () => {
    const unknown = [set('+0s', 'sharepoint', 'p1'), set('+1h', 'outlook-web', 'p2'), editCancel('+2h', 'unknown')];
    expect(check('threewill-2014', people, [...unknown, see('+2h1s', 'sp-newsfeed', 'p1')])).toEqual(conforms('threewill-2014'));
    expect(check('threewill-2014', people, [...unknown, see('+2h1s', 'sp-newsfeed', 'p2')])).toEqual(conforms('threewill-2014'));
  });
});

import { describe, expect, it } from 'vitest';
import { check, users, type Step, type Result, conforms, diverges, see } from '../scenario.testkit.js';
import type { Via } from '../vocabulary.js';

const people = users({ id: 'alice', photo: 'p0' }, { id: 'bob' });
const set = (at: string, via: Via, result: Result = 'ok'): Step => ({ at, do: 'setPhoto', user: 'alice', via, photo: 'p1', result });

// TW14: "Yammer is separate": no photo sync between Yammer and SharePoint/Outlook/Lync
describe('YAMMER-ISOLATED', () => {
  it('shows a photo set in Yammer in Yammer only', () => {
    const steps = [set('+0s', 'yammer'), see('+1h', 'yammer', 'p1'), see('+1d', 'graph', 'p0'), see('+1d', 'sp-newsfeed', 'p0')];
    expect(check('threewill-2014', people, steps)).toEqual(conforms('threewill-2014'));
  });

  it('sets Yammer at once: the old photo in Yammer an hour later diverges', () => {
    expect(check('threewill-2014', people, [set('+0s', 'yammer'), see('+1h', 'yammer', 'p0')])).toMatchObject(
      diverges(3, ['p1'], 'YAMMER-ISOLATED'),
    );
  });

  it.each(['outlook-web', 'sharepoint', 'lync', 'admin-cmdlet', 'graph', 'on-prem-ad'] as const)(
    'never carries a change via %s to Yammer',
    (via) => {
      expect(check('threewill-2014', people, [set('+0s', via), see('+5d', 'yammer', 'p0')])).toEqual(conforms('threewill-2014'));
      expect(check('threewill-2014', people, [set('+0s', via), see('+5d', 'yammer', 'p1')])).toMatchObject(
        diverges(3, ['p0'], 'YAMMER-ISOLATED'),
      );
    },
  );

  it('does not let a SharePoint push or an openYammer reach Yammer', () => {
    const steps: Step[] = [
      set('+0s', 'outlook-web'),
      { at: '+1h', do: 'visitMySite', user: 'alice' },
      { at: '+2h', do: 'openYammer', user: 'alice' },
    ];
    expect(check('threewill-2014', people, [...steps, see('+1d', 'yammer', 'p1')])).toMatchObject(diverges(5, ['p0'], 'YAMMER-ISOLATED'));
  });

  it('diverges, naming the rule, when Graph shows a photo that was set only in Yammer', () => {
    expect(check('threewill-2014', people, [set('+0s', 'yammer'), see('+1d', 'graph', 'p1')])).toMatchObject(
      diverges(3, ['p0'], 'YAMMER-ISOLATED'),
    );
  });

  it.each(['threewill-2014', 'microsoft-2014', 'exchange-2015'])('accepts a Yammer upload in %s but not in microsoft-2024', (profile) => {
    const steps = [set('+0s', 'yammer'), see('+1h', 'yammer', 'p1')];
    expect(check(profile, people, steps)).toEqual(conforms(profile));
    expect(check('microsoft-2024', people, steps)).toMatchObject(diverges(2, ['rejected'], 'YAMMER-FROM-ENTRA'));
  });

  it('keeps both outcomes of an unknown Yammer upload open', () => {
    expect(check('threewill-2014', people, [set('+0s', 'yammer', 'unknown'), see('+1h', 'yammer', 'p0')])).toEqual(
      conforms('threewill-2014'),
    );
    expect(check('threewill-2014', people, [set('+0s', 'yammer', 'unknown'), see('+1h', 'yammer', 'p1')])).toEqual(
      conforms('threewill-2014'),
    );
  });
});

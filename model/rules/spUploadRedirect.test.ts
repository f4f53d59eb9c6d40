import { describe, expect, it } from 'vitest';
import { check, users, type Step, type Result, conforms, diverges, see, visit, setPhoto } from '../scenario.testkit.js';

const people = users({ id: 'alice', photo: 'p0' }, { id: 'bob' });
const inSp = (at: string, photo = 'p1', result: Result = 'ok'): Step => setPhoto(at, 'sharepoint', photo, result);

// MC653734: SharePoint hands a photo uploaded in it to the people system: an outside change (microsoft-2024)
describe('SP-UPLOAD-REDIRECT', () => {
  it('does not set SharePoint at once: the old photo may show a day later, unlike threewill-2014 (SP-ORIGIN)', () => {
    const steps = [inSp('+0s'), see('+1d', 'sp-newsfeed', 'p0')];
    expect(check('microsoft-2024', people, steps)).toEqual(conforms('microsoft-2024'));
    expect(check('threewill-2014', people, steps)).toMatchObject(diverges(3, ['p1'], 'SP-ORIGIN'));
  });

  it('diverges when SharePoint still shows the old photo after spSync of the upload', () => {
    expect(check('microsoft-2024', people, [inSp('+0s'), see('+3d1h', 'sp-newsfeed', 'p0')])).toMatchObject(
      diverges(3, ['p1'], 'SP-UPLOAD-REDIRECT'),
    );
  });

  it('carries the upload to exchange within exoLag like any outside change', () => {
    expect(check('microsoft-2024', people, [inSp('+0s'), see('+1h1m', 'graph', 'p1')])).toEqual(conforms('microsoft-2024'));
  });

  it('brings the upload within spPickup of a visit', () => {
    const base = [inSp('+0s'), visit('+2h')];
    expect(check('microsoft-2024', people, [...base, see('+2h30m', 'sp-newsfeed', 'p0')])).toEqual(conforms('microsoft-2024'));
    expect(check('microsoft-2024', people, [...base, see('+3h1m', 'sp-newsfeed', 'p0')])).toMatchObject(
      diverges(4, ['p1'], 'SP-SYNC-WINDOW'),
    );
  });

  it('has no SP-NO-STICK window: a second upload a day later is the photo SharePoint ends with', () => {
    const base = [inSp('+0s', 'p1'), inSp('+1d', 'p2')];
    expect(check('microsoft-2024', people, [...base, see('+5d', 'sp-newsfeed', 'p2')])).toEqual(conforms('microsoft-2024'));
    expect(check('microsoft-2024', people, [...base, see('+5d', 'sp-newsfeed', 'p1')])).toMatchObject({
      verdict: 'diverges',
      divergence: { line: 4, allowed: ['p2'] },
    });
  });

  it('keeps both outcomes of an unknown upload open', () => {
    expect(check('microsoft-2024', people, [inSp('+0s', 'p1', 'unknown'), see('+4d', 'sp-newsfeed', 'p0')])).toEqual(
      conforms('microsoft-2024'),
    );
    expect(check('microsoft-2024', people, [inSp('+0s', 'p1', 'unknown'), see('+4d', 'sp-newsfeed', 'p1')])).toEqual(
      conforms('microsoft-2024'),
    );
  });
});

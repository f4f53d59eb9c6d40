import { describe, expect, it } from 'vitest';
import { check, users, conforms, setPhoto } from '../scenario.testkit.js';

const people = users({ id: 'alice', photo: 'p0', setPhotoEnabled: false }, { id: 'bob' });

// MSDOC Set-OwaMailboxPolicy (2026): SetPhotoEnabled now governs Outlook on the web and Teams only
describe('PHOTO-POLICY-OWA', () => {
  it.each(['outlook-web', 'teams'] as const)('refuses a photo set via %s while SetPhotoEnabled is off', (via) => {
    expect(check('microsoft-2026', people, [setPhoto('+0s', via, 'p1', 'rejected')])).toEqual(conforms('microsoft-2026'));
    expect(check('microsoft-2026', people, [setPhoto('+0s', via, 'p1')])).toMatchObject({
      verdict: 'diverges',
      divergence: { line: 2, allowed: ['rejected'], rules: ['PHOTO-POLICY-OWA'] },
    });
  });

  it('no longer refuses Outlook desktop or SharePoint, as PHOTO-POLICY did in microsoft-2024', () => {
    for (const via of ['outlook-desktop', 'sharepoint'] as const) {
      expect(check('microsoft-2026', people, [setPhoto('+0s', via, 'p1')])).toEqual(conforms('microsoft-2026'));
      expect(check('microsoft-2024', people, [setPhoto('+0s', via, 'p1')])).toMatchObject({
        verdict: 'diverges',
        divergence: { line: 2, allowed: ['rejected'], rules: ['PHOTO-POLICY'] },
      });
    }
  });

  it('follows setPolicy: once enabled again, Outlook on the web takes the photo', () => {
    const steps = [{ at: '+0s', do: 'setPolicy', user: 'alice', setPhotoEnabled: true } as const, setPhoto('+1m', 'outlook-web', 'p1')];
    expect(check('microsoft-2026', people, steps)).toEqual(conforms('microsoft-2026'));
  });
});

import { describe, expect, it } from 'vitest';
import { check, users, type Step, type Result, conforms, diverges, see, setPhoto, visit } from '../scenario.testkit.js';

const people = users({ id: 'alice', photo: 'p0', adSynced: true }, { id: 'bob' });
const ad = (at: string, photo: string, result: Result = 'ok'): Step => ({
  at,
  do: 'setPhoto',
  user: 'alice',
  via: 'on-prem-ad',
  photo,
  result,
});

// azure-docs PR 106906 (2023): Entra Connect syncs thumbnailPhoto periodically; microsoft-2026:
// dirSyncInterval 30 min, exoLag 4 h, so an AD write is in Exchange by 4 h 30 min
describe('AD-PERIODIC', () => {
  it('carries every AD photo, however many were synced before (AD-ONE-TIME no longer holds)', () => {
    const steps = [ad('+0s', 'p1'), see('+5h', 'graph', 'p1')];
    expect(check('microsoft-2026', people, steps)).toEqual(conforms('microsoft-2026'));
    expect(check('microsoft-2026', people, [ad('+0s', 'p1'), see('+5h', 'graph', 'p0')])).toMatchObject(diverges(3, ['p1'], 'DIRSYNC'));
    // microsoft-2024 syncs only the first AD photo ever: this one never reaches Exchange
    expect(check('microsoft-2024', people, [ad('+0s', 'p1'), see('+5h', 'graph', 'p0')])).toEqual(conforms('microsoft-2024'));
  });

  // review of 2026-12-07 (afternoon): the change made elsewhere is the latest for each AD write
  // within one interval before it, not only for the last one
  it('races a change made elsewhere with every AD write less than dirSyncInterval before it', () => {
    const cloud = (at: string): Step => setPhoto(at, 'graph', 'p3');
    const both = [ad('+0s', 'p1'), ad('+20m', 'p2'), cloud('+21m')];
    expect(check('microsoft-2026', people, [...both, see('+4h31m', 'graph', 'p1')])).toEqual(conforms('microsoft-2026'));
    const late = [ad('+0s', 'p1'), ad('+20m', 'p2'), cloud('+31m')];
    expect(check('microsoft-2026', people, [...late, see('+4h31m', 'graph', 'p1')])).toMatchObject(
      diverges(5, ['p2', 'p3'], 'AD-PERIODIC'),
    );
  });

  it('races an AD write with a change made elsewhere less than dirSyncInterval before it: Exchange may keep either', () => {
    const race = [setPhoto('+0s', 'graph', 'p1'), ad('+10m', 'p2')];
    expect(check('microsoft-2026', people, [...race, see('+2d', 'graph', 'p1')])).toEqual(conforms('microsoft-2026'));
    expect(check('microsoft-2026', people, [...race, see('+2d', 'graph', 'p2')])).toEqual(conforms('microsoft-2026'));
    expect(check('microsoft-2026', people, [...race, see('+2d', 'graph', 'p0')])).toMatchObject(diverges(4, ['p1', 'p2'], 'AD-PERIODIC'));
  });

  it('keeps the one Exchange kept once both have surely landed: two reads then agree, until a later change', () => {
    // the AD write is in Exchange by 10 m + 4 h 30 m, the Graph one by 4 h
    const race = [setPhoto('+0s', 'graph', 'p1'), ad('+10m', 'p2')];
    for (const [kept, other] of [
      ['p1', 'p2'],
      ['p2', 'p1'],
    ] as const) {
      const steps = [...race, see('+5h', 'graph', kept), see('+1d', 'graph', kept)];
      expect(check('microsoft-2026', people, steps)).toEqual(conforms('microsoft-2026'));
      expect(check('microsoft-2026', people, [...race, see('+5h', 'graph', kept), see('+1d', 'graph', other)])).toMatchObject(
        diverges(5, [kept], 'AD-PERIODIC'),
      );
    }
    // before both have surely landed, either may show, in any order
    const early = [...race, see('+3h', 'graph', 'p1'), see('+4h', 'graph', 'p2'), see('+4h20m', 'graph', 'p1')];
    expect(check('microsoft-2026', people, early)).toEqual(conforms('microsoft-2026'));
    // a later change ends it
    const later = [...race, see('+5h', 'graph', 'p1'), setPhoto('+6h', 'graph', 'p3'), see('+11h', 'graph', 'p3')];
    expect(check('microsoft-2026', people, later)).toEqual(conforms('microsoft-2026'));
    // Outlook on the web, whose cache reaches back an hour past a read, may still show the other
    const owa = [...race, see('+5h', 'graph', 'p1'), see('+5h1m', 'owa-contact-card', 'p2')];
    expect(check('microsoft-2026', people, owa)).toEqual(conforms('microsoft-2026'));
  });

  it('races a change made elsewhere less than dirSyncInterval after an AD write', () => {
    const race = [ad('+0s', 'p2'), setPhoto('+20m', 'graph', 'p1')];
    expect(check('microsoft-2026', people, [...race, see('+2d', 'graph', 'p2')])).toEqual(conforms('microsoft-2026'));
    expect(check('microsoft-2026', people, [...race, see('+2d', 'graph', 'p0')])).toMatchObject(diverges(4, ['p1', 'p2'], 'AD-PERIODIC'));
  });

  it('does not race changes dirSyncInterval or more apart: the later one wins', () => {
    const apart = [setPhoto('+0s', 'graph', 'p1'), ad('+30m', 'p2')];
    expect(check('microsoft-2026', people, [...apart, see('+2d', 'graph', 'p2')])).toEqual(conforms('microsoft-2026'));
    expect(check('microsoft-2026', people, [...apart, see('+2d', 'graph', 'p1')])).toMatchObject(diverges(4, ['p2'], 'DIRSYNC'));
  });

  it('keeps the raced photo only until a later change replaces it', () => {
    const race = [setPhoto('+0s', 'graph', 'p1'), ad('+10m', 'p2'), setPhoto('+1d', 'graph', 'p3')];
    expect(check('microsoft-2026', people, [...race, see('+2d', 'graph', 'p3')])).toEqual(conforms('microsoft-2026'));
    expect(check('microsoft-2026', people, [...race, see('+2d', 'graph', 'p1')])).toMatchObject(diverges(5, ['p3'], 'EXO-FAST'));
  });

  // "then exchange keeps one of the two": what SharePoint and Viva Engage copy from Exchange after
  // that is the same one (SPEC section 4 readings: a push takes the value Exchange may hold)
  describe('what is copied from Exchange after the race is the photo Exchange kept', () => {
    const race = [setPhoto('+0s', 'graph', 'p1'), ad('+10m', 'p2')];
    const picker = (at: string, photo: string) => see(at, 'sp-people-picker', photo);

    it('a visit after both have landed pushes the kept photo: SharePoint agrees with Exchange', () => {
      const visited = [...race, visit('+5h'), see('+6h', 'graph', 'p2')];
      expect(check('microsoft-2026', people, [...visited, picker('+2d', 'p2')])).toEqual(conforms('microsoft-2026'));
      expect(check('microsoft-2026', people, [...visited, picker('+2d', 'p1')])).toMatchObject(diverges(6, ['p2'], 'SP-NEEDS-VISIT'));
      // the other order: SharePoint told first, Exchange must agree
      const told = [...race, visit('+5h'), picker('+2d', 'p1')];
      expect(check('microsoft-2026', people, [...told, see('+2d1m', 'graph', 'p1')])).toEqual(conforms('microsoft-2026'));
      expect(check('microsoft-2026', people, [...told, see('+2d1m', 'graph', 'p2')])).toMatchObject(diverges(6, ['p1'], 'AD-PERIODIC'));
    });

    it('a visit while they still race may push either', () => {
      const steps = [...race, visit('+1h'), see('+6h', 'graph', 'p2'), picker('+2d', 'p1')];
      expect(check('microsoft-2026', people, steps)).toEqual(conforms('microsoft-2026'));
    });

    it('an opening of Viva Engage after both have landed syncs the kept photo', () => {
      const opened = [...race, { at: '+5h', do: 'openYammer', user: 'alice' } as Step, see('+6h', 'graph', 'p2')];
      expect(check('microsoft-2026', people, [...opened, see('+12h', 'yammer', 'p2')])).toEqual(conforms('microsoft-2026'));
      expect(check('microsoft-2026', people, [...opened, see('+12h', 'yammer', 'p1')])).toMatchObject(
        diverges(6, ['p2'], 'YAMMER-FROM-ENTRA'),
      );
    });
  });
});

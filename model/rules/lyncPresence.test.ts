import { describe, expect, it } from 'vitest';
import { check, users, type Step, type Result, conforms, diverges } from '../scenario.testkit.js';

const offline = users({ id: 'alice', photo: 'p0' }, { id: 'bob' });
const online = users({ id: 'alice', photo: 'p0', lync: 'online' }, { id: 'bob' });
const signIn = (at: string, result: Result = 'ok'): Step => ({ at, do: 'lyncSignIn', user: 'alice', result });
const signOut = (at: string): Step => ({ at, do: 'lyncSignOut', user: 'alice' });
const setViaLync = (at: string): Step => ({ at, do: 'setPhoto', user: 'alice', via: 'lync', photo: 'p1' });
const lync = (at: string, photo: string): Step => ({ at, see: 'lync', user: 'alice', viewer: 'bob', photo });

// TW14 caveat 4: Lync shows no photo while the user is offline, and the new one quickly once signed in
describe('LYNC-PRESENCE', () => {
  it('shows none while the subject is signed out (the header default)', () => {
    expect(check('threewill-2014', offline, [lync('+1h', 'none')])).toEqual(conforms('threewill-2014'));
    expect(check('threewill-2014', offline, [lync('+1h', 'p0')])).toMatchObject(diverges(2, ['none'], 'LYNC-PRESENCE'));
  });

  it('shows the exchange photo from the instant the subject signs in', () => {
    expect(check('threewill-2014', offline, [signIn('+1h'), lync('+1h', 'p0')])).toEqual(conforms('threewill-2014'));
    expect(check('threewill-2014', offline, [signIn('+1h'), lync('+1h', 'none')])).toMatchObject(diverges(3, ['p0'], 'LYNC-PRESENCE'));
  });

  it('shows none from the instant the subject signs out', () => {
    expect(check('threewill-2014', online, [signOut('+1h'), lync('+1h', 'p0')])).toMatchObject(diverges(3, ['none'], 'LYNC-PRESENCE'));
  });

  it('shows a change within exoLag + lyncLag while signed in: old photo at 90 s conforms, at 3 min diverges', () => {
    expect(check('threewill-2014', online, [setViaLync('+0s'), lync('+90s', 'p0')])).toEqual(conforms('threewill-2014'));
    expect(check('threewill-2014', online, [setViaLync('+0s'), lync('+3m', 'p0')])).toMatchObject(diverges(3, ['p1'], 'LYNC-PRESENCE'));
  });

  it('closes the lync window at its end: old photo allowed at 119 s, not at 120 s', () => {
    expect(check('threewill-2014', online, [setViaLync('+0s'), lync('+1m59s', 'p0')])).toEqual(conforms('threewill-2014'));
    expect(check('threewill-2014', online, [setViaLync('+0s'), lync('+2m', 'p0')])).toMatchObject(diverges(3, ['p1'], 'LYNC-PRESENCE'));
  });

  it('has no lync surface in microsoft-2024: the same observation conforms to threewill-2014 and diverges there', () => {
    const steps = [lync('+1h', 'p0')];
    expect(check('threewill-2014', online, steps)).toEqual(conforms('threewill-2014'));
    expect(check('microsoft-2024', online, steps)).toMatchObject(diverges(2, [], 'LYNC-PRESENCE'));
  });

  it('has no via lync in microsoft-2024', () => {
    expect(check('threewill-2014', online, [setViaLync('+0s')])).toEqual(conforms('threewill-2014'));
    expect(check('microsoft-2024', online, [setViaLync('+0s')])).toMatchObject(diverges(2, [], 'LYNC-PRESENCE'));
  });

  it('keeps both presences open after a sign-in of unknown outcome', () => {
    expect(check('threewill-2014', offline, [signIn('+1h', 'unknown'), lync('+2h', 'p0')])).toEqual(conforms('threewill-2014'));
    expect(check('threewill-2014', offline, [signIn('+1h', 'unknown'), lync('+2h', 'none')])).toEqual(conforms('threewill-2014'));
  });

  it('once Lync showed the photo after an unknown sign-in, the subject is signed in: none diverges', () => {
    const steps = [signIn('+1h', 'unknown'), lync('+2h', 'p0'), lync('+3h', 'none')];
    expect(check('threewill-2014', offline, steps)).toMatchObject(diverges(4, ['p0'], 'LYNC-PRESENCE'));
  });

  it('keeps presence open after a sign-in of unknown outcome, and learns it from a look at Lync', () => {
    const people = users({ id: 'alice', photo: 'p1' }, { id: 'bob' });
    const unknownIn: Step = { at: '+0s', do: 'lyncSignIn', user: 'alice', result: 'unknown' };
    expect(check('threewill-2014', people, [unknownIn, lync('+1m', 'none')])).toEqual(conforms('threewill-2014'));
    expect(check('threewill-2014', people, [unknownIn, lync('+1m', 'p1')])).toEqual(conforms('threewill-2014'));
    // seen signed in, then signed out with nothing to say so
    expect(check('threewill-2014', people, [unknownIn, lync('+1m', 'p1'), lync('+2m', 'none')])).toMatchObject(
      diverges(4, ['p1'], 'LYNC-PRESENCE'),
    );
    // seen signed out, then signed in with nothing to say so
    expect(check('threewill-2014', people, [unknownIn, lync('+1m', 'none'), lync('+2m', 'p1')])).toMatchObject(
      diverges(4, ['none'], 'LYNC-PRESENCE'),
    );
  });

  it('lets a sign-in be refused where the subject is signed in already, a sign-out where signed out: refused or not, nothing changes', () => {
    const refusedIn: Step = { at: '+1m', do: 'lyncSignIn', user: 'alice', result: 'rejected' };
    const refusedOut: Step = { at: '+1m', do: 'lyncSignOut', user: 'alice', result: 'rejected' };
    expect(check('threewill-2014', online, [refusedIn, lync('+2m', 'p0')])).toEqual(conforms('threewill-2014'));
    expect(check('threewill-2014', offline, [refusedOut, lync('+2m', 'none')])).toEqual(conforms('threewill-2014'));
    // where it would have changed the presence, the refusal diverges
    expect(check('threewill-2014', offline, [refusedIn])).toMatchObject(diverges(2, ['ok'], 'LYNC-PRESENCE'));
    expect(check('threewill-2014', online, [refusedOut])).toMatchObject(diverges(2, ['ok'], 'LYNC-PRESENCE'));
    // presence either (a sign-out of unknown outcome): the subject may be signed in already, and stays so
    const either = [signOut('+0s'), signIn('+1m', 'unknown')];
    expect(check('threewill-2014', online, [...either, { ...refusedIn, at: '+2m' }, lync('+3m', 'p0')])).toEqual(
      conforms('threewill-2014'),
    );
    expect(check('threewill-2014', online, [...either, { ...refusedIn, at: '+2m' }, lync('+3m', 'none')])).toMatchObject(
      diverges(5, ['p0'], 'LYNC-PRESENCE'),
    );
  });
});

import { describe, expect, it } from 'vitest';
import { check, users, type Step, type Result, conforms, diverges, setPhoto } from '../scenario.testkit.js';
import type { Via } from '../vocabulary.js';

const people = users({ id: 'alice', photo: 'p0' }, { id: 'bob' });
const set = (at: string, via: Via, photo = 'p1', result: Result = 'ok'): Step => setPhoto(at, via, photo, result);
const open = (at: string, result: Result = 'ok'): Step => ({ at, do: 'openYammer', user: 'alice', result });
const yammer = (at: string, photo: string): Step => ({ at, see: 'yammer', user: 'alice', viewer: 'bob', photo });

// MSDOC Viva Engage: the photo comes from Entra ID when the user next opens Viva Engage (yammerSync 6 h, exoLag 1 h)
describe('YAMMER-FROM-ENTRA', () => {
  it('rejects a photo set in Yammer, which then changes nothing', () => {
    expect(check('microsoft-2024', people, [set('+0s', 'yammer', 'p1', 'rejected'), yammer('+1h', 'p0')])).toEqual(
      conforms('microsoft-2024'),
    );
  });

  it('diverges when a Yammer upload is recorded as accepted', () => {
    expect(check('microsoft-2024', people, [set('+0s', 'yammer')])).toMatchObject(diverges(2, ['rejected'], 'YAMMER-FROM-ENTRA'));
  });

  it('keeps an unknown Yammer upload from taking effect: only the old photo shows', () => {
    expect(check('microsoft-2024', people, [set('+0s', 'yammer', 'p1', 'unknown'), yammer('+1h', 'p0')])).toEqual(
      conforms('microsoft-2024'),
    );
    expect(check('microsoft-2024', people, [set('+0s', 'yammer', 'p1', 'unknown'), yammer('+1h', 'p1')])).toMatchObject(
      diverges(3, ['p0'], 'YAMMER-FROM-ENTRA'),
    );
  });

  it('takes the exchange photo within yammerSync of the next openYammer', () => {
    const base = [set('+0s', 'outlook-web'), open('+2h')];
    expect(check('microsoft-2024', people, [...base, yammer('+5h', 'p0')])).toEqual(conforms('microsoft-2024'));
    expect(check('microsoft-2024', people, [...base, yammer('+5h', 'p1')])).toEqual(conforms('microsoft-2024'));
    expect(check('microsoft-2024', people, [...base, yammer('+8h1m', 'p0')])).toMatchObject(diverges(4, ['p1'], 'YAMMER-FROM-ENTRA'));
  });

  it('closes the window at openYammer + yammerSync: old photo allowed at 7 h 59 m 59 s after, not at 8 h', () => {
    const base = [set('+0s', 'outlook-web'), open('+2h')];
    expect(check('microsoft-2024', people, [...base, yammer('+7h59m59s', 'p0')])).toEqual(conforms('microsoft-2024'));
    expect(check('microsoft-2024', people, [...base, yammer('+8h', 'p0')])).toMatchObject(diverges(4, ['p1'], 'YAMMER-FROM-ENTRA'));
  });

  it('does not change Yammer until the user opens it', () => {
    expect(check('microsoft-2024', people, [set('+0s', 'outlook-web'), yammer('+5d', 'p0')])).toEqual(conforms('microsoft-2024'));
    expect(check('microsoft-2024', people, [set('+0s', 'outlook-web'), yammer('+5d', 'p1')])).toMatchObject(
      diverges(3, ['p0'], 'YAMMER-FROM-ENTRA'),
    );
  });

  it('takes the Exchange photo of the sync’s own instant: a change made within yammerSync of the opening may be the one taken', () => {
    // yammerSync 6 h: the sync may come as late as 6 h after the opening
    const within = [open('+0s'), set('+1m', 'outlook-web', 'p1')];
    expect(check('microsoft-2024', people, [...within, yammer('+7h', 'p1')])).toEqual(conforms('microsoft-2024'));
    expect(check('microsoft-2024', people, [...within, yammer('+7h', 'p0')])).toEqual(conforms('microsoft-2024'));
    // one made after the window has closed needs another opening
    const after = [open('+0s'), set('+6h1m', 'outlook-web', 'p1')];
    expect(check('microsoft-2024', people, [...after, yammer('+1d', 'p1')])).toMatchObject(diverges(4, ['p0'], 'YAMMER-FROM-ENTRA'));
  });

  // the sync takes one photo, at its own instant: once it has landed, Viva Engage shows that one
  it('shows, once the sync has landed, the one photo it took of a change still landing in Exchange', () => {
    // exoLag 1 h: at the opening Exchange may hold either photo, and the sync may come before p1 lands
    const open10m = [set('+0s', 'graph'), open('+10m')];
    expect(check('microsoft-2024', people, [...open10m, yammer('+7h', 'p1'), yammer('+8h', 'p1')])).toEqual(conforms('microsoft-2024'));
    expect(check('microsoft-2024', people, [...open10m, yammer('+7h', 'p0'), yammer('+8h', 'p0')])).toEqual(conforms('microsoft-2024'));
    expect(check('microsoft-2024', people, [...open10m, yammer('+7h', 'p1'), yammer('+8h', 'p0')])).toMatchObject(
      diverges(5, ['p1'], 'YAMMER-FROM-ENTRA'),
    );
    expect(check('microsoft-2024', people, [...open10m, yammer('+7h', 'p0'), yammer('+8h', 'p1')])).toMatchObject(
      diverges(5, ['p0'], 'YAMMER-FROM-ENTRA'),
    );
    // seen with the new photo while the sync lands: it took that one (the old one may still show until it has landed)
    const early = [...open10m, yammer('+2h', 'p1')];
    expect(check('microsoft-2024', people, [...early, yammer('+3h', 'p0')])).toEqual(conforms('microsoft-2024'));
    expect(check('microsoft-2024', people, [...early, yammer('+7h', 'p0')])).toMatchObject(diverges(5, ['p1'], 'YAMMER-FROM-ENTRA'));
  });

  it('tells the photo a sync took from a read while it lands, of a change made after the opening too', () => {
    // the sync may take p1, made after the opening; seen with p1, it took p1, whatever Exchange held at the opening
    const after = [open('+0s'), set('+1h', 'graph'), yammer('+2h', 'p1')];
    expect(check('microsoft-2024', people, [...after, yammer('+7h', 'p1')])).toEqual(conforms('microsoft-2024'));
    expect(check('microsoft-2024', people, [...after.slice(0, 2), yammer('+7h', 'p0')])).toEqual(conforms('microsoft-2024'));
    expect(check('microsoft-2024', people, [...after, yammer('+7h', 'p0')])).toMatchObject(diverges(5, ['p1'], 'YAMMER-FROM-ENTRA'));
    // and a sync seen to have taken p1 has been made: a change after that read needs another opening
    const later = [...after, set('+3h', 'graph', 'p2')];
    expect(check('microsoft-2024', people, [...later, yammer('+10h', 'p1')])).toEqual(conforms('microsoft-2024'));
    expect(check('microsoft-2024', people, [...later, yammer('+10h', 'p2')])).toMatchObject(diverges(6, ['p1'], 'YAMMER-FROM-ENTRA'));
  });

  it('learns nothing from a read while another sync may still land: either may be the last', () => {
    // two openings: the first sync may take p1 (a Graph change still landing) and the second p0 after it
    const steps = [open('+0s'), open('+1h'), set('+2h', 'graph'), yammer('+2h30m', 'p1')];
    expect(check('microsoft-2024', people, [...steps, yammer('+8h', 'p0')])).toEqual(conforms('microsoft-2024'));
    // changes landing out of order: the first sync may take p2, the second p1, which Exchange may show again
    const racing = [open('+0s'), set('+30m', 'graph'), open('+36m'), set('+42m', 'outlook-web', 'p2'), yammer('+1h12m', 'p2')];
    expect(check('microsoft-2024', people, [...racing, yammer('+8h', 'p1')])).toEqual(conforms('microsoft-2024'));
  });

  it('lets an earlier sync still under way take a change too: the later one may have taken the photo before it', () => {
    // the first sync (to +6h) may take p1 while it lands in Exchange, the second (to +11h2m) p0 before
    // it: seen with p1 once the first has landed, the second may still bring p0
    const steps = [open('+0s'), open('+5h2m'), set('+5h37m', 'graph'), yammer('+6h41m', 'p1')];
    expect(check('microsoft-2024', people, [...steps, yammer('+13h4m', 'p0')])).toEqual(conforms('microsoft-2024'));
    expect(check('microsoft-2026', people, [...steps, yammer('+13h4m', 'p0')])).toEqual(conforms('microsoft-2026'));
    // where the first had ended before the change, only the second can have shown p1, and took it
    const late = [open('+0s'), open('+6h2m'), set('+6h37m', 'graph'), yammer('+7h41m', 'p1')];
    expect(check('microsoft-2024', people, [...late, yammer('+14h4m', 'p0')])).toMatchObject(diverges(6, ['p1'], 'YAMMER-FROM-ENTRA'));
  });

  it('needs another openYammer for a change made after the last one', () => {
    const base = [set('+0s', 'outlook-web'), open('+2h'), set('+1d', 'outlook-web', 'p2')];
    expect(check('microsoft-2024', people, [...base, yammer('+3d', 'p2')])).toMatchObject(diverges(5, ['p1'], 'YAMMER-FROM-ENTRA'));
    expect(check('microsoft-2024', people, [...base, open('+2d'), yammer('+3d', 'p2')])).toEqual(conforms('microsoft-2024'));
  });

  it('holds only in microsoft-2024: threewill-2014 never carries the change to Yammer', () => {
    const steps = [set('+0s', 'outlook-web'), open('+2h'), yammer('+9h', 'p1')];
    expect(check('microsoft-2024', people, steps)).toEqual(conforms('microsoft-2024'));
    expect(check('threewill-2014', people, steps)).toMatchObject(diverges(4, ['p0'], 'YAMMER-ISOLATED'));
  });

  it('keeps the sync an unknown openYammer may have started apart from no opening: a change made meanwhile may be taken', () => {
    const steps = [open('+0s', 'unknown'), set('+1h', 'graph', 'p1'), yammer('+1h5m', 'p1')];
    expect(check('microsoft-2024', people, steps)).toEqual(conforms('microsoft-2024'));
    expect(check('microsoft-2024', people, [...steps.slice(0, 2), yammer('+1h5m', 'p2')])).toMatchObject(
      diverges(4, ['p0', 'p1'], 'YAMMER-FROM-ENTRA'),
    );
  });

  // review of 2026-12-07 (afternoon): a sync is one copy, made by the read that showed what only it may show
  it('takes no later change once a read showed the photo the sync took, made before the opening or after it', () => {
    for (const opened of [
      [set('+0s', 'graph', 'p2'), open('+1h31m')],
      [open('+1h31m'), set('+1h40m', 'graph', 'p2')],
    ]) {
      const steps = [...opened, yammer('+3h30m', 'p2'), set('+4h1m', 'graph', 'p3')];
      expect(check('microsoft-2024', people, [...steps, yammer('+10h', 'p2')])).toEqual(conforms('microsoft-2024'));
      expect(check('microsoft-2024', people, [...steps, yammer('+10h', 'p3')])).toMatchObject(diverges(6, ['p2'], 'YAMMER-FROM-ENTRA'));
      // it still lands within its window: another read may reach a copy it has not reached yet
      expect(check('microsoft-2024', people, [...steps, yammer('+5h', 'p0')])).toEqual(conforms('microsoft-2024'));
    }
    // with no read of it, the sync under way may still take the later change
    const unread = [set('+0s', 'graph', 'p2'), open('+1h31m'), set('+4h1m', 'graph', 'p3')];
    expect(check('microsoft-2024', people, [...unread, yammer('+10h', 'p3')])).toEqual(conforms('microsoft-2024'));
  });

  it('keeps both outcomes of an unknown openYammer open', () => {
    const base = [set('+0s', 'outlook-web'), open('+2h', 'unknown')];
    expect(check('microsoft-2024', people, [...base, yammer('+9h', 'p0')])).toEqual(conforms('microsoft-2024'));
    expect(check('microsoft-2024', people, [...base, yammer('+9h', 'p1')])).toEqual(conforms('microsoft-2024'));
  });
});

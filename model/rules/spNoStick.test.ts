import { describe, expect, it } from 'vitest';
import { check, users, type Step, type Result, conforms, diverges, see, setPhoto, visit } from '../scenario.testkit.js';

const people = users({ id: 'alice', photo: 'p0' }, { id: 'bob' });
const inSp = (at: string, photo: string, result: Result = 'ok'): Step => setPhoto(at, 'sharepoint', photo, result);

// TW14 caveat 5: a second SharePoint change within 72 h reaches Outlook and Lync but may not "stick" in SharePoint
// p1 sticks at once (spUpdated = 0); p2, one day later, is inside the window
const base = [inSp('+0s', 'p1'), inSp('+1d', 'p2')];

describe('SP-NO-STICK', () => {
  it('lets SharePoint show either the earlier or the new photo inside the window', () => {
    expect(check('threewill-2014', people, [...base, see('+2d', 'sp-newsfeed', 'p1')])).toEqual(conforms('threewill-2014'));
    expect(check('threewill-2014', people, [...base, see('+2d', 'sp-newsfeed', 'p2')])).toEqual(conforms('threewill-2014'));
  });

  it('still carries the new photo to exchange within exoLag', () => {
    expect(check('threewill-2014', people, [...base, see('+1d1h', 'graph', 'p2')])).toEqual(conforms('threewill-2014'));
    expect(check('threewill-2014', people, [...base, see('+1d1h', 'graph', 'p1')])).toMatchObject({
      verdict: 'diverges',
      divergence: { line: 4, allowed: ['p2'] },
    });
  });

  it('diverges when SharePoint still shows the earlier photo after spUpdated + spThrottle + spPickup', () => {
    expect(check('threewill-2014', people, [...base, see('+72h11m', 'sp-newsfeed', 'p1')])).toMatchObject(
      diverges(4, ['p2'], 'SP-NO-STICK'),
    );
    expect(check('threewill-2014', people, [...base, see('+72h11m', 'sp-newsfeed', 'p2')])).toEqual(conforms('threewill-2014'));
  });

  it('lands the end-of-window push within spPickup: earlier photo allowed at 72 h 9 m 59 s, not at 72 h 10 m', () => {
    expect(check('threewill-2014', people, [...base, see('+72h9m59s', 'sp-newsfeed', 'p1')])).toEqual(conforms('threewill-2014'));
    expect(check('threewill-2014', people, [...base, see('+72h10m', 'sp-newsfeed', 'p1')])).toMatchObject(
      diverges(4, ['p2'], 'SP-NO-STICK'),
    );
  });

  it('makes the change stick at once on edit and cancel (TW14 caveat 5)', () => {
    const steps: Step[] = [...base, { at: '+2d', do: 'editCancel', user: 'alice' }, see('+2d1s', 'sp-newsfeed', 'p1')];
    expect(check('threewill-2014', people, steps)).toMatchObject(diverges(5, ['p2'], 'EDIT-CANCEL'));
  });

  it.each(['threewill-2014', 'microsoft-2014', 'exchange-2015'])(
    'holds in %s but not in microsoft-2024 (SP-UPLOAD-REDIRECT)',
    (profile) => {
      const steps = [...base, see('+72h11m', 'sp-newsfeed', 'p1')];
      expect(check(profile, people, steps)).toMatchObject(diverges(4, ['p2'], 'SP-NO-STICK'));
      // in microsoft-2024 p2 travels to SharePoint within spSync (72 h) of +1d, so p1 may still show
      expect(check('microsoft-2024', people, steps)).toEqual(conforms('microsoft-2024'));
    },
  );

  it('keeps both outcomes of an unknown second upload open', () => {
    const unknown = [inSp('+0s', 'p1'), inSp('+1d', 'p2', 'unknown')];
    expect(check('threewill-2014', people, [...unknown, see('+4d', 'sp-newsfeed', 'p1')])).toEqual(conforms('threewill-2014'));
    expect(check('threewill-2014', people, [...unknown, see('+4d', 'sp-newsfeed', 'p2')])).toEqual(conforms('threewill-2014'));
  });

  it('after exchange showed that an unknown second upload did not happen, SharePoint keeps the earlier photo', () => {
    const steps = [inSp('+0s', 'p1'), inSp('+1d', 'p2', 'unknown'), see('+2d', 'graph', 'p1'), see('+4d', 'sp-newsfeed', 'p2')];
    expect(check('threewill-2014', people, steps)).toMatchObject({ verdict: 'diverges', divergence: { line: 5, allowed: ['p1'] } });
  });

  it('lets an upload that did not stick show until the push at the end of the window has landed (spPickup)', () => {
    // p2 and p3 fall inside the window that p1 opened; at 72 h SharePoint takes Exchange's p3, landing within 10 min
    const uploads = [inSp('+0s', 'p1'), inSp('+1h', 'p2'), inSp('+2h', 'p3'), see('+71h', 'sp-newsfeed', 'p2')];
    expect(check('threewill-2014', people, [...uploads, see('+72h5m', 'sp-newsfeed', 'p2')])).toEqual(conforms('threewill-2014'));
    expect(check('threewill-2014', people, [...uploads, see('+72h11m', 'sp-newsfeed', 'p2')])).toMatchObject(
      diverges(6, ['p3'], 'SP-NO-STICK'),
    );
  });

  // an upload 30 s before the window ends may not have reached Exchange (exoLag) when the push at
  // its end copies Exchange: that push took it, or took p1 and missed it. The contract's push takes
  // Exchange's photo and nothing else brings an upload, so it may never come, even after a visit
  // (the model also lets it wait for one, SP-NEEDS-VISIT's reading): no divergence on either
  it("lets an upload the push at the window's end may have missed never come, even after a visit", () => {
    const steps = [inSp('+0s', 'p1'), inSp('+71h59m30s', 'p2'), visit('+5d')];
    expect(check('threewill-2014', people, [...steps, see('+6d11m', 'sp-newsfeed', 'p1')])).toEqual(conforms('threewill-2014'));
    expect(check('threewill-2014', people, [...steps, see('+6d11m', 'sp-newsfeed', 'p2')])).toEqual(conforms('threewill-2014'));
    expect(check('threewill-2014', people, [...steps, see('+6d11m', 'sp-newsfeed', 'p0')])).toMatchObject(
      diverges(5, ['p1', 'p2'], 'SP-NO-STICK'),
    );
  });

  // found by the cross-validation with faults (exchange-2015, seed 11): the push at the end of the
  // window copies Exchange, and a change not yet surely there travels on past it, as past an
  // Edit-Cancel (SPEC section 4, "Exchange is SharePoint's source"): it lands after the copy and stays
  it('under SP-SYNC-WINDOW in exchange-2015, lets a change not yet in Exchange at the push travel on past it', () => {
    const mine = (at: string, photo: string) => see(at, 'sp-mysite', photo, 'alice');
    // Edit-Cancel opens the window; 30 s before it ends, a change in Lync, then an upload that does not stick
    const steps: Step[] = [
      { at: '+0s', do: 'editCancel', user: 'alice' },
      setPhoto('+2d23h59m30s', 'lync', 'p1'),
      inSp('+2d23h59m31s', 'p2'),
      mine('+3d20m', 'p0'),
    ];
    expect(check('exchange-2015', people, [...steps, mine('+7d20m', 'p1')])).toEqual(conforms('exchange-2015'));
    // the push took p0, made before p1: once p1 has landed (spSync after it), SharePoint keeps it, or the upload
    expect(check('exchange-2015', people, [...steps, mine('+7d20m', 'p0')])).toMatchObject(diverges(6, ['p1', 'p2'], 'SP-SYNC-WINDOW'));
  });

  // review of 2026-12-07 (a reference with uploads through SharePoint): the push copies Exchange as
  // Edit-Cancel does, so the upload whose window it ends, not yet surely in Exchange, travels on too
  it('exchange-2015: lets the upload whose window the push ends travel on past it, where it was not yet surely in Exchange', () => {
    const steps = (upload: string): Step[] => [
      { at: '+0s', do: 'editCancel', user: 'alice' },
      inSp(upload, 'p1'),
      see('+3d19m', 'sp-newsfeed', 'p0'),
      see('+3d1h30m', 'sp-newsfeed', 'p1'),
    ];
    // 30 s before the push: it may have copied p0, and p1 lands after it
    expect(check('exchange-2015', people, steps('+2d23h59m30s'))).toEqual(conforms('exchange-2015'));
    // 2 minutes before: p1 was surely in Exchange, and the push took it
    expect(check('exchange-2015', people, steps('+2d23h58m'))).toMatchObject(diverges(4, ['p1'], 'SP-NO-STICK'));
  });

  // the same review: an outside change Edit-Cancel may have missed travels on past it, and its
  // arrival, made after that update, may open the window an upload does not stick in, as that of a
  // change made after Edit-Cancel may (SP-SYNC-WINDOW's reading)
  it('exchange-2015: lets the arrival of a change Edit-Cancel may have missed open the window an upload does not stick in', () => {
    const steps = (cancel: string): Step[] => [
      setPhoto('+0s', 'outlook-web', 'p1'),
      { at: cancel, do: 'editCancel', user: 'alice' },
      inSp('+2d23h', 'p3'),
      see('+4d', 'sp-newsfeed', 'p1'),
    ];
    // Edit-Cancel 30 s after p1 may have copied p0: p1 then arrives later, and p3 may not stick
    expect(check('exchange-2015', people, steps('+30s'))).toEqual(conforms('exchange-2015'));
    // 2 minutes after, it copied p1: the push ending its window takes p3
    expect(check('exchange-2015', people, steps('+2m'))).toMatchObject(diverges(5, ['p3'], 'SP-NO-STICK'));
  });

  // the same review: an upload that sticks, like a push or Edit-Cancel, is no change's arrival, so a
  // change made before it that still lands may arrive after it and open the window a later upload
  // does not stick in; only an arrival may have been the arrival of a change made before it
  it('exchange-2015: lets a change made before an upload that sticks arrive after it and open a window', () => {
    const steps = (change: boolean): Step[] => [
      ...(change ? [setPhoto('+0s', 'outlook-web', 'p1')] : []),
      inSp('+3m', 'p2'),
      inSp('+5h10m1s', 'p3'),
      see('+3d5h12m1s', 'sp-newsfeed', 'p2'),
    ];
    expect(check('exchange-2015', people, steps(true))).toEqual(conforms('exchange-2015'));
    // with no change still landing, the push ending p2's window took p3
    expect(check('exchange-2015', people, steps(false))).toMatchObject(diverges(4, ['p3'], 'SP-NO-STICK'));
  });

  // the same review, its last trace: where an upload does not stick anyway, an outside change
  // Edit-Cancel may have missed may have arrived since it and moved the push ending the window
  // later; the next upload may then come after that push and open a window of its own
  it('exchange-2015: lets an arrival since the last update move the push ending the window an upload does not stick in', () => {
    const cancel: Step = { at: '+21m', do: 'editCancel', user: 'alice' };
    const steps = (change: 'after' | 'before' | 'none'): Step[] => [
      ...(change === 'before' ? [setPhoto('+20m', 'graph', 'p2'), cancel] : [cancel]),
      ...(change === 'after' ? [setPhoto('+21m', 'graph', 'p2')] : []),
      inSp('+3d20m', 'p4'),
      inSp('+3d43m', 'p5'),
      see('+6d43m1s', 'sp-newsfeed', 'p4'),
    ];
    // p2, made in Edit-Cancel's instant, travels on past it and may arrive 12 to 22 minutes after it:
    // the push ending p4's window then comes before p5 and takes p4, and the push ending p5's window,
    // 72 hours later, may not have landed yet
    expect(check('exchange-2015', people, steps('after'))).toEqual(conforms('exchange-2015'));
    // made a minute before, p2 was in Exchange when Edit-Cancel copied it: the push ending p4's window
    // came at +3d21m, and the one ending p5's had landed by +6d31m
    expect(check('exchange-2015', people, steps('before'))).toMatchObject(diverges(6, ['p5'], 'SP-NO-STICK'));
    expect(check('exchange-2015', people, steps('none'))).toMatchObject(diverges(5, ['p5'], 'SP-NO-STICK'));
  });

  // review of 2026-12-07: where several changes may have arrived as the update an upload does not
  // stick after, one made after the first instant of that arrival may still arrive later: another was it
  it('exchange-2015: a change that may have been the arrival an upload does not stick after may still arrive later, where another may have been it', () => {
    const steps = (adWrite: boolean): Step[] => [
      ...(adWrite ? [{ at: '+48s', do: 'setPhoto', user: 'alice', via: 'on-prem-ad', photo: 'p2', bytes: 5_000 } as Step] : []),
      setPhoto('+2d23h59m47s', 'graph', 'p3'),
      inSp('+3d3h47s', 'p4'),
      see('+6d3h11m47s', 'sp-newsfeed', 'p3'),
      see('+6d3h11m48s', 'delve', 'p4'),
    ];
    // p2 arrived before the upload (the update p4 does not stick after), p3 some ten minutes after it,
    // opening a window of its own: the push ending it takes p4 and lands between the two reads
    expect(check('exchange-2015', people, steps(true))).toEqual(conforms('exchange-2015'));
    // without p2, p3's arrival was that update: it arrives once, and the push it caused had landed p4
    expect(check('exchange-2015', people, steps(false))).toMatchObject(diverges(4, ['p4'], 'SP-NO-STICK'));
  });

  // a reference of uploads through SharePoint with AD writes: the arrival of a change that may never
  // land (DirSync may have collapsed its write) may open or move a window too; where it arrived, it landed
  it('exchange-2015: lets the arrival of an AD write DirSync may have collapsed move the push ending the window an upload does not stick in', () => {
    const adWrite = (at: string, photo: string): Step => ({ at, do: 'setPhoto', user: 'alice', via: 'on-prem-ad', photo, bytes: 5_000 });
    const steps = (second: boolean, seen: string): Step[] => [
      adWrite('+0s', 'p1'),
      ...(second ? [adWrite('+10m', 'p2')] : []),
      { at: '+10m', do: 'editCancel', user: 'alice' },
      inSp('+3h12m', 'p3'),
      see(seen, 'sp-newsfeed', 'p1'),
    ];
    // p1 reaches SharePoint within 72 hours, and may have arrived after Edit-Cancel as an update: the
    // push ending p3's window is then later than Edit-Cancel + 72 h, as where p1 surely lands
    expect(check('exchange-2015', people, steps(true, '+72h29m'))).toEqual(conforms('exchange-2015'));
    expect(check('exchange-2015', people, steps(false, '+72h29m'))).toEqual(conforms('exchange-2015'));
    // not once the latest such push has landed
    expect(check('exchange-2015', people, steps(true, '+6d21m'))).toMatchObject(diverges(6, ['p3'], 'SP-NO-STICK'));
  });

  // review of 2026-12-06: the push at the window's end may follow, in its very instant, an outside
  // change made then, and take it
  it("lets the push at the window's end take an outside change made at that very instant, not one a second later", () => {
    const steps = (dx: string): Step[] => [
      { at: '+0s', do: 'editCancel', user: 'alice' },
      inSp('+1h', 'p1'),
      setPhoto(dx, 'outlook-web', 'p2'),
      see('+3d8h', 'sp-people-picker', 'p2'),
    ];
    expect(check('threewill-2014', people, steps('+3d'))).toEqual(conforms('threewill-2014'));
    expect(check('threewill-2014', people, steps('+3d1s'))).toMatchObject(diverges(5, ['p1'], 'SP-NO-STICK'));
  });

  // review of 2026-12-06: a visit of unknown outcome made the checker fold away the change of the
  // first of two AD writes of one instant (it can no longer show), and with it the arrival that may
  // have opened a window the upload does not stick in; with the visit known, it conformed
  it('exchange-2015: an arrival folded away may still have opened the window an upload does not stick in', () => {
    const none = users({ id: 'alice' }, { id: 'bob' });
    const steps = (result: Result, upload: string) => [
      setPhoto('+0s', 'on-prem-ad', 'p1'),
      setPhoto('+0s', 'on-prem-ad', 'p0'),
      { ...visit('+3d10m'), result },
      inSp(upload, 'p2'),
    ];
    for (const result of ['ok', 'unknown'] as const) {
      // p1 arrives in SharePoint by +3d: an upload half an hour later may not stick
      expect(check('exchange-2015', none, [...steps(result, '+3d30m'), see('+3d3h', 'delve', 'p1', 'alice')])).toEqual(
        conforms('exchange-2015'),
      );
      // not once the window that arrival may have opened has surely closed
      expect(check('exchange-2015', none, [...steps(result, '+6d1m'), see('+6d3h', 'delve', 'p1', 'alice')])).toMatchObject(
        diverges(6, ['p2'], 'SP-ORIGIN'),
      );
    }
  });

  // spUpdated "unknown" (SPEC section 6): with no window open, p1 sticks and the end of the window it
  // opens copies Exchange's p2; with one open, both uploads may show until it ends, when SharePoint
  // copies Exchange: p2, or, where it ends in the first minute, none or p1, and the window that copy
  // opens has closed when p3 comes, which then sticks. Either way p1 no longer shows by the last read
  it.each(['threewill-2014', 'microsoft-2014'])(
    'in %s, from a header that does not say when SharePoint was updated, lets no copy bring back an upload another replaced',
    (profile) => {
      const asIs = users({ id: 'alice', spUpdated: 'unknown' }, { id: 'bob' });
      const steps = [inSp('+0s', 'p1'), inSp('+1s', 'p2'), inSp('+3d10m2s', 'p3')];
      expect(check(profile, asIs, [...steps, see('+3d20m3s', 'delve', 'p1')])).toMatchObject(diverges(5, ['p2', 'p3'], 'SP-NO-STICK'));
      expect(check(profile, asIs, [...steps, see('+3d20m3s', 'delve', 'p2')])).toEqual(conforms(profile));
    },
  );

  // a refused upload cites the rules that would have acted on it: with no window open, SP-NO-STICK is not one
  it('is not cited for a refused upload made with no window open, and is inside one', () => {
    expect(check('threewill-2014', people, [inSp('+0s', 'p1', 'rejected')])).toMatchObject({
      verdict: 'diverges',
      divergence: { line: 2, allowed: ['ok'], rules: ['EXO-FAST', 'SP-ORIGIN'] },
    });
    expect(check('threewill-2014', people, [inSp('+0s', 'p1'), inSp('+1d', 'p2', 'rejected')])).toMatchObject({
      verdict: 'diverges',
      divergence: { line: 3, allowed: ['ok'], rules: ['EXO-FAST', 'SP-ORIGIN', 'SP-NO-STICK'] },
    });
  });
});

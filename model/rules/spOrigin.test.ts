import { describe, expect, it } from 'vitest';
import { check, users, type Step, type Result, conforms, diverges, see, setPhoto, visit } from '../scenario.testkit.js';

const people = users({ id: 'alice', photo: 'p0' }, { id: 'bob' });
const inSp = (at: string, photo: string, result: Result = 'ok'): Step => setPhoto(at, 'sharepoint', photo, result);

// TW14: a photo changed in SharePoint shows there at once and is "immediately available in Outlook and Lync"
describe('SP-ORIGIN', () => {
  it.each(['threewill-2014', 'microsoft-2014', 'exchange-2015'])('sets SharePoint at once and exchange within exoLag (%s)', (profile) => {
    const steps = [inSp('+0s', 'p1'), see('+0s', 'sp-newsfeed', 'p1'), see('+2m', 'graph', 'p1'), see('+1d', 'delve', 'p1')];
    expect(check(profile, people, steps)).toEqual(conforms(profile));
  });

  it('diverges when SharePoint shows the old photo just after it was set there', () => {
    expect(check('threewill-2014', people, [inSp('+0s', 'p1'), see('+1m', 'sp-newsfeed', 'p0')])).toMatchObject(
      diverges(3, ['p1'], 'SP-ORIGIN'),
    );
  });

  it('does not hold in microsoft-2024, where the upload goes to the people system: the same trace conforms', () => {
    expect(check('microsoft-2024', people, [inSp('+0s', 'p1'), see('+1m', 'sp-newsfeed', 'p0')])).toEqual(conforms('microsoft-2024'));
  });

  it('diverges when exchange still shows the old photo after exoLag', () => {
    expect(check('threewill-2014', people, [inSp('+0s', 'p1'), see('+2m', 'graph', 'p0')])).toMatchObject(diverges(3, ['p1'], 'SP-ORIGIN'));
  });

  it('does not set SharePoint at once inside the throttle window (TW14 caveat 5): either photo may show', () => {
    const base = [inSp('+0s', 'p1'), inSp('+1d', 'p2')];
    expect(check('threewill-2014', people, [...base, see('+1d1h', 'sp-newsfeed', 'p1')])).toEqual(conforms('threewill-2014'));
    expect(check('threewill-2014', people, [...base, see('+1d1h', 'sp-newsfeed', 'p2')])).toEqual(conforms('threewill-2014'));
  });

  it('sets SharePoint at once again from the end of the throttle window (72 h), not a second before', () => {
    const late = [inSp('+0s', 'p1'), inSp('+72h', 'p2'), see('+72h', 'sp-newsfeed', 'p1')];
    expect(check('threewill-2014', people, late)).toMatchObject(diverges(4, ['p2'], 'SP-ORIGIN'));
    const early = [inSp('+0s', 'p1'), inSp('+71h59m59s', 'p2'), see('+71h59m59s', 'sp-newsfeed', 'p1')];
    expect(check('threewill-2014', people, early)).toEqual(conforms('threewill-2014'));
  });

  it('keeps both outcomes of an unknown upload open', () => {
    expect(check('threewill-2014', people, [inSp('+0s', 'p1', 'unknown'), see('+1h', 'sp-newsfeed', 'p0')])).toEqual(
      conforms('threewill-2014'),
    );
    expect(check('threewill-2014', people, [inSp('+0s', 'p1', 'unknown'), see('+1h', 'sp-newsfeed', 'p1')])).toEqual(
      conforms('threewill-2014'),
    );
  });

  it('once SharePoint showed the photo of an unknown upload, it took effect: exchange must have it too', () => {
    const steps = [inSp('+0s', 'p1', 'unknown'), see('+1h', 'sp-newsfeed', 'p1'), see('+2h', 'graph', 'p0')];
    expect(check('threewill-2014', people, steps)).toMatchObject(diverges(4, ['p1'], 'SP-ORIGIN'));
  });

  // SPEC section 4: under SP-SYNC-WINDOW "the value that travels is the changed photo itself", and only
  // editCancel is said to end the travel of a change on its way
  describe('under SP-SYNC-WINDOW (exchange-2015), an outside change on its way travels on past an upload', () => {
    const before = [setPhoto('+0s', 'outlook-web', 'p1'), inSp('+1h', 'p2')];

    it.each(['p1', 'p2'])('may land after the upload: SharePoint may show %s the next day', (photo) => {
      expect(check('exchange-2015', people, [...before, see('+1d', 'sp-people-picker', photo)])).toEqual(conforms('exchange-2015'));
    });

    it('once its window has closed, SharePoint shows only the upload, the newer change', () => {
      expect(check('exchange-2015', people, [...before, see('+5d', 'sp-people-picker', 'p2')])).toEqual(conforms('exchange-2015'));
      expect(check('exchange-2015', people, [...before, see('+5d', 'sp-people-picker', 'p1')])).toMatchObject(
        diverges(4, ['p2'], 'SP-ORIGIN'),
      );
    });

    // the outside change may have arrived before the upload, which then may not stick (the arrival
    // opened a throttle window): then it had landed, so either way the photo both replaced is gone
    it('diverges when SharePoint shows the photo both replaced, once the upload is made', () => {
      expect(check('exchange-2015', people, [before[0]!, see('+30m', 'sp-people-picker', 'p0')])).toEqual(conforms('exchange-2015'));
      expect(check('exchange-2015', people, [...before, see('+1d', 'sp-people-picker', 'p0')])).toMatchObject(
        diverges(4, ['p1', 'p2'], 'SP-ORIGIN'),
      );
      expect(check('exchange-2015', people, [...before, see('+4d', 'sp-people-picker', 'p0')])).toMatchObject(
        diverges(4, ['p2'], 'SP-ORIGIN'),
      );
    });

    // review of 2026-12-07 (afternoon): of two changes that may have been that arrival, one was
    it('diverges when SharePoint shows the photo before two changes made just before the upload', () => {
      const two = [setPhoto('+0s', 'graph', 'p2'), setPhoto('+1m', 'graph', 'p3'), inSp('+10m', 'p1')];
      expect(check('exchange-2015', people, [...two, see('+10m5s', 'sp-newsfeed', 'p2')])).toEqual(conforms('exchange-2015'));
      expect(check('exchange-2015', people, [...two, see('+10m5s', 'sp-newsfeed', 'p0')])).toMatchObject(
        diverges(5, ['p1', 'p2', 'p3'], 'SP-ORIGIN'),
      );
    });

    // review of 2026-12-07 (afternoon): an arrival moving the push that ends an upload's window may be
    // followed by another, of a change made after it, which moves it again
    it('lets an upload that did not stick show until the push after the last arrival that may have moved it', () => {
      const editCancel: Step = { at: '+0s', do: 'editCancel', user: 'alice' };
      const steps = [editCancel, inSp('+1m', 'p3'), setPhoto('+10m', 'graph', 'p1'), setPhoto('+70h', 'graph', 'p2')];
      expect(check('exchange-2015', people, [...steps, see('+214h9m', 'sp-people-picker', 'p3')])).toEqual(conforms('exchange-2015'));
      expect(check('exchange-2015', people, [...steps, see('+214h11m', 'sp-people-picker', 'p3')])).toMatchObject(
        diverges(6, ['p2'], 'SP-NO-STICK'),
      );
    });

    // review of 2026-12-07 (evening): such a followed arrival is a landing too, even where several
    // changes may have been it; each is a possibility of its own, and the photo before them is gone
    it('diverges when the photo before two changes that may have moved that push still shows after it', () => {
      const steps = [
        setPhoto('+0s', 'outlook-web', 'p1'),
        inSp('+1h', 'p2'),
        setPhoto('+40h', 'graph', 'p3'),
        setPhoto('+40h1m', 'graph', 'p4'),
      ];
      expect(check('exchange-2015', people, [...steps, see('+110h', 'sp-people-picker', 'p3')])).toEqual(conforms('exchange-2015'));
      expect(check('exchange-2015', people, [...steps, see('+110h', 'sp-people-picker', 'p1')])).toMatchObject(
        diverges(6, ['p2', 'p3', 'p4'], 'SP-NO-STICK'),
      );
      const stuck = [inSp('+0s', 'p1'), inSp('+47h2m', 'p2'), setPhoto('+47h3m', 'graph', 'p3'), setPhoto('+47h4m', 'graph', 'p4')];
      expect(check('exchange-2015', people, [...stuck, see('+100h', 'sp-people-picker', 'p2')])).toEqual(conforms('exchange-2015'));
      expect(check('exchange-2015', people, [...stuck, see('+100h', 'sp-people-picker', 'p1')])).toMatchObject(
        diverges(6, ['p2', 'p3', 'p4'], 'SP-NO-STICK'),
      );
    });

    // review of 2026-12-07 (evening): that arrival is the change landing, so a visit that brings the
    // change brings the arrival no later, and the push it moved comes spThrottle after that at the latest
    it('diverges when an upload that did not stick outlasts the push after a visit brought the arrival that moved it', () => {
      const removed: Step = { at: '+52h19m', do: 'removePhoto', user: 'alice', via: 'graph' };
      const steps = [setPhoto('+11m', 'graph', 'p1'), inSp('+52h11m', 'p2'), removed, inSp('+76h23m', 'p3')];
      const visited = [...steps, see('+76h35m', 'sp-mysite', 'none', 'alice')];
      expect(check('exchange-2015', people, [...visited, see('+148h54m', 'sp-mysite', 'p2', 'alice')])).toEqual(conforms('exchange-2015'));
      expect(check('exchange-2015', people, [...visited, see('+148h55m', 'sp-mysite', 'p2', 'alice')])).toMatchObject(
        diverges(7, ['none', 'p3'], 'SP-NO-STICK'),
      );
    });

    // review of 2026-12-07 (evening): an upload a push may have settled, whose arrival moved the
    // next push, landed then: the arrival is its landing even once its own window has closed
    it('diverges when SharePoint keeps the photo a push took after an upload whose arrival moved the next push', () => {
      const removed: Step = { at: '+58h47m31s', do: 'removePhoto', user: 'alice', via: 'graph' };
      const steps = [setPhoto('+1m12s', 'graph', 'p1'), removed, inSp('+88h55m48s', 'p2'), inSp('+88h58m51s', 'p3')];
      expect(check('exchange-2015', people, [...steps, see('+202h56m', 'sp-newsfeed', 'none')])).toEqual(conforms('exchange-2015'));
      expect(check('exchange-2015', people, [...steps, see('+211h11s', 'sp-newsfeed', 'none')])).toMatchObject(
        diverges(6, ['p2', 'p3'], 'SP-NO-STICK'),
      );
    });

    // review of 2026-12-07 (evening): an upload a copy settled, which a read says never landed,
    // never arrived either, so it opened no window that holds a later upload back
    it('lets an upload stick where the only arrival that could hold it back is of an upload a copy settled', () => {
      const editCancel: Step = { at: '+10h30s', do: 'editCancel', user: 'alice' };
      const steps = [inSp('+0s', 'p1'), inSp('+10h', 'p2'), editCancel, see('+83h', 'sp-newsfeed', 'p1'), inSp('+84h', 'p3')];
      expect(check('exchange-2015', people, [...steps, see('+84h1m', 'sp-newsfeed', 'p3')])).toEqual(conforms('exchange-2015'));
      expect(check('exchange-2015', people, [...steps, see('+84h1m', 'sp-newsfeed', 'p1')])).toMatchObject(
        diverges(7, ['p3'], 'SP-ORIGIN'),
      );
    });

    // review of 2026-12-07 (evening): an upload travelling on past an Edit-Cancel arrives as an
    // outside change does, and a change made after the part of its span it arrived in is followed
    it('lets an upload that did not stick show until the push after the arrival of one travelling past an Edit-Cancel, and another after it', () => {
      const editCancel: Step = { at: '+10h30s', do: 'editCancel', user: 'alice' };
      const steps = [inSp('+0s', 'p1'), inSp('+10h', 'p2'), editCancel, inSp('+10h15m', 'p3'), setPhoto('+12h', 'graph', 'p4')];
      expect(check('exchange-2015', people, [...steps, see('+155h', 'sp-newsfeed', 'p3')])).toEqual(conforms('exchange-2015'));
      expect(check('exchange-2015', people, [...steps, see('+156h15m', 'sp-newsfeed', 'p3')])).toMatchObject(
        diverges(7, ['p4'], 'SP-NO-STICK'),
      );
    });

    // an arrival that held the upload back is no second arrival later: the upload, newer, stays
    it('diverges when the outside change made just before the upload still shows once every window has closed', () => {
      const removed: Step = { at: '+0s', do: 'removePhoto', user: 'alice', via: 'graph' };
      const raced = [removed, inSp('+40s', 'p1')];
      expect(check('exchange-2015', people, [...raced, see('+1d', 'sp-people-picker', 'none')])).toEqual(conforms('exchange-2015'));
      expect(check('exchange-2015', people, [...raced, see('+5d', 'sp-people-picker', 'none')])).toMatchObject(
        diverges(4, ['p1'], 'SP-ORIGIN'),
      );
      const newer = [setPhoto('+0s', 'graph', 'p1'), inSp('+37s', 'p2'), setPhoto('+5d', 'graph', 'p3')];
      expect(check('exchange-2015', people, [...newer, see('+8d', 'sp-people-picker', 'p3')])).toEqual(conforms('exchange-2015'));
      expect(check('exchange-2015', people, [...newer, see('+8d6h', 'sp-people-picker', 'p2')])).toMatchObject(
        diverges(5, ['p3'], 'SP-SYNC-WINDOW'),
      );
    });

    // whether its arrival is a SharePoint update that opens a throttle window the sources do not say
    // (SP-SYNC-WINDOW's reading): an upload after it may stick or not, as after an Edit-Cancel
    it('may hold an upload back by arriving, as an Edit-Cancel, which sets spUpdated, does', () => {
      const arrived = [setPhoto('+0s', 'outlook-web', 'p1'), visit('+1h'), see('+1h30m', 'sp-people-picker', 'p1')];
      expect(check('exchange-2015', people, [...arrived, inSp('+2h', 'p2'), see('+3h', 'sp-people-picker', 'p1')])).toEqual(
        conforms('exchange-2015'),
      );
      expect(check('exchange-2015', people, [...arrived, inSp('+2h', 'p2'), see('+3h', 'sp-people-picker', 'p0')])).toMatchObject(
        diverges(6, ['p1', 'p2'], 'SP-ORIGIN'),
      );
      const copied = [setPhoto('+0s', 'outlook-web', 'p1'), { at: '+1h', do: 'editCancel', user: 'alice' } as Step];
      expect(check('exchange-2015', people, [...copied, inSp('+2h', 'p2'), see('+3h', 'sp-people-picker', 'p1')])).toEqual(
        conforms('exchange-2015'),
      );
    });

    it('diverges where Edit-Cancel, unlike the upload, ended its travel', () => {
      const steps = [
        setPhoto('+0s', 'outlook-web', 'p1'),
        { at: '+1h', do: 'editCancel', user: 'alice' } as Step,
        see('+1d', 'sp-people-picker', 'p0'),
      ];
      expect(check('exchange-2015', people, steps)).toMatchObject(diverges(4, ['p1'], 'EDIT-CANCEL'));
    });
  });

  // whether an upload that sticks settles an outside change still waiting the sources do not say:
  // where it still waits, a visit after it counts, and the push at the throttle's end takes
  // whatever Exchange holds then, a change made after the visit too (SPEC: "allow when in doubt");
  // microsoft-2014 pushes that change by then anyway (SP-MYSITE-ONCE)
  it('in threewill-2014, an outside change an upload passed over may still wait for a visit', () => {
    const profile = 'threewill-2014';
    const graph = (at: string, photo: string): Step => ({ at, do: 'setPhoto', user: 'alice', via: 'graph', photo });
    const after = [inSp('+1h', 'p2'), visit('+2h'), graph('+10h', 'p3'), see('+3d1h11m', 'sp-newsfeed', 'p3')];
    expect(check(profile, people, [graph('+0s', 'p1'), ...after])).toEqual(conforms(profile));
    // with nothing waiting at the upload, the visit before the change brings nothing
    expect(check(profile, people, after)).toMatchObject(diverges(5, ['p2'], 'SP-ORIGIN'));
  });

  // where it still waits, the push at the throttle's end takes the upload itself, which SharePoint
  // shows already; but it sets spUpdated, so an upload made less than spThrottle after it may not stick
  describe('an outside change an upload passed over, pushed by a visit at the throttle end, holds a later upload back', () => {
    const graph = (at: string, photo: string): Step => ({ at, do: 'setPhoto', user: 'alice', via: 'graph', photo });
    const later = [inSp('+1h', 'p2'), visit('+2h'), inSp('+73h30m', 'p3'), see('+4d4h', 'sp-people-picker', 'p2')];

    it.each(['threewill-2014', 'microsoft-2014'])('%s: the upload of 73 h 30 m may not stick', (profile) => {
      expect(check(profile, people, [graph('+0s', 'p1'), ...later])).toEqual(conforms(profile));
    });

    it('threewill-2014: it may still wait after a second upload, which its push then holds back', () => {
      const steps = (first: Step[]) => [
        ...first,
        inSp('+1h', 'p2'),
        inSp('+80h', 'p3'),
        visit('+90h'),
        inSp('+160h', 'p4'),
        graph('+200h', 'p5'),
        see('+230h', 'sp-people-picker', 'p5'),
      ];
      // the visit counts for p1, pushed at 152 h: p4 does not stick, and the push at the end of its
      // window (224 h) takes p5
      expect(check('threewill-2014', people, steps([graph('+0s', 'p1')]))).toEqual(conforms('threewill-2014'));
      // nothing waits: p4 sticks, and p5 waits for a visit
      expect(check('threewill-2014', people, steps([]))).toMatchObject(diverges(7, ['p4'], 'SP-NEEDS-VISIT'));
    });

    it('with nothing waiting at the first upload, the later one sticks', () => {
      expect(check('threewill-2014', people, later)).toMatchObject(diverges(5, ['p3'], 'SP-ORIGIN'));
    });

    it('microsoft-2014: without a visit, SP-MYSITE-ONCE makes that push, and holds the later upload back the same way', () => {
      const steps = [graph('+0s', 'p1'), inSp('+1h', 'p2'), inSp('+73h30m', 'p3'), see('+4d4h', 'sp-people-picker', 'p2')];
      expect(check('microsoft-2014', people, steps)).toEqual(conforms('microsoft-2014'));
      // in threewill-2014 nothing pushes without a visit
      expect(check('threewill-2014', people, steps)).toMatchObject(diverges(5, ['p3'], 'SP-ORIGIN'));
    });
  });
});

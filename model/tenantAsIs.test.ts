import { describe, expect, it } from 'vitest';
import { HOUR } from './Params.js';
import { check, conforms, diverges, see, setPhoto, T0, users, visit, type Step } from './scenario.testkit.js';

// SPEC section 6: a tenant taken as it is. Each header field, with a trace that conforms and one
// that diverges at a stated line: a divergence must stay certain, whatever the header leaves open.

const own = (at: string, photo: string): Step => see(at, 'sp-mysite', photo, 'alice');
/** A divergence where the header's settled photo is what was allowed: no rule put it there. */
const settled = (line: number, allowed: string[]) => ({ verdict: 'diverges', divergence: { line, allowed, rules: [] } });

describe('stores', () => {
  const split = users({ id: 'alice', photo: 'p0', stores: { exchange: 'p1', yammer: 'p2' } }, { id: 'bob' });

  it('gives each store its own photo at the start; a store not named holds `photo`', () => {
    const steps = [see('+1h', 'graph', 'p1'), see('+1h', 'sp-newsfeed', 'p0'), see('+1h', 'yammer', 'p2')];
    expect(check('threewill-2014', split, steps)).toEqual(conforms('threewill-2014'));
    // the header's own photo is settled: no rule put it there, none is cited
    expect(check('threewill-2014', split, [see('+1h', 'sp-newsfeed', 'p1')])).toMatchObject(settled(2, ['p0']));
  });

  it('`unknown` may show any photo until a change replaces it', () => {
    const unknown = users({ id: 'alice', photo: 'p0', stores: { exchange: 'unknown' } }, { id: 'bob' });
    expect(check('threewill-2014', unknown, [see('+1h', 'graph', 'p4'), see('+2h', 'graph', 'none')])).toEqual(conforms('threewill-2014'));
    expect(check('threewill-2014', unknown, [setPhoto('+0s', 'graph', 'p1'), see('+2m', 'graph', 'p4')])).toMatchObject(
      diverges(3, ['p1'], 'EXO-FAST'),
    );
  });

  it('`unknown` copied by a push or a Viva Engage sync may show any photo there too: a read of a photo it may have taken tells nothing', () => {
    const unknown = users({ id: 'alice', photo: 'p0', stores: { exchange: 'unknown' } }, { id: 'bob' });
    const openYammer: Step = { at: '+2h', do: 'openYammer', user: 'alice' };
    // p1 may not be in Exchange an hour after it is set (exoLag 4 h): the copy takes `unknown` or p1
    const early = (copy: Step, surface: 'sp-people-picker' | 'yammer') => [
      setPhoto('+1h', 'outlook-web', 'p1'),
      copy,
      see('+48h', surface, 'p1'),
      see('+72h', surface, 'p2'),
    ];
    expect(check('microsoft-2026', unknown, early(visit('+2h'), 'sp-people-picker'))).toEqual(conforms('microsoft-2026'));
    expect(check('microsoft-2026', unknown, early(openYammer, 'yammer'))).toEqual(conforms('microsoft-2026'));
    // six hours after it, p1 is surely in Exchange: the copy took p1, and keeps it
    const late = (copy: Step, surface: 'sp-people-picker' | 'yammer') => early({ ...copy, at: '+6h' } as Step, surface);
    expect(check('microsoft-2026', unknown, late(visit('+6h'), 'sp-people-picker'))).toMatchObject({
      verdict: 'diverges',
      divergence: { line: 5, allowed: ['p1'] },
    });
    expect(check('microsoft-2026', unknown, late(openYammer, 'yammer'))).toMatchObject(diverges(5, ['p1'], 'YAMMER-FROM-ENTRA'));
  });
});

describe('spUpdated', () => {
  it('a known last update keeps the throttle window open until spUpdated + spThrottle', () => {
    // updated a day before the start: an upload at +1h does not stick (SP-NO-STICK), one at +49h does
    const recent = users({ id: 'alice', photo: 'p0', mySite: true, spUpdated: T0 - 24 * HOUR }, { id: 'bob' });
    expect(check('threewill-2014', recent, [setPhoto('+1h', 'sharepoint', 'p1'), see('+1h1m', 'sp-newsfeed', 'p0')])).toEqual(
      conforms('threewill-2014'),
    );
    expect(check('threewill-2014', recent, [setPhoto('+49h', 'sharepoint', 'p1'), see('+49h1m', 'sp-newsfeed', 'p0')])).toMatchObject(
      diverges(3, ['p1'], 'SP-ORIGIN'),
    );
  });

  it('`unknown`: some instant before the start; the window may still be open until start + spThrottle', () => {
    const unknown = users({ id: 'alice', photo: 'p0', mySite: true, spUpdated: 'unknown' }, { id: 'bob' });
    // at +1h the upload may stick or not
    expect(check('threewill-2014', unknown, [setPhoto('+1h', 'sharepoint', 'p1'), see('+1h1m', 'sp-newsfeed', 'p0')])).toEqual(
      conforms('threewill-2014'),
    );
    expect(check('threewill-2014', unknown, [setPhoto('+1h', 'sharepoint', 'p1'), see('+1h1m', 'sp-newsfeed', 'p1')])).toEqual(
      conforms('threewill-2014'),
    );
    // at start + 72 h it surely sticks
    expect(check('threewill-2014', unknown, [setPhoto('+72h', 'sharepoint', 'p1'), see('+72h1m', 'sp-newsfeed', 'p0')])).toMatchObject(
      diverges(3, ['p1'], 'SP-ORIGIN'),
    );
  });

  it('`unknown`: a visit pushes at once or at the throttle end, and surely by start + spThrottle + spPickup', () => {
    const unknown = users({ id: 'alice', photo: 'p0', mySite: true, spUpdated: 'unknown' }, { id: 'bob' });
    const base = [setPhoto('+0s', 'graph', 'p1'), visit('+2m')];
    expect(check('threewill-2014', unknown, [...base, see('+30m', 'sp-newsfeed', 'p1'), see('+40h', 'sp-newsfeed', 'p1')])).toEqual(
      conforms('threewill-2014'),
    );
    expect(check('threewill-2014', unknown, [...base, see('+40h', 'sp-newsfeed', 'p0')])).toEqual(conforms('threewill-2014'));
    expect(check('threewill-2014', unknown, [...base, see('+72h10m', 'sp-newsfeed', 'p0')])).toMatchObject(
      diverges(4, ['p1'], 'SP-NEEDS-VISIT'),
    );
  });

  // review P: a read of the photo from before a push known only to a span says it had not landed:
  // it came less than spPickup before the read, and so does the throttle window it opened
  it('`unknown`: a read of the photo from before dates the push: it came less than spPickup before the read', () => {
    const unknown = users({ id: 'alice', photo: 'p0', mySite: true, spUpdated: 'unknown' }, { id: 'bob' });
    const later = [setPhoto('+80h', 'graph', 'p2'), visit('+100h'), see('+105h', 'sp-newsfeed', 'p2')];
    // p1 is pushed at some instant from the visit to start + 72 h; seen with p1 at 40 h, it may have
    // been pushed at 2 minutes, its window closed at 72 h 2 m, and the visit at 100 h pushes p2 at once
    const seenNew = [setPhoto('+0s', 'graph', 'p1'), visit('+2m'), see('+40h', 'sp-newsfeed', 'p1')];
    expect(check('threewill-2014', unknown, [...seenNew, ...later])).toEqual(conforms('threewill-2014'));
    // seen with p0 at 40 h, it came after 39 h 50 m: its window holds p2 back until after 111 h 50 m
    const seenOld = [setPhoto('+0s', 'graph', 'p1'), visit('+2m'), see('+40h', 'sp-newsfeed', 'p0')];
    expect(check('threewill-2014', unknown, [...seenOld, ...later])).toMatchObject(diverges(7, ['p1'], 'SP-THROTTLE'));
    expect(check('threewill-2014', unknown, [...seenOld, ...later.slice(0, 2), see('+144h11m', 'sp-newsfeed', 'p2')])).toEqual(
      conforms('threewill-2014'),
    );
  });

  // review O: the push's span is cut where the change waiting had surely reached Exchange, not only
  // where Exchange's photo changed: the same photo set twice changes none
  it('`unknown`: a push that may have missed a change did so before that change had surely reached Exchange, even one that set the photo Exchange held', () => {
    const unknown = users({ id: 'alice', photo: 'p0', spUpdated: 'unknown' }, { id: 'bob' });
    // the push comes by start + 24 h; one that missed the second p1 came before 5 h 40 m, and the
    // push of its own by 29 h 40 m: the visit at 60 h pushes p3, which lands by 84 h
    const steps = [
      setPhoto('+1h', 'graph', 'p1'),
      setPhoto('+1h40m', 'graph', 'p1'),
      visit('+2h'),
      setPhoto('+36h', 'graph', 'p3'),
      visit('+60h'),
    ];
    expect(check('microsoft-2026', unknown, [...steps, see('+20d', 'sp-people-picker', 'p3')])).toEqual(conforms('microsoft-2026'));
    expect(check('microsoft-2026', unknown, [...steps, see('+20d', 'sp-people-picker', 'p1')])).toMatchObject({
      verdict: 'diverges',
      divergence: { line: 7, allowed: ['p3'] },
    });
  });

  it("`unknown`: an upload seen not to stick shows or not until the window ends, then Exchange's photo of the push", () => {
    const unknown = users({ id: 'alice', photo: 'p0', mySite: true, spUpdated: 'unknown' }, { id: 'bob' });
    // p0 still shows at once: the window was open at +1h; it ends at some instant of (+1h, +72h]
    const steps = [setPhoto('+1h', 'sharepoint', 'p1'), see('+1h', 'sp-people-picker', 'p0')];
    expect(check('threewill-2014', unknown, [...steps, see('+50h', 'sp-newsfeed', 'p1')])).toEqual(conforms('threewill-2014'));
    // the push may have come right after the upload, while Exchange still held p0: either photo, nothing else
    expect(check('threewill-2014', unknown, [...steps, see('+72h10m', 'sp-newsfeed', 'p0')])).toEqual(conforms('threewill-2014'));
    expect(check('threewill-2014', unknown, [...steps, see('+72h10m', 'sp-newsfeed', 'p7')])).toMatchObject(
      diverges(4, ['p0', 'p1'], 'SP-NO-STICK'),
    );
    // a push that took p0 missed p1: the contract's push takes Exchange's photo and nothing else
    // brings an upload, so p1 may never come, even after a visit (the model also lets it wait for
    // one, SP-NEEDS-VISIT's reading); never anything but the two
    const visited = [...steps, visit('+100h')];
    expect(check('threewill-2014', unknown, [...visited, see('+101h', 'sp-newsfeed', 'p0')])).toEqual(conforms('threewill-2014'));
    expect(check('threewill-2014', unknown, [...visited, see('+101h', 'sp-newsfeed', 'p1')])).toEqual(conforms('threewill-2014'));
    expect(check('threewill-2014', unknown, [...visited, see('+101h', 'sp-newsfeed', 'p7')])).toMatchObject(
      diverges(5, ['p0', 'p1'], 'SP-NO-STICK'),
    );
  });

  // review of 2026-12-06 (a known header's trace conformed, the same with `unknown` diverged): an
  // update the header leaves undated may lie more than spThrottle before an upload, and an outside
  // change's arrival since may still have opened a window of its own (SP-SYNC-WINDOW's reading)
  it('`unknown`: an update long before an upload leaves it to an arrival since to open the window the upload does not stick in', () => {
    const unknown = users({ id: 'alice', photo: 'p0', spUpdated: 'unknown' }, { id: 'bob' });
    // p1 arrives by the visit's push, landed by +2d8h10m: the window it opens ends by +5d8h10m, its push lands 10 minutes later
    const steps = [setPhoto('+1m', 'graph', 'p1'), visit('+2d8h'), setPhoto('+2d16h', 'sharepoint', 'p2')];
    const seen = [see('+4d19h', 'sp-people-picker', 'p1', 'alice'), own('+4d19h0m2s', 'p2')];
    expect(check('exchange-2015', unknown, [...steps, ...seen])).toEqual(conforms('exchange-2015'));
    // after that window's push, SharePoint shows p2 or what the push took: p1 too, where the window
    // ended within exoLag of the upload (the undated update allows it) and the push, copying Exchange
    // as Edit-Cancel does, took p1 while p2 travelled on (README); never the photo before p1
    expect(check('exchange-2015', unknown, [...steps, ...seen, see('+5d8h21m', 'sp-people-picker', 'p0', 'alice')])).toMatchObject(
      diverges(7, ['p1', 'p2'], 'SP-NO-STICK'),
    );
  });

  // review of 2026-12-07 (evening): a push due in the instant of an outside change, on no line of the
  // trace, may come before that change as well as after it; made only after it (the event that made
  // it came on a later line), the change was always settled, and the visit after it had nothing to push
  it('`unknown`: lets the push due in the instant of an outside change come before it, which then waits for a visit', () => {
    const unknown = users({ id: 'alice', pending: 'unknown', spUpdated: 'unknown' }, { id: 'bob' });
    const steps = (fourth: Step): Step[] => [
      visit('+1s'),
      setPhoto('+1s', 'sharepoint', 'p3'),
      see('+1s', 'sp-people-picker', 'p3'),
      fourth,
      setPhoto('+10h2s', 'sharepoint', 'p2'),
      see('+1d12h1s', 'sp-newsfeed', 'p2'),
    ];
    const editCancel: Step = { at: '+4h2s', do: 'editCancel', user: 'alice' };
    expect(check('microsoft-2026', unknown, steps(editCancel))).toEqual(conforms('microsoft-2026'));
    // with no visit after it, p3 waits on, and the push at the throttle's end never comes
    expect(check('microsoft-2026', unknown, steps({ at: '+4h2s', do: 'wait', ms: 0 }))).toMatchObject(
      diverges(7, ['p3'], 'SP-NEEDS-VISIT'),
    );
  });
});

describe('a survey looked at for days', () => {
  // What a live campaign does: the header cannot say when SharePoint was last updated or whether a
  // change waits, alice visits her My Site, and SharePoint is looked at every half hour for three
  // days. A push of the waiting photo may come at any instant until the throttle ends, so each look
  // splits it; the parts that have landed alike must be one state again, or the cap is reached and
  // a later divergence on SharePoint is only `unknown`.
  const survey = users({ id: 'alice', photo: 'p0', mySite: true, spUpdated: 'unknown', pending: 'unknown' }, { id: 'bob' });
  const looks: Step[] = Array.from({ length: 150 }, (_, i) =>
    see(`+${1 + Math.floor((i + 1) / 2)}h${(i + 1) % 2 === 1 ? 30 : 0}m`, 'sp-newsfeed', 'p0'),
  );

  it.each(['threewill-2014', 'microsoft-2014'])(
    '%s: a change made after it, seen in SharePoint before a visit, still diverges',
    (profile) => {
      const steps = [visit('+1h'), ...looks, setPhoto('+80h', 'graph', 'p1')];
      expect(check(profile, survey, [...steps, see('+90h', 'sp-newsfeed', 'p0')])).toEqual(conforms(profile));
      expect(check(profile, survey, [...steps, see('+90h', 'sp-newsfeed', 'p1')])).toMatchObject(diverges(154, ['p0'], 'SP-NEEDS-VISIT'));
    },
  );

  // Pushes land within a day (spPickup): the parts of the push still landing differ in when they
  // land, and are joined as the push over both would be (SharePointSide.joinLanding).
  it('microsoft-2026: a change that only a push still to come may bring, seen in SharePoint after a day of looks, conforms, and then stays', () => {
    // 32 looks while the push the visit triggered may come at any of them; then a change to Exchange,
    // which that push takes if it comes after it
    const steps = [visit('+1h'), ...looks.slice(0, 32), setPhoto('+18h', 'graph', 'p1'), see('+30h', 'sp-newsfeed', 'p1')];
    expect(check('microsoft-2026', survey, steps)).toEqual(conforms('microsoft-2026'));
    // that push came after the change: once it has surely landed, SharePoint shows p1
    expect(check('microsoft-2026', survey, [...steps, see('+60h', 'sp-newsfeed', 'p0')])).toMatchObject(
      diverges(37, ['p1'], 'SP-THROTTLE'),
    );
  });
});

describe('pending', () => {
  const waiting = (pending: boolean | 'unknown') =>
    users({ id: 'alice', photo: 'p0', mySite: true, pending, stores: { exchange: 'p1' } }, { id: 'bob' });

  it("true under SP-NEEDS-VISIT: Exchange's photo waits for a visit after the start", () => {
    expect(
      check('threewill-2014', waiting(true), [see('+5d', 'sp-newsfeed', 'p0'), visit('+5d'), see('+5d11m', 'sp-newsfeed', 'p1')]),
    ).toEqual(conforms('threewill-2014'));
    expect(check('threewill-2014', waiting(true), [visit('+1h'), see('+1h11m', 'sp-newsfeed', 'p0')])).toMatchObject(
      diverges(3, ['p1'], 'SP-NEEDS-VISIT'),
    );
    // false: nothing waits, and a visit brings nothing
    expect(check('threewill-2014', waiting(false), [visit('+1h'), see('+1h11m', 'sp-newsfeed', 'p1')])).toMatchObject(settled(3, ['p0']));
  });

  it('true under SP-SYNC-WINDOW: it lands by start + spSync at the latest, and a visit brings it within spPickup', () => {
    expect(check('exchange-2015', waiting(true), [see('+71h', 'sp-newsfeed', 'p0')])).toEqual(conforms('exchange-2015'));
    expect(check('exchange-2015', waiting(true), [see('+72h', 'sp-newsfeed', 'p0')])).toMatchObject(diverges(2, ['p1'], 'SP-SYNC-WINDOW'));
    expect(check('exchange-2015', waiting(true), [visit('+1h'), see('+1h10m', 'sp-newsfeed', 'p0')])).toMatchObject(
      diverges(3, ['p1'], 'SP-SYNC-WINDOW'),
    );
  });

  it('true under SP-MYSITE-ONCE: pushed by start + spSync without a visit', () => {
    expect(check('microsoft-2014', waiting(true), [see('+20h', 'sp-newsfeed', 'p0')])).toEqual(conforms('microsoft-2014'));
    expect(check('microsoft-2014', waiting(true), [see('+24h10m', 'sp-newsfeed', 'p0')])).toMatchObject(
      diverges(2, ['p1'], 'SP-MYSITE-ONCE'),
    );
  });

  // review of 2026-12-06: the push, not known to have come before the visit, comes at the visit,
  // which is after that instant in the trace's order: it lands by the visit + spPickup, not 1 ms later
  it('true under SP-MYSITE-ONCE: a visit still pushes sooner, landing within spPickup of the visit', () => {
    const visited = [visit('+1h')];
    expect(check('microsoft-2014', waiting(true), [...visited, see('+1h9m59s', 'sp-newsfeed', 'p0')])).toEqual(conforms('microsoft-2014'));
    expect(check('microsoft-2014', waiting(true), [...visited, see('+1h10m', 'sp-newsfeed', 'p0')])).toMatchObject({
      verdict: 'diverges',
      divergence: { line: 3, allowed: ['p1'] },
    });
  });

  it('true under SP-MYSITE-ONCE does not hold back the end of an SP-NO-STICK window: SharePoint takes Exchange then', () => {
    // updated 68 h before the start: the window ends at +4h; the change waiting may have been made
    // as late as the start, so its own push may come as late as +24h, but the window's end comes first
    const recent = users({ id: 'alice', photo: 'p0', mySite: true, spUpdated: T0 - 68 * HOUR, pending: true }, { id: 'bob' });
    const upload = setPhoto('+1h', 'sharepoint', 'p1');
    expect(check('microsoft-2014', recent, [upload, see('+4h9m', 'sp-newsfeed', 'p0')])).toEqual(conforms('microsoft-2014'));
    expect(check('microsoft-2014', recent, [upload, see('+8h', 'sp-newsfeed', 'p1')])).toEqual(conforms('microsoft-2014'));
    expect(check('microsoft-2014', recent, [upload, see('+8h', 'sp-newsfeed', 'p0')])).toMatchObject(diverges(3, ['p1'], 'SP-NO-STICK'));
  });

  it("`unknown` keeps both open: nothing or Exchange's photo may reach SharePoint after a visit", () => {
    expect(check('threewill-2014', waiting('unknown'), [visit('+1h'), see('+1h11m', 'sp-newsfeed', 'p0')])).toEqual(
      conforms('threewill-2014'),
    );
    expect(check('threewill-2014', waiting('unknown'), [visit('+1h'), see('+1h11m', 'sp-newsfeed', 'p1')])).toEqual(
      conforms('threewill-2014'),
    );
    expect(check('threewill-2014', waiting('unknown'), [visit('+1h'), see('+1h11m', 'sp-newsfeed', 'p2')])).toMatchObject(
      diverges(3, ['p0', 'p1'], 'SP-NEEDS-VISIT'),
    );
  });
});

describe('caches', () => {
  const viewer = (caches: 'start' | 'unknown') => users({ id: 'alice', photo: 'p1' }, { id: 'bob', caches });

  it('`unknown`: Outlook desktop may show any photo until the viewer restarts it', () => {
    expect(check('threewill-2014', viewer('unknown'), [see('+5d', 'outlook-desktop', 'p7')])).toEqual(conforms('threewill-2014'));
    expect(check('threewill-2014', viewer('start'), [see('+5d', 'outlook-desktop', 'p7')])).toMatchObject(
      diverges(2, ['p1'], 'OUTLOOK-CACHE'),
    );
    const restarted: Step = { at: '+1d', do: 'restartClient', viewer: 'bob', client: 'outlook-desktop' };
    expect(check('threewill-2014', viewer('unknown'), [restarted, see('+5d', 'outlook-desktop', 'p7')])).toMatchObject(
      diverges(3, ['p1'], 'OUTLOOK-CACHE'),
    );
  });

  it('`unknown`: search results may show any photo until the viewer clears the browser cache', () => {
    expect(check('threewill-2014', viewer('unknown'), [see('+5d', 'sp-search', 'p7')])).toEqual(conforms('threewill-2014'));
    const cleared: Step = { at: '+1d', do: 'clearBrowserCache', viewer: 'bob' };
    expect(check('threewill-2014', viewer('unknown'), [cleared, see('+5d', 'sp-search', 'p7')])).toMatchObject(
      diverges(3, ['p1'], 'SP-BROWSER-CACHE'),
    );
  });

  it('`unknown`: Outlook on the web and the hover until start + exoLag + owaCache, whatever is restarted', () => {
    // microsoft-2026: 4 h + 1 h
    expect(
      check('microsoft-2026', viewer('unknown'), [see('+4h59m', 'owa-contact-card', 'p7'), see('+4h59m', 'sp-search-hover', 'p7')]),
    ).toEqual(conforms('microsoft-2026'));
    expect(check('microsoft-2026', viewer('unknown'), [see('+5h', 'owa-contact-card', 'p7')])).toMatchObject(
      diverges(2, ['p1'], 'OWA-CACHE'),
    );
  });

  it('`unknown`: Teams until the viewer restarts it, and until start + teamsServiceCache whatever they restart', () => {
    const restarted: Step = { at: '+1h', do: 'restartClient', viewer: 'bob', client: 'teams' };
    expect(check('microsoft-2026', viewer('unknown'), [restarted, see('+2d', 'teams', 'p7')])).toEqual(conforms('microsoft-2026'));
    expect(check('microsoft-2026', viewer('unknown'), [restarted, see('+3d1h', 'teams', 'p7')])).toMatchObject(
      diverges(3, ['p1'], 'TEAMS-CACHE'),
    );
    // microsoft-2024 has no service cache: the restart is enough
    expect(check('microsoft-2024', viewer('unknown'), [restarted, see('+2h', 'teams', 'p7')])).toMatchObject(
      diverges(3, ['p1'], 'TEAMS-CACHE'),
    );
  });

  it("`unknown` concerns the viewer's caches only: a fresh read still decides", () => {
    expect(check('threewill-2014', viewer('unknown'), [see('+1h', 'graph', 'p7')])).toMatchObject(settled(2, ['p1']));
  });
});

describe('roles and photoSettings', () => {
  it("the header gives the tenant's settings and each user's roles", () => {
    const people = users({ id: 'alice', photo: 'p0', roles: ['helpdesk'] }, { id: 'bob' });
    const settings = { source: 'cloud' as const, allowedRoles: ['helpdesk'] };
    expect(check('microsoft-2026', people, [setPhoto('+0s', 'graph', 'p1')], settings)).toEqual(conforms('microsoft-2026'));
    const byBob: Step = { at: '+0s', do: 'setPhoto', user: 'alice', via: 'graph', photo: 'p1', by: 'bob' };
    expect(check('microsoft-2026', people, [byBob], settings)).toMatchObject({
      verdict: 'diverges',
      divergence: { line: 2, allowed: ['rejected'], rules: ['PHOTO-SOURCE'] },
    });
  });
});

describe("reading one's own My Site on a tenant as it is", () => {
  it('shows what SharePoint holds before the view counts as a visit, whatever waits', () => {
    const people = users({ id: 'alice', photo: 'p0', mySite: true, pending: true, stores: { exchange: 'p1' } }, { id: 'bob' });
    expect(check('threewill-2014', people, [own('+1h', 'p0'), see('+1h11m', 'sp-newsfeed', 'p1')])).toEqual(conforms('threewill-2014'));
    expect(check('threewill-2014', people, [own('+1h', 'p1')])).toMatchObject(diverges(2, ['p0'], 'SP-NEEDS-VISIT'));
  });
});

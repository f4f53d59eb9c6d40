import { describe, expect, it } from 'vitest';
import { check, users, type Step, type Result, conforms, diverges } from '../scenario.testkit.js';

const fresh = users({ id: 'alice', photo: 'p0' }, { id: 'bob' });
const synced = users({ id: 'alice', photo: 'p0', adSynced: true }, { id: 'bob' });
const ad = (at: string, photo: string, result: Result = 'ok', bytes?: number): Step => ({
  at,
  do: 'setPhoto',
  user: 'alice',
  via: 'on-prem-ad',
  photo,
  result,
  ...(bytes === undefined ? {} : { bytes }),
});
const graph = (at: string, photo: string): Step => ({ at, see: 'graph', user: 'alice', viewer: 'bob', photo });

// TW-c/kduff85 (quoting an Exchange Online engineer): photos synced from AD are a one-time operation
describe('AD-ONE-TIME', () => {
  it.each(['exchange-2015', 'microsoft-2024'])('carries the first AD photo to exchange in %s', (profile) => {
    expect(check(profile, fresh, [ad('+0s', 'p1'), ad('+1d', 'p2'), graph('+2d', 'p1')])).toEqual(conforms(profile));
  });

  it.each(['exchange-2015', 'microsoft-2024'])('diverges in %s when a second AD photo reaches exchange', (profile) => {
    expect(check(profile, fresh, [ad('+0s', 'p1'), ad('+1d', 'p2'), graph('+2d', 'p2')])).toMatchObject(diverges(4, ['p1'], 'AD-ONE-TIME'));
  });

  it('carries no AD photo once the header says the one-time sync happened; threewill-2014 still does', () => {
    expect(check('exchange-2015', synced, [ad('+0s', 'p1'), graph('+1d', 'p0')])).toEqual(conforms('exchange-2015'));
    expect(check('exchange-2015', synced, [ad('+0s', 'p1'), graph('+1d', 'p1')])).toMatchObject(diverges(3, ['p0'], 'AD-ONE-TIME'));
    expect(check('threewill-2014', synced, [ad('+0s', 'p1'), graph('+1d', 'p1')])).toEqual(conforms('threewill-2014'));
  });

  // DirSync exports the current value at each run: two AD writes within one interval may collapse
  // into the last, which is then the first AD photo ever synced (exchange-2015: interval 3 h)
  it.each([
    ['exchange-2015', '+2h59m'],
    ['microsoft-2024', '+29m'],
  ])('in %s lets a second AD write within one interval be the photo synced, and only then', (profile, within) => {
    expect(check(profile, fresh, [ad('+0s', 'p1'), ad(within, 'p2'), graph('+2d', 'p2')])).toEqual(conforms(profile));
    expect(check(profile, fresh, [ad('+0s', 'p1'), ad(within, 'p2'), graph('+2d', 'p1')])).toEqual(conforms(profile));
    // Exchange keeps the one synced: a photo neither of them is still refused
    expect(check(profile, fresh, [ad('+0s', 'p1'), ad(within, 'p2'), graph('+2d', 'p0')])).toMatchObject(
      diverges(4, ['p1', 'p2'], 'AD-ONE-TIME'),
    );
    // and keeps it: two later reads agree
    expect(check(profile, fresh, [ad('+0s', 'p1'), ad(within, 'p2'), graph('+2d', 'p2'), graph('+3d', 'p1')])).toMatchObject(
      diverges(5, ['p2'], 'AD-ONE-TIME'),
    );
    // a third write after the interval is never synced
    expect(check(profile, fresh, [ad('+0s', 'p1'), ad(within, 'p2'), ad('+1d', 'p3'), graph('+2d', 'p3')])).toMatchObject(
      diverges(5, ['p1', 'p2'], 'AD-ONE-TIME'),
    );
  });

  // "within one interval" is less than one (SPEC section 4: a race with a change made less than
  // dirSyncInterval before it): a run surely came by then, so a write one interval on is never synced
  it.each([
    ['exchange-2015', '+2h59m59s', '+3h'],
    ['microsoft-2024', '+29m59s', '+30m'],
  ])(
    'in %s lets a second AD write one second within the interval be the photo synced, and not one at its end',
    (profile, within, atEnd) => {
      expect(check(profile, fresh, [ad('+0s', 'p1'), ad(within, 'p2'), graph('+2d', 'p2')])).toEqual(conforms(profile));
      expect(check(profile, fresh, [ad('+0s', 'p1'), ad(atEnd, 'p2'), graph('+2d', 'p2')])).toMatchObject(
        diverges(4, ['p1'], 'AD-ONE-TIME'),
      );
      expect(check(profile, fresh, [ad('+0s', 'p1'), ad(atEnd, 'p2'), graph('+2d', 'p1')])).toEqual(conforms(profile));
    },
  );

  // a read showing the first write's photo before the second says DirSync had exported it: a run
  // came between them, so the second was not exported in its place
  it.each([
    ['exchange-2015', '+2h', '+2h30m'],
    ['microsoft-2024', '+20m', '+25m'],
  ])('in %s never syncs a second AD write within one interval of a first one seen in Exchange before it', (profile, seen, second) => {
    const steps = [ad('+0s', 'p1'), graph(seen, 'p1'), ad(second, 'p2')];
    expect(check(profile, fresh, [...steps, graph('+2d', 'p1')])).toEqual(conforms(profile));
    expect(check(profile, fresh, [...steps, graph('+2d', 'p2')])).toMatchObject(diverges(5, ['p1'], 'AD-ONE-TIME'));
    // seen with the photo before it, the first may still have been collapsed into the second
    const unseen = [ad('+0s', 'p1'), graph('+1s', 'p0'), ad(second, 'p2')];
    expect(check(profile, fresh, [...unseen, graph('+2d', 'p2')])).toEqual(conforms(profile));
  });

  // seen in Exchange while the second lands, the first was exported (the second's run would have
  // exported the second): the second was never carried, and its photo never showed, even to a cache
  it.each([
    ['exchange-2015', '+1h', '+1h2m'],
    ['microsoft-2024', '+8m', '+10m'],
  ])('in %s never syncs a second AD write within one interval once Exchange showed the first while it landed', (profile, second, seen) => {
    const steps = [ad('+0s', 'p1'), ad(second, 'p2'), graph(seen, 'p1')];
    expect(check(profile, fresh, [...steps, graph('+2d', 'p1')])).toEqual(conforms(profile));
    expect(check(profile, fresh, [...steps, graph('+2d', 'p2')])).toMatchObject(diverges(5, ['p1'], 'AD-ONE-TIME'));
  });

  // seen in Exchange while it lands, the second write's own photo says DirSync exported it in place
  // of the first, collapsed into it: the first never showed, and no later write is carried
  it.each([
    ['exchange-2015', '+1h', '+1h30m', '+5h'],
    ['microsoft-2024', '+8m', '+35m', '+40m'],
  ])('in %s never shows the first AD photo once Exchange showed the second, exported in its place', (profile, second, seen, later) => {
    const steps = [ad('+0s', 'p1'), ad(second, 'p2'), graph(seen, 'p2')];
    expect(check(profile, fresh, [...steps, graph(later, 'p2')])).toEqual(conforms(profile));
    expect(check(profile, fresh, [...steps, graph(later, 'p1')])).toMatchObject({ verdict: 'diverges', divergence: { line: 5 } });
    expect(check(profile, fresh, [...steps, ad('+1d', 'p3'), graph('+2d', 'p3')])).toMatchObject(diverges(6, ['p2'], 'AD-ONE-TIME'));
    // with no read of the second while it landed, Exchange may still have kept the first
    const both = [ad('+0s', 'p1'), ad(second, 'p2'), graph(later, 'p1')];
    expect(check(profile, fresh, both)).toEqual(conforms(profile));
  });

  // review of 2026-12-07 (afternoon): where the second was never carried, the first lands within its
  // own window, not the second's; and the first seen while it lands leaves a third never carried too
  it('shows the first AD photo no longer than its own window, a later cloud change made, whether the second was carried or not', () => {
    const write: Step = { at: '+2h26m', do: 'setPhoto', user: 'alice', via: 'graph', photo: 'p3' };
    const before = [ad('+0s', 'p1'), ad('+1h25m', 'p2', 'unknown'), write];
    expect(check('exchange-2015', fresh, [...before, graph('+2h50m', 'p1')])).toEqual(conforms('exchange-2015'));
    expect(check('exchange-2015', fresh, [...before, graph('+3h17m', 'p1')])).toMatchObject(diverges(5, ['p2', 'p3'], 'EXO-FAST'));
    expect(check('exchange-2015', fresh, [...before, graph('+3h17m', 'p2')])).toEqual(conforms('exchange-2015'));
  });

  it.each([
    ['exchange-2015', '+3m', '+6h'],
    ['microsoft-2024', '+3m', '+3h'],
  ])('in %s, the first AD photo seen while it lands carries no later write, three of them racing it', (profile, seen, later) => {
    const steps = [ad('+0s', 'p1'), ad('+1m20s', 'p2', 'unknown'), ad('+1m40s', 'p3', 'unknown'), graph(seen, 'p1')];
    expect(check(profile, fresh, [...steps, graph(later, 'p1')])).toEqual(conforms(profile));
    expect(check(profile, fresh, [...steps, graph(later, 'p2')])).toMatchObject(diverges(6, ['p1'], 'AD-ONE-TIME'));
  });

  // review of 2026-12-07 (afternoon): the first, collapsed into the second that a read showed
  // exported, changed nothing: a cloud change made since replaces the photo before them as it lands
  it('lets a cloud change replace the photo before two AD writes once a read showed the second exported', () => {
    const write: Step = { at: '+1h', do: 'setPhoto', user: 'alice', via: 'graph', photo: 'p5' };
    const steps = [ad('+0s', 'p1'), ad('+5m4s', 'p2'), graph('+7m46s', 'p2'), write];
    expect(check('exchange-2015', fresh, [...steps, graph('+1h7m42s', 'p5')])).toEqual(conforms('exchange-2015'));
    expect(check('exchange-2015', fresh, [...steps, graph('+1h7m42s', 'p0')])).toMatchObject(diverges(6, ['p2', 'p5'], 'EXO-FAST'));
  });

  it('never shows an AD write made between the first and the one a read showed exported in its place', () => {
    const steps = [ad('+0s', 'p1'), ad('+51s', 'p2'), ad('+2m47s', 'p3'), graph('+7m46s', 'p3')];
    expect(check('exchange-2015', fresh, [...steps, graph('+17m27s', 'p0')])).toEqual(conforms('exchange-2015'));
    expect(check('exchange-2015', fresh, [...steps, graph('+17m27s', 'p2')])).toMatchObject(diverges(6, ['p0', 'p3'], 'AD-ONE-TIME'));
  });

  it('keeps a second AD write Exchange did not keep out of the Outlook cache: it was never carried', () => {
    const outlook = (at: string, photo: string): Step => ({ at, see: 'outlook-desktop', user: 'alice', viewer: 'bob', photo });
    const steps = [ad('+0s', 'p1'), ad('+8m', 'p2'), graph('+1h53m', 'p1')];
    expect(check('microsoft-2024', fresh, [...steps, outlook('+2h11m', 'p1')])).toEqual(conforms('microsoft-2024'));
    expect(check('microsoft-2024', fresh, [...steps, outlook('+2h11m', 'p2')])).toMatchObject(diverges(5, ['p0', 'p1'], 'AD-ONE-TIME'));
    // where Exchange kept the second, the first may still have shown before
    const kept = [ad('+0s', 'p1'), ad('+8m', 'p2'), graph('+1h53m', 'p2')];
    expect(check('microsoft-2024', fresh, [...kept, outlook('+2h11m', 'p1')])).toEqual(conforms('microsoft-2024'));
  });

  it('does not count an AD photo too large to sync (AD-SIZE) as the one-time sync', () => {
    const steps = [ad('+0s', 'p1', 'ok', 20_000), ad('+1h', 'p2', 'ok', 5_000), graph('+1d', 'p2')];
    expect(check('exchange-2015', fresh, steps)).toEqual(conforms('exchange-2015'));
  });

  it('leaves the other paths working: a later Outlook change still reaches exchange', () => {
    const steps: Step[] = [
      ad('+0s', 'p1'),
      ad('+1d', 'p2'),
      { at: '+2d', do: 'setPhoto', user: 'alice', via: 'outlook-web', photo: 'p3' },
      graph('+3d', 'p3'),
    ];
    expect(check('exchange-2015', fresh, steps)).toEqual(conforms('exchange-2015'));
  });

  it('keeps both outcomes open when the first AD write is unknown: either it or the second one synced', () => {
    const base = [ad('+0s', 'p1', 'unknown'), ad('+1d', 'p2')];
    expect(check('exchange-2015', fresh, [...base, graph('+2d', 'p1')])).toEqual(conforms('exchange-2015'));
    expect(check('exchange-2015', fresh, [...base, graph('+2d', 'p2')])).toEqual(conforms('exchange-2015'));
    expect(check('exchange-2015', fresh, [...base, graph('+2d', 'p0')])).toMatchObject(diverges(4, ['p1', 'p2'], 'DIRSYNC'));
  });

  // exactly one of them is synced: where the last was not carried, one of the others was, as the
  // outcome of the race before it says
  it.each([
    ['exchange-2015', '+1h', '+2h'],
    ['microsoft-2024', '+10m', '+20m'],
  ])('in %s lets SharePoint end with one of three AD writes within one interval, never the photo before them', (profile, second, third) => {
    const three = [ad('+0s', 'p1'), ad(second, 'p2'), ad(third, 'p3')];
    const newsfeed = (photo: string): Step => ({ at: '+5d', see: 'sp-newsfeed', user: 'alice', viewer: 'bob', photo });
    for (const photo of ['p1', 'p2', 'p3']) expect(check(profile, fresh, [...three, newsfeed(photo)])).toEqual(conforms(profile));
    expect(check(profile, fresh, [...three, newsfeed('p0')])).toMatchObject(diverges(5, ['p1', 'p2', 'p3'], 'AD-ONE-TIME'));
  });

  // two AD writes within one interval "may collapse into the last" (SPEC section 4 readings): the one
  // synced is the one outside change, and under SP-SYNC-WINDOW the one that travels to SharePoint
  it.each([
    ['exchange-2015', '+1h'],
    ['microsoft-2024', '+10m'],
  ])('in %s sends SharePoint the AD photo Exchange kept, once every window has closed', (profile, within) => {
    const picker = (at: string, photo: string): Step => ({ at, see: 'sp-people-picker', user: 'alice', viewer: 'bob', photo });
    const collapsed = [ad('+0s', 'p1'), ad(within, 'p2'), graph('+5h', 'p2')];
    expect(check(profile, fresh, [...collapsed, picker('+4d', 'p2')])).toEqual(conforms(profile));
    expect(check(profile, fresh, [...collapsed, picker('+4d', 'p1')])).toMatchObject(diverges(5, ['p2'], 'SP-SYNC-WINDOW'));
  });

  // found by an audit: what a copy made in the same second as the race took, and what Edit-Cancel
  // copied into a change still travelling, are not the photo Exchange kept
  it.each(['exchange-2015', 'microsoft-2024'])('in %s leaves apart what SharePoint copied while the writes raced', (profile) => {
    const mySite = users({ id: 'alice', photo: 'p0', mySite: true }, { id: 'bob' });
    const picker = (at: string, photo: string): Step => ({ at, see: 'sp-people-picker', user: 'alice', viewer: 'bob', photo });
    const editCancel = (at: string): Step => ({ at, do: 'editCancel', user: 'alice' });
    const sameSecond = [ad('+1h', 'p1'), ad('+1h10m', 'p2'), editCancel('+1h10m'), picker('+1h20m', 'p0'), picker('+6h', 'p0')];
    expect(check(profile, mySite, sameSecond)).toEqual(conforms(profile));
    const graph = (at: string, photo: string): Step => ({ at, do: 'setPhoto', user: 'alice', via: 'graph', photo });
    const copied = [ad('+1h', 'p1'), ad('+1h10m', 'p2'), graph('+1h20m', 'p3'), editCancel('+2h25m'), picker('+2h26m', 'p3')];
    expect(
      check(profile, mySite, [...copied, { at: '+4d', see: 'graph', user: 'alice', viewer: 'bob', photo: 'p3' }, picker('+4d', 'p3')]),
    ).toEqual(conforms(profile));
  });

  // found by the simulated tenant (exchange-2015, seed 201, runs of 150 actions): the first AD write,
  // of the photo Exchange held, may have been synced before the one too large to sync came; the next
  // AD write then raced as the first synced or never carried, and Exchange keeping the photo from
  // before it cannot say the sync was unused, since the first write may have used it
  it.each(['exchange-2015', 'microsoft-2024'])('in %s keeps the sync used where an AD write long before may have used it', (profile) => {
    const held = users({ id: 'alice', photo: 'p5' }, { id: 'bob' });
    const huge = (at: string, bytes: number): Step => ad(at, 'p0', 'ok', bytes);
    const later = [ad('+4d', 'p0'), huge('+4d1s', 10_241), ad('+5d', 'p3'), graph('+8d', 'p5')];
    expect(check(profile, held, [ad('+0s', 'p5'), huge('+1s', 4_194_304), ...later])).toEqual(conforms(profile));
    // with no write before it and none too large to sync, p0 is surely the first synced, and Exchange keeps it
    expect(check(profile, held, [ad('+4d', 'p0'), ad('+5d', 'p3'), graph('+8d', 'p5')])).toMatchObject(diverges(4, ['p0'], 'DIRSYNC'));
  });

  // found by an outside review (R1): whether a photo too large for Exchange (AD-SIZE) was synced all
  // the same, and so used up the one-time sync, the sources do not say: the next AD write is then
  // the first synced, or never carried
  it.each(['exchange-2015', 'microsoft-2024'])('in %s lets a photo too large for Exchange use up the one-time sync, or not', (profile) => {
    const steps = (seen: string): Step[] => [ad('+10m', 'p2', 'ok', 20_000), ad('+12h10m', 'p1'), graph('+4d', seen)];
    expect(check(profile, fresh, steps('p0'))).toEqual(conforms(profile));
    expect(check(profile, fresh, steps('p1'))).toEqual(conforms(profile));
    expect(check(profile, fresh, steps('p2'))).toMatchObject(diverges(4, ['p0', 'p1'], 'AD-SIZE'));
  });
});

// Found by the simulated tenant (exchange-2015, seed 404, runs of up to 200 steps): where p3 used the
// one-time sync, the AD write four days later is never carried and Exchange keeps the removal. p3,
// still on its way at the Edit-Cancel, travels on; the copy is of the upload (p0), newer than p3, so
// SharePoint may keep p0 once p3 has landed. The checker had p0 travel with p3 only where p3 never
// landed (collapsed into the write too large to sync), so SharePoint showing p0 ruled the sync used.
it('in exchange-2015, keeps the one-time sync used by a first AD photo followed by an upload and Edit-Cancel', () => {
  const step = (at: string, rest: Omit<Step, 'at'>): Step => ({ at, ...rest }) as Step;
  const steps: Step[] = [
    ad('+0s', 'p3'),
    ad('+1ms', 'p0', 'ok', 4_194_304),
    step('+2ms', { do: 'setPhoto', user: 'alice', via: 'sharepoint', photo: 'p0' }),
    step('+3ms', { do: 'editCancel', user: 'alice' }),
    step('+96h', { do: 'removePhoto', user: 'alice', via: 'admin-cmdlet' }),
    ad('+96h1ms', 'p0'),
    step('+96h2ms', { see: 'sp-mysite', user: 'alice', viewer: 'alice', photo: 'p0' }),
    step('+120h2ms', { see: 'sp-search-hover', user: 'alice', viewer: 'alice', photo: 'none' }),
  ];
  expect(check('exchange-2015', fresh, steps)).toEqual(conforms('exchange-2015'));
  // without the upload the copy is of no photo newer than p3, which SharePoint then shows: p3 never
  // landed, but the photo too large for Exchange it collapsed into may have used the sync all the
  // same (AD-SIZE may have, as it may where it stands alone: review of 2026-12-06), so the last AD
  // write may never be carried either
  const withoutUpload = steps.filter((s) => !('via' in s && s.via === 'sharepoint'));
  expect(check('exchange-2015', fresh, withoutUpload)).toEqual(conforms('exchange-2015'));
  const spoilt = [...withoutUpload.slice(0, -1), step('+120h2ms', { see: 'sp-search-hover', user: 'alice', viewer: 'alice', photo: 'p9' })];
  expect(check('exchange-2015', fresh, spoilt)).toMatchObject(diverges(8, ['none', 'p0'], 'DIRSYNC'));
});

// The same, shorter: an AD write of p7 Exchange never shows says p3 used the sync, and SharePoint
// may keep the upload's copy after p3 lands; never the photo too large to sync
it('in exchange-2015, lets SharePoint keep a copy newer than the first AD photo synced, which travelled on past it', () => {
  const mySite = users({ id: 'alice', photo: 'p0', mySite: true }, { id: 'bob' });
  const story = (seen: string): Step[] => [
    ad('+0s', 'p3'),
    ad('+1ms', 'p5', 'ok', 4_194_304),
    { at: '+2ms', do: 'setPhoto', user: 'alice', via: 'sharepoint', photo: 'p0' },
    { at: '+3ms', do: 'editCancel', user: 'alice' },
    ad('+4d', 'p7'),
    graph('+5d', 'p0'),
    { at: '+5d', see: 'sp-newsfeed', user: 'alice', viewer: 'bob', photo: seen },
  ];
  expect(check('exchange-2015', mySite, story('p0'))).toEqual(conforms('exchange-2015'));
  expect(check('exchange-2015', mySite, story('p5'))).toMatchObject(diverges(8, ['p0', 'p3'], 'SP-SYNC-WINDOW'));
});

// Found by the simulated tenant (exchange-2015, as it is, seed 95): where a DirSync cycle came
// between two AD writes, the first is the one photo synced and the second is never carried; the
// first, still on its way to Exchange at an Edit-Cancel, travels on and may land after the copy
// (SP-SYNC-WINDOW), so SharePoint may end with it. What SharePoint holds where the second was never
// carried is its own photo, not Exchange's (here the upload, p3): the copy of the second is tied to
// Exchange by outcome (carried or not), not by photo.
describe('AD-ONE-TIME with two AD writes in one interval around an Edit-Cancel (exchange-2015)', () => {
  const mySite = users({ id: 'alice', photo: 'p3', mySite: true }, { id: 'bob' });
  const around = (second: string): Step[] => [
    ad('+0s', 'p0'),
    { at: '+1s', do: 'setPhoto', user: 'alice', via: 'sharepoint', photo: 'p3' },
    { at: '+2s', do: 'editCancel', user: 'alice' },
    ad('+3s', second),
  ];
  const newsfeed = (at: string, photo: string): Step => ({ at, see: 'sp-newsfeed', user: 'alice', viewer: 'bob', photo });

  it('lets SharePoint end with the AD photo that travelled on after the copy, with no second write', () => {
    expect(check('exchange-2015', mySite, [...around('p0').slice(0, 3), newsfeed('+4d', 'p0')])).toEqual(conforms('exchange-2015'));
  });

  it('lets SharePoint end with the first AD photo, which travelled on after the copy, where the second was never carried', () => {
    expect(check('exchange-2015', mySite, [...around('p7'), newsfeed('+4d', 'p0')])).toEqual(conforms('exchange-2015'));
  });

  it('does so too where the second sets the photo Exchange holds, so that what Exchange keeps does not tell', () => {
    expect(check('exchange-2015', mySite, [...around('p3'), newsfeed('+4d', 'p0')])).toEqual(conforms('exchange-2015'));
  });

  // found by the same run once that was mended: p0 at +2 s is the first synced only where the too
  // large write (AD-SIZE) collapsed p5; where a run carried p5 first, neither later write is carried
  it('lets SharePoint keep a first AD photo that may have been synced before a write too large to sync', () => {
    const steps: Step[] = [ad('+0s', 'p5'), ad('+1s', 'p0', 'ok', 50_000), ad('+2s', 'p0'), ad('+3h1s', 'p3'), newsfeed('+4d', 'p5')];
    const before = users({ id: 'alice', photo: 'p9', mySite: true }, { id: 'bob' });
    expect(check('exchange-2015', before, steps)).toEqual(conforms('exchange-2015'));
  });

  it('ties SharePoint to what Exchange kept: the second photo where it was carried, never where it was not', () => {
    const carried = [...around('p7'), graph('+1d', 'p7')];
    expect(check('exchange-2015', mySite, [...carried, newsfeed('+4d', 'p7')])).toEqual(conforms('exchange-2015'));
    expect(check('exchange-2015', mySite, [...carried, newsfeed('+4d', 'p0')])).toMatchObject(diverges(7, ['p7'], 'AD-ONE-TIME'));
    const not = [...around('p7'), graph('+1d', 'p3')];
    expect(check('exchange-2015', mySite, [...not, newsfeed('+4d', 'p0')])).toEqual(conforms('exchange-2015'));
    expect(check('exchange-2015', mySite, [...not, newsfeed('+4d', 'p7')])).toMatchObject(diverges(7, ['p0', 'p3'], 'AD-ONE-TIME'));
  });

  // review of 2026-12-06: Exchange keeping a photo of one AD write is no word on another written in
  // the same instant; each is decided on its own, and the last of them may be the first synced
  it.each(['exchange-2015', 'microsoft-2024'])(
    'in %s, after a photo too large for Exchange, two AD writes of one instant: the later may be the first synced',
    (profile) => {
      const none = users({ id: 'alice' }, { id: 'bob' });
      const steps = [ad('+30m', 'p1', 'ok', 4_194_304), ad('+4h30m', 'p2'), ad('+4h30m', 'p3')];
      expect(check(profile, none, [...steps, { at: '+1d', see: 'graph', user: 'alice', viewer: 'bob', photo: 'p3' }])).toEqual(
        conforms(profile),
      );
      expect(check(profile, none, [...steps, { at: '+1d', see: 'graph', user: 'alice', viewer: 'bob', photo: 'p9' }])).toMatchObject({
        verdict: 'diverges',
        divergence: { line: 5, allowed: ['none', 'p2', 'p3'] },
      });
    },
  );
});

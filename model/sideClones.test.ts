import { describe, expect, it } from 'vitest';
import { ExchangeSide } from './ExchangeSide.js';
import { pending, SharePointSide } from './SharePointSide.js';

// clone() builds each field by hand (one shape for every state): a field it forgot would be lost
// at every fork. Each test sets every field away from its default; a new field fails the key check.
describe('state clones', () => {
  it('a SharePoint side clone carries every field, and shares no mutable part', () => {
    const sp = new SharePointSide({ sharepoint: 'p1', mySite: false, spUpdated: { lo: 1, hi: 2 } });
    sp.sharepoint.write(5, ['p2'], 9, ['SP-THROTTLE']);
    sp.mySiteSince = 3;
    sp.pending = pending({ lo: 4, hi: 5 }, ['p3'], ['DIRSYNC'], 6, 5, true);
    sp.visitAt = 7;
    sp.fresh = pending({ lo: 5, hi: 5 }, ['p3'], ['DIRSYNC'], 6);
    sp.pushAfter = 8;
    sp.dueAt = 9;
    sp.unstuck = { since: 10, values: ['p4'], reachedBy: 12, visited: true };
    sp.unstuckUntil.set('p5', 11);
    sp.skipped.add('p6');
    sp.rewait = {
      pending: pending({ lo: 1, hi: 2 }, ['p7'], [], 3, 2),
      visitAt: 4,
      updated: { lo: 5, hi: 6 },
      pushes: true,
      alone: { pending: pending({ lo: 2, hi: 2 }, ['p8'], [], 3), visitAt: null },
      revisit: 7,
      proof: null,
    };
    sp.collapseBy = 13;
    sp.collapsed = { lo: 4, hi: 7, until: 14 };
    sp.arrivalMadeBy = 15;
    sp.settlesAt = 16;
    sp.byPush = true;
    sp.seenAt = 17;
    expect(Object.keys(sp).sort()).toEqual(
      [
        'collapseBy',
        'collapsed',
        'dueAt',
        'fresh',
        'arrivalMadeBy',
        'byPush',
        'mySiteSince',
        'pending',
        'pushAfter',
        'rewait',
        'seenAt',
        'settlesAt',
        'sharepoint',
        'skipped',
        'spUpdated',
        'unstuck',
        'unstuckUntil',
        'visitAt',
      ].sort(),
    );
    const c = sp.clone();
    expect(c).toEqual(sp);
    expect(c.sharepoint).not.toBe(sp.sharepoint);
    expect(c.pending).not.toBe(sp.pending);
    expect(c.pending!.values).not.toBe(sp.pending.values);
    expect(c.rewait!.pending).not.toBe(sp.rewait!.pending);
    expect(c.fresh).not.toBe(sp.fresh);
    expect(c.rewait!.alone!.pending).not.toBe(sp.rewait!.alone!.pending);
    expect(c.unstuckUntil).not.toBe(sp.unstuckUntil);
    expect(c.skipped).not.toBe(sp.skipped);
  });

  it('an Exchange side clone carries every field, and shares no mutable part', () => {
    const core = new ExchangeSide({ exchange: 'p1', adSynced: true, presence: 'either', setPhotoEnabled: false });
    core.exchange.write(5, ['p2'], 9, ['EXO-FAST']);
    core.stoppedBy.set('p3', 'AD-SIZE');
    core.recentAd = [{ at: 1, photos: ['p4'] }];
    core.lastCloud = { at: 2, photos: ['p5'] };
    core.syncedFirst = 3;
    core.usedBefore = true;
    core.carriedAd = [4];
    core.firstExported = true;
    core.settingsFacts = new Map([[{ at: 6, settings: { source: 'cloud', allowedRoles: [] }, certain: false }, true]]);
    expect(Object.keys(core).sort()).toEqual(
      [
        'adSynced',
        'carriedAd',
        'exchange',
        'firstExported',
        'lastCloud',
        'presence',
        'recentAd',
        'setPhotoEnabled',
        'settingsFacts',
        'stoppedBy',
        'syncedFirst',
        'usedBefore',
      ].sort(),
    );
    const c = core.clone();
    expect(c).toEqual(core);
    expect(c.exchange).not.toBe(core.exchange);
    expect(c.stoppedBy).not.toBe(core.stoppedBy);
  });

  it('a store clone shares the photos gone (each immutable), and a later change to either reaches only it', () => {
    const core = new ExchangeSide({ exchange: 'p1', adSynced: true, presence: 'online', setPhotoEnabled: true });
    core.exchange.write(5, ['p2'], 5, ['EXO-FAST']);
    const view = { now: 100, anchors: [0], maxBack: 1_000 };
    core.exchange.key(view); // p1 gone since 5
    const c = core.clone();
    expect(c.key(view, 0)).toBe(core.key(view, 0));
    expect(c.quick(view)).toBe(core.quick(view));
    // p1 again from 50 to 60 in the original only: its gone p1 now shows until 60, the clone's still until 5
    core.exchange.write(50, ['p1'], 50, ['EXO-FAST']);
    core.exchange.write(60, ['p3'], 60, ['EXO-FAST']);
    core.exchange.key({ ...view, now: 200 });
    expect(core.exchange.allows('p1', 55, 200)).toBe(true);
    expect(c.exchange.allows('p1', 55, 200)).toBe(false);
    expect(c.key(view, 0)).not.toBe(core.key(view, 0));
    // and sides that differ beside the store have different numbers
    c.presence = 'offline';
    const d = c.clone();
    d.presence = 'online';
    expect(c.quick(view)).not.toBe(d.quick(view));
  });
});

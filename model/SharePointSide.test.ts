import { describe, expect, it } from 'vitest';
import { BUT_GONE, BUT_UPDATED, pending, SharePointSide } from './SharePointSide.js';

// Past the cap, states equal but for when SharePoint was last updated are joined over the hull of
// their spans (ProfileChecker.settle). What follows from that update must join with it, or uploads a
// few minutes apart leave dozens of states no key can merge.

const view = { now: 1_000, anchors: [0], maxBack: 0 };
const params = { throttle: 10_000, sinceMatters: true };

/** A state last updated at `at`, which may have left a change waiting, a photo set in its throttle window showing until it lands. */
function updatedAt(at: number): SharePointSide {
  const sp = new SharePointSide({ sharepoint: 'p1', mySite: true, spUpdated: { lo: 0, hi: 0 } });
  sp.pending = pending({ lo: 0, hi: 0 }, ['p2'], [], 50);
  sp.updated({ lo: at, hi: at }, at + 600, 'all');
  sp.unstuckUntil.set('p3', at + 600);
  return sp;
}

describe('SharePointSide.joinUpdated', () => {
  it('states updated at touching instants, with what that update left waiting, key alike without the update and join to the hull', () => {
    const [a, b] = [updatedAt(100), updatedAt(101)];
    expect(a.key(view, params)).not.toBe(b.key(view, params));
    expect(a.key(view, params, BUT_UPDATED)).toBe(b.key(view, params, BUT_UPDATED));
    a.joinUpdated(b);
    expect(a.spUpdated).toEqual({ lo: 100, hi: 101 });
    // the changes left waiting still wait since that update, wherever in the hull it was
    expect(a.rewait?.updated).toEqual({ lo: 100, hi: 101 });
    // the photo set in the throttle window may show until the later landing
    expect(a.unstuckUntil.get('p3')).toBe(701);
  });

  it('keeps apart states whose changes left waiting were left by an earlier update', () => {
    const [a, b] = [updatedAt(100), updatedAt(101)];
    // the last update of `b` only is known to a wider span (split at an upload): its waiting changes date from before
    b.spUpdated = { lo: 101, hi: 300 };
    expect(b.rewait?.updated).toEqual({ lo: 101, hi: 101 });
    const c = updatedAt(101);
    c.spUpdated = { lo: 101, hi: 300 };
    c.rewait = { ...c.rewait!, updated: { lo: 101, hi: 300 } };
    expect(b.key(view, params, BUT_UPDATED)).not.toBe(c.key(view, params, BUT_UPDATED));
    expect(a.key(view, params, BUT_UPDATED)).toBe(c.key(view, params, BUT_UPDATED));
  });
});

// SP-NEEDS-VISIT: the visit that counts is the first after the oldest change not yet pushed. A copy
// of Exchange that may have missed only changes made after every visit leaves them waiting for a
// visit of their own.
describe('SharePointSide.updated: the visit that counts for the changes a copy may have missed', () => {
  /** p1 made at 0, surely in Exchange by 50; a visit at 10; p2 made at 20, surely in Exchange by 200 (`visited`: p1's). */
  function twoChanges(): SharePointSide {
    const sp = new SharePointSide({ sharepoint: 'p0', mySite: true, spUpdated: { lo: -Infinity, hi: -Infinity } });
    sp.pending = pending({ lo: 0, hi: 0 }, ['p1', 'p2'], [], 200, 50);
    sp.visitAt = 10;
    return sp;
  }

  it('counts the visit where a change it came after may have been missed', () => {
    const sp = twoChanges();
    sp.updated({ lo: 30, hi: 30 }, 40, 'unreached');
    expect(sp.rewait).toMatchObject({ visitAt: -Infinity, pushes: true });
  });

  it('lets the changes made after the visit be the only ones missed: they then wait for a visit of their own', () => {
    const sp = twoChanges();
    sp.fresh = pending({ lo: 20, hi: 20 }, ['p2'], [], 200);
    sp.updated({ lo: 30, hi: 30 }, 40, 'unreached');
    expect(sp.rewait).toMatchObject({ visitAt: -Infinity, alone: { pending: { values: ['p2'], reachedBy: 200 }, visitAt: null } });
    expect(sp.fresh).toBeNull();
    // where p2 had surely reached Exchange by the update, nothing after the visit may be missed alone
    const reached = twoChanges();
    reached.pending = pending({ lo: 0, hi: 0 }, ['p1', 'p2'], [], 50, 50);
    reached.fresh = pending({ lo: 20, hi: 20 }, ['p2'], [], 25);
    reached.updated({ lo: 30, hi: 30 }, 40, 'unreached');
    expect(reached.rewait).toMatchObject({ visitAt: -Infinity, alone: null });
  });

  it('lets them be missed alone also where an update before left changes waiting, and keeps those it left so', () => {
    const sp = twoChanges();
    sp.rewait = {
      pending: pending({ lo: -10, hi: -10 }, ['p9'], [], 100, 100),
      visitAt: -Infinity,
      updated: { lo: -5, hi: -5 },
      pushes: true,
      alone: { pending: pending({ lo: -8, hi: -8 }, ['p8'], [], 150), visitAt: null },
      revisit: null,
      proof: null,
    };
    sp.fresh = pending({ lo: 20, hi: 20 }, ['p2'], [], 200);
    sp.updated({ lo: 30, hi: 30 }, 40, 'unreached');
    expect(sp.rewait).toMatchObject({ visitAt: -Infinity, alone: { pending: { values: ['p2', 'p8'] }, visitAt: null } });
    // with no visit after the changes made since, they are all after the visit that counts
    const since = twoChanges();
    since.rewait = { ...sp.rewait!, alone: null };
    since.visitAt = null;
    since.updated({ lo: 300, hi: 300 }, 310, 'unreached');
    expect(since.rewait).toBeNull(); // every change had surely reached Exchange: none missed
    const unvisited = twoChanges();
    unvisited.rewait = {
      pending: pending({ lo: -10, hi: -10 }, ['p9'], [], 100, 100),
      visitAt: -Infinity,
      updated: { lo: -5, hi: -5 },
      pushes: true,
      alone: null,
      revisit: null,
      proof: null,
    };
    unvisited.visitAt = null;
    unvisited.updated({ lo: 30, hi: 30 }, 40, 'unreached');
    expect(unvisited.rewait).toMatchObject({ visitAt: -Infinity, alone: { pending: { values: ['p1', 'p2'] }, visitAt: null } });
  });

  it('leaves the changes waiting for a visit of their own where only changes made after it may have been', () => {
    const sp = twoChanges();
    sp.updated({ lo: 100, hi: 100 }, 110, 'unreached');
    expect(sp.rewait).toMatchObject({ visitAt: null, pushes: true });
    // an upload that sticks passes over every change waiting: the visit counts, and SharePoint shows
    // the upload, as Exchange will
    const upload = twoChanges();
    upload.updated({ lo: 100, hi: 100 }, 100, 'all');
    expect(upload.rewait).toMatchObject({ visitAt: -Infinity, pushes: false });
  });

  it('folds them into the changes made since, where no visit came after either: the next visit pushes both alike', () => {
    const sp = twoChanges();
    sp.updated({ lo: 100, hi: 100 }, 110, 'unreached');
    sp.foldRewait(); // nothing made since: the update may have settled them, or not
    expect(sp.rewait).not.toBeNull();
    sp.pending = pending({ lo: 300, hi: 300 }, ['p3'], [], 400);
    const visited = sp.clone();
    visited.visitAt = 350;
    visited.foldRewait(); // a visit after the later change only: it counts for both, but they stay apart
    expect(visited.rewait).not.toBeNull();
    sp.foldRewait();
    expect(sp.rewait).toBeNull();
    expect(sp.pending).toMatchObject({ since: { lo: 0, hi: 0 }, values: ['p1', 'p2', 'p3'], reachedBy: 400, visited: -Infinity });
  });
});

// SP-NO-STICK: a photo set in the throttle window may show to a cache reaching back until the
// window's push landed. Reads reach back to an anchor (a viewer's cache emptied) or to now, so that
// instant counts only up to the first anchor after it, as a gone value's does in the store.
describe('SharePointSide.key: until when a photo that did not stick may show', () => {
  function shownUntil(until: number): SharePointSide {
    const sp = new SharePointSide({ sharepoint: 'p1', mySite: true, spUpdated: { lo: 0, hi: 0 } });
    sp.unstuckUntil.set('p3', until);
    return sp;
  }

  it('keys alike, and numbers alike, two states whose photo showed until instants no anchor lies between', () => {
    const [a, b] = [shownUntil(150), shownUntil(180)];
    const v = { ...view, anchors: [0, 200] };
    expect(a.key(v, params)).toBe(b.key(v, params));
    expect(a.quick(v, params)).toBe(b.quick(v, params));
  });

  it('keeps them apart where a cache emptied between the two reaches back to one and not the other', () => {
    const [a, b] = [shownUntil(150), shownUntil(180)];
    const v = { ...view, anchors: [0, 160] };
    expect(a.key(v, params)).not.toBe(b.key(v, params));
  });

  it('lets the state that shows it longer cover the other, not the other way round, where an anchor tells them apart', () => {
    const [a, b] = [shownUntil(150), shownUntil(180)];
    const v = { ...view, anchors: [0, 160] };
    expect(a.key(v, params, BUT_GONE)).toBe(b.key(v, params, BUT_GONE));
    expect(b.covers(a, v)).toBe(true);
    expect(a.covers(b, v)).toBe(false);
    // with no anchor between them, each covers the other
    expect(a.covers(b, { ...view, anchors: [0, 200] })).toBe(true);
  });

  it('leaves the photo out once no read reaches back to it', () => {
    const v = { ...view, anchors: [200] };
    expect(shownUntil(150).key(v, params)).toBe(
      new SharePointSide({ sharepoint: 'p1', mySite: true, spUpdated: { lo: 0, hi: 0 } }).key(v, params),
    );
  });
});

import { describe, expect, it } from 'vitest';
import { HOUR, MINUTE } from '../../model/Params.js';
import { ExchangeMailbox } from './ExchangeMailbox.js';
import { SharePointProfile, type SharePointInit, type ThumbnailSize } from './SharePointProfile.js';
import { context, SEEDS } from './sim.testkit.js';

const SIZES: ThumbnailSize[] = ['S', 'M', 'L'];

function tenant(profile: string, seed: number, mySite = false, init: Partial<SharePointInit> & { exchange?: string } = {}) {
  const ctx = context(profile, seed);
  const { exchange: exchangePhoto = 'p0', ...spInit } = init;
  const exchange = new ExchangeMailbox(ctx, {
    photo: exchangePhoto,
    adSynced: false,
    setPhotoEnabled: true,
    version: spInit.pending?.version,
  });
  const sp = new SharePointProfile(ctx, exchange, { photo: 'p0', mySite, ...spInit });
  /** a change made outside SharePoint now, as the tenant makes it */
  const outside = (photo: string, lag = MINUTE) => {
    const v = ctx.versions.mint(ctx.clock.now());
    exchange.write(photo, v, ctx.clock.now() + lag);
    sp.outsideChange(photo, v);
  };
  const upload = (photo: string) => {
    const v = ctx.versions.mint(ctx.clock.now());
    exchange.write(photo, v, ctx.clock.now() + MINUTE);
    sp.upload(photo, v);
  };
  const at = async (t: number) => {
    await ctx.clock.advance(t - ctx.clock.now());
    ctx.clock.runDue();
  };
  /** every photo the three thumbnails show now, over a few reads */
  const shows = () => new Set(SIZES.flatMap((s) => [sp.read(s), sp.read(s), sp.read(s), sp.read(s)]));
  return { ctx, sp, outside, upload, at, shows };
}

describe('SharePointProfile (threewill-2014)', () => {
  it('keeps an upload at once when not updated in the last spThrottle (SP-ORIGIN)', async () => {
    const t = tenant('threewill-2014', 1);
    t.upload('p1');
    expect(t.shows()).toEqual(new Set(['p1']));
  });

  it('flips between the old photo and an upload made inside the throttle window, until the window ends (SP-NO-STICK)', async () => {
    const seen = new Set<string>();
    for (const seed of SEEDS.slice(0, 10)) {
      const t = tenant('threewill-2014', seed);
      t.upload('p1');
      await t.at(HOUR);
      t.upload('p2');
      for (const p of t.shows()) seen.add(p);
      // the job pushes Exchange's photo at spUpdated + 72 h; it lands within spPickup
      await t.at(72 * HOUR + 10 * MINUTE);
      expect(t.shows()).toEqual(new Set(['p2']));
    }
    expect(seen).toEqual(new Set(['p1', 'p2']));
  });

  it('takes an outside change only after a visit, within spPickup of it (SP-NEEDS-VISIT)', async () => {
    for (const seed of SEEDS.slice(0, 10)) {
      const t = tenant('threewill-2014', seed);
      t.outside('p1');
      await t.at(10 * 24 * HOUR);
      expect(t.shows()).toEqual(new Set(['p0']));
      t.sp.visit();
      await t.at(10 * 24 * HOUR + 10 * MINUTE);
      expect(t.shows()).toEqual(new Set(['p1']));
    }
  });

  it('remembers a visit made inside the throttle window and pushes at its end (SP-THROTTLE)', async () => {
    const t = tenant('threewill-2014', 2);
    t.upload('p1'); // spUpdated = 0
    await t.at(HOUR);
    t.outside('p2');
    await t.at(2 * HOUR);
    t.sp.visit();
    await t.at(72 * HOUR - 1);
    expect(t.shows()).toEqual(new Set(['p1']));
    await t.at(72 * HOUR + 10 * MINUTE);
    expect(t.shows()).toEqual(new Set(['p2']));
  });

  // a push that missed a change still on its way to Exchange may leave it waiting; the push that
  // visit then makes at the throttle's end may miss in turn a change made after the visit, which
  // waits for a visit of its own (the contract: a visit after that change)
  it('leaves a change made after the visit, missed by the push at the throttle end, waiting for a visit after it', async () => {
    const DAY = 24 * HOUR;
    // what SharePoint shows a week later, where it showed p1 an hour after that push had landed
    const later = { without: new Set<string>(), revisited: new Set<string>() };
    for (const seed of SEEDS) {
      for (const revisit of [false, true]) {
        const t = tenant('threewill-2014', seed, true);
        t.outside('p1');
        await t.at(20_000);
        t.sp.visit(); // pushes at once: Exchange may still hold p0
        await t.at(3 * DAY + 10_000);
        t.outside('p2'); // may still be on its way at the throttle's end, 3 days after that push
        await t.at(3 * DAY + 30_000);
        if (revisit) t.sp.visit();
        await t.at(3 * DAY + HOUR);
        const missed = [...t.shows()].join() === 'p1';
        await t.at(7 * DAY);
        if (missed) for (const p of t.shows()) later[revisit ? 'revisited' : 'without'].add(p);
      }
    }
    expect(later.without).toEqual(new Set(['p1']));
    // the visit after p2 brings it at the end of the window the last push opened, unless that push settled it
    expect(later.revisited).toEqual(new Set(['p1', 'p2']));
  });

  it('copies Exchange at once on Edit-Cancel, whatever the window (EDIT-CANCEL)', async () => {
    const t = tenant('threewill-2014', 3);
    t.upload('p1');
    await t.at(HOUR);
    t.outside('p2');
    await t.at(2 * HOUR);
    t.sp.editCancel();
    expect(t.shows()).toEqual(new Set(['p2']));
  });
});

describe('SharePointProfile (microsoft-2014)', () => {
  it('pushes without a visit spSync after the change once the My Site exists (SP-MYSITE-ONCE)', async () => {
    const t = tenant('microsoft-2014', 4, true);
    t.outside('p1');
    await t.at(24 * HOUR - 1);
    expect(t.shows()).toEqual(new Set(['p0']));
    await t.at(24 * HOUR + 10 * MINUTE);
    expect(t.shows()).toEqual(new Set(['p1']));
  });

  it('still needs a visit while there is no My Site', async () => {
    const t = tenant('microsoft-2014', 5, false);
    t.outside('p1');
    await t.at(5 * 24 * HOUR);
    expect(t.shows()).toEqual(new Set(['p0']));
  });
});

describe('SharePointProfile (SP-SYNC-WINDOW)', () => {
  it('receives an outside change within spSync, visit or not (exchange-2015)', async () => {
    const landed = new Set<boolean>();
    for (const seed of SEEDS.slice(0, 20)) {
      const t = tenant('exchange-2015', seed);
      t.outside('p1');
      await t.at(36 * HOUR);
      landed.add(t.shows().has('p1'));
      await t.at(72 * HOUR);
      expect(t.shows()).toEqual(new Set(['p1']));
    }
    expect(landed).toEqual(new Set([true, false]));
  });

  it('brings a travelling change within spPickup of a visit (microsoft-2024)', async () => {
    for (const seed of SEEDS.slice(0, 10)) {
      const t = tenant('microsoft-2024', seed);
      t.outside('p1', HOUR);
      await t.at(HOUR);
      t.sp.visit();
      await t.at(2 * HOUR);
      expect(t.shows()).toEqual(new Set(['p1']));
    }
  });

  it('lets a change still on its way to Exchange land after what Edit-Cancel copied, within its own spSync', async () => {
    const copied = new Set<string>();
    for (const seed of SEEDS) {
      const t = tenant('microsoft-2024', seed);
      t.outside('p1', HOUR);
      await t.at(HOUR);
      t.outside('p2', HOUR); // Exchange still holds p1 on at least one copy for a while
      await t.at(HOUR + 1);
      t.sp.editCancel();
      const now = t.shows();
      for (const p of now) copied.add(p);
      // the copy is Exchange's photo of this instant: p1, or p2 where a copy already took it
      expect([...now].every((p) => p === 'p1' || p === 'p2')).toBe(true);
      // from then on the copied photo or a later one, never the start's photo
      for (let h = 2; h < 73; h += 7) {
        await t.at(HOUR + h * HOUR);
        expect(t.shows().has('p0')).toBe(false);
      }
      await t.at(HOUR + 72 * HOUR);
      expect(t.shows()).toEqual(new Set(['p2']));
    }
    expect(copied.has('p1')).toBe(true);
  });
});

describe('SharePointProfile: Exchange is its source (contract 1.1, SP-SYNC-WINDOW)', () => {
  it('brings with a visit only the changes that had landed on the mailbox; the others keep their spSync window', async () => {
    const late = new Set<boolean>();
    for (const seed of SEEDS) {
      const t = tenant('microsoft-2024', seed);
      t.outside('p1', HOUR); // lands on the mailbox's copies within the hour
      await t.at(MINUTE);
      t.sp.visit();
      // a change the mailbox did not hold at the visit is not hastened: it may still be on its way
      await t.at(MINUTE + HOUR + MINUTE);
      late.add(!t.shows().has('p1'));
      await t.at(72 * HOUR);
      expect(t.shows()).toEqual(new Set(['p1']));
    }
    expect(late).toEqual(new Set([true, false]));
  });

  it('brings with a visit every change that had landed on the mailbox, within spPickup', async () => {
    for (const seed of SEEDS) {
      const t = tenant('microsoft-2024', seed);
      t.outside('p1', HOUR);
      await t.at(HOUR); // both copies hold p1 now
      t.sp.visit();
      await t.at(2 * HOUR);
      expect(t.shows()).toEqual(new Set(['p1']));
    }
  });

  it('ends with Edit-Cancel the travel of the changes Exchange already holds: the older one never shows after it', async () => {
    for (const seed of SEEDS) {
      const t = tenant('microsoft-2024', seed);
      t.outside('p1', MINUTE);
      await t.at(MINUTE);
      t.outside('p2', MINUTE);
      await t.at(2 * MINUTE); // Exchange holds p2 on both copies; p1 and p2 still travel to SharePoint
      t.sp.editCancel();
      expect(t.shows()).toEqual(new Set(['p2']));
      for (let h = 1; h <= 73; h += 4) {
        await t.at(h * HOUR);
        expect(t.shows()).toEqual(new Set(['p2']));
      }
    }
  });
});

describe('SharePointProfile without EDIT-CANCEL (microsoft-2026)', () => {
  it('takes Edit-Cancel for a visit only: nothing is copied at once, the push follows within spPickup', async () => {
    for (const seed of SEEDS.slice(0, 20)) {
      const t = tenant('microsoft-2026', seed, true);
      t.outside('p1', 4 * HOUR);
      await t.at(5 * HOUR);
      t.sp.editCancel();
      expect(t.shows()).toEqual(new Set(['p0']));
      await t.at(5 * HOUR + 24 * HOUR);
      expect(t.shows()).toEqual(new Set(['p1']));
    }
  });

  it('copies Exchange at once where EDIT-CANCEL holds (microsoft-2024), for comparison', async () => {
    const t = tenant('microsoft-2024', 1);
    t.outside('p1', HOUR);
    await t.at(HOUR);
    t.sp.editCancel();
    expect(t.shows()).toEqual(new Set(['p1']));
  });
});

describe('SharePointProfile as the header of a tenant taken as it is (SPEC section 6)', () => {
  it('keeps a throttle window open from its last update (spUpdated): an upload flips until it ends', async () => {
    const seen = new Set<string>();
    for (const seed of SEEDS.slice(0, 20)) {
      const t = tenant('threewill-2014', seed, true, { spUpdated: -HOUR });
      t.upload('p1');
      for (const p of t.shows()) seen.add(p);
      await t.at(71 * HOUR + 10 * MINUTE);
      expect(t.shows()).toEqual(new Set(['p1']));
    }
    expect(seen).toEqual(new Set(['p0', 'p1']));
    // never updated: the upload sticks at once
    const fresh = tenant('threewill-2014', 1, true);
    fresh.upload('p1');
    expect(fresh.shows()).toEqual(new Set(['p1']));
  });

  it('lets a change made before the start wait for a visit (pending, SP-NEEDS-VISIT), then pushes it within spPickup', async () => {
    for (const seed of SEEDS.slice(0, 20)) {
      const ctx = context('threewill-2014', seed);
      const t = tenant('threewill-2014', seed, true, { exchange: 'p1', pending: { photo: 'p1', version: ctx.versions.mint(-HOUR) } });
      await t.at(10 * 24 * HOUR);
      expect(t.shows()).toEqual(new Set(['p0']));
      t.sp.visit();
      await t.at(10 * 24 * HOUR + 10 * MINUTE);
      expect(t.shows()).toEqual(new Set(['p1']));
    }
  });

  it('brings a change made before the start by start + spSync without a visit (pending, SP-SYNC-WINDOW), sooner with one', async () => {
    const early = new Set<boolean>();
    for (const seed of SEEDS) {
      const ctx = context('exchange-2015', seed);
      const pending = { photo: 'p1', version: ctx.versions.mint(-HOUR) };
      const t = tenant('exchange-2015', seed, false, { exchange: 'p1', pending });
      await t.at(36 * HOUR);
      early.add(t.shows().has('p1'));
      await t.at(72 * HOUR);
      expect(t.shows()).toEqual(new Set(['p1']));
      // it has surely reached Exchange: a visit brings it within spPickup
      const v = tenant('exchange-2015', seed, false, { exchange: 'p1', pending });
      v.sp.visit();
      await v.at(10 * MINUTE);
      expect(v.shows()).toEqual(new Set(['p1']));
    }
    expect(early).toEqual(new Set([true, false]));
  });

  it('says what every thumbnail holds only when nothing is on its way and no upload flips', async () => {
    const t = tenant('threewill-2014', 3, true, { spUpdated: -HOUR });
    expect(t.sp.settledPhoto()).toBe('p0');
    t.upload('p1'); // inside the window: flips
    expect(t.sp.settledPhoto()).toBeUndefined();
    expect(t.sp.nextPushAt()).toBe(71 * HOUR);
    await t.at(71 * HOUR + 10 * MINUTE);
    expect(t.sp.settledPhoto()).toBe('p1');
    expect(t.sp.nextPushAt()).toBe(Infinity);
  });
});

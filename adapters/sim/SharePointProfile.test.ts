import { describe, expect, it } from 'vitest';
import { HOUR, MINUTE } from '../../model/Params.js';
import { ExchangeMailbox } from './ExchangeMailbox.js';
import { SharePointProfile, type ThumbnailSize } from './SharePointProfile.js';
import { context, SEEDS } from './sim.testkit.js';

const SIZES: ThumbnailSize[] = ['S', 'M', 'L'];

function tenant(profile: string, seed: number, mySite = false) {
  const ctx = context(profile, seed);
  const exchange = new ExchangeMailbox(ctx, { photo: 'p0', adSynced: false, setPhotoEnabled: true });
  const sp = new SharePointProfile(ctx, exchange, { photo: 'p0', mySite });
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

  it('lets a change that travels and is newer than what Edit-Cancel copied land after it', async () => {
    const t = tenant('microsoft-2024', 6);
    t.outside('p1', HOUR);
    await t.at(HOUR);
    t.outside('p2', HOUR); // Exchange still holds p1 on at least one copy for a while
    await t.at(HOUR + 1);
    t.sp.editCancel();
    await t.at(3 * HOUR);
    expect(t.shows()).toEqual(new Set(['p2']));
  });
});

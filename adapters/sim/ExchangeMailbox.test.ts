import { describe, expect, it } from 'vitest';
import { AD_PHOTO_LIMIT, ExchangeMailbox } from './ExchangeMailbox.js';
import { context, SEEDS } from './sim.testkit.js';

const init = { photo: 'p0', adSynced: false, setPhotoEnabled: true };

describe('ExchangeMailbox', () => {
  it('shows a change on every copy before its deadline, and the old photo on some copy until then for some seeds', async () => {
    const seenOld = new Set<boolean>();
    for (const seed of SEEDS) {
      const ctx = context('threewill-2014', seed);
      const mailbox = new ExchangeMailbox(ctx, init);
      mailbox.write('p1', ctx.versions.mint(0), 60_000);
      await ctx.clock.advance(59_000);
      for (let i = 0; i < 4; i++) seenOld.add(mailbox.read().photo === 'p0');
      await ctx.clock.advance(1000);
      for (let i = 0; i < 8; i++) expect(mailbox.read().photo).toBe('p1');
    }
    expect(seenOld).toEqual(new Set([true, false]));
  });

  it('takes one AD photo only, and none too large, where the profile says so (AD-ONE-TIME, AD-SIZE)', () => {
    const strict = new ExchangeMailbox(context('exchange-2015'), init);
    expect(strict.takesAdPhoto(AD_PHOTO_LIMIT + 1)).toBe(false);
    expect(strict.takesAdPhoto(AD_PHOTO_LIMIT)).toBe(true);
    expect(strict.takesAdPhoto(1)).toBe(false);
    expect(new ExchangeMailbox(context('exchange-2015'), { ...init, adSynced: true }).takesAdPhoto(1)).toBe(false);
    const lenient = new ExchangeMailbox(context('threewill-2014'), { ...init, adSynced: true });
    expect([lenient.takesAdPhoto(AD_PHOTO_LIMIT + 1), lenient.takesAdPhoto(undefined)]).toEqual([true, true]);
  });
});

describe('ExchangeMailbox under AD-PERIODIC (microsoft-2026: dirSyncInterval 30 min, exoLag 4 h)', () => {
  const MIN = 60_000;
  const H = 60 * MIN;
  /** every photo the mailbox shows over a few reads */
  const reads = (m: ExchangeMailbox) => new Set(Array.from({ length: 8 }, () => m.read().photo));

  it('takes every AD photo, however many came before', () => {
    const m = new ExchangeMailbox(context('microsoft-2026'), { ...init, adSynced: true });
    expect([m.takesAdPhoto(1), m.takesAdPhoto(1), m.takesAdPhoto(AD_PHOTO_LIMIT + 1)]).toEqual([true, true, false]);
  });

  it('keeps one of an AD photo and a cloud photo made less than dirSyncInterval apart, the same on both copies', async () => {
    const kept = new Set<string>();
    for (const seed of SEEDS) {
      const ctx = context('microsoft-2026', seed);
      const m = new ExchangeMailbox(ctx, init);
      const ad = ctx.versions.mint(0); // written on premises at 0
      await ctx.clock.advance(10 * MIN);
      m.writeFromCloud('pC', ctx.versions.mint(10 * MIN), 10 * MIN + 4 * H, false);
      await ctx.clock.advance(10 * MIN); // DirSync runs at 20 min
      m.carryFromAd('pA', ad, 20 * MIN + 4 * H);
      for (const p of reads(m)) expect(['p0', 'pA', 'pC']).toContain(p);
      await ctx.clock.advance(4 * H);
      const final = reads(m);
      expect(final.size).toBe(1);
      kept.add([...final][0]!);
      await ctx.clock.advance(10 * 24 * H);
      expect(reads(m)).toEqual(final);
    }
    expect(kept).toEqual(new Set(['pA', 'pC']));
  });

  it('races a cloud photo set after DirSync brought the AD photo, within dirSyncInterval of the AD write', async () => {
    const kept = new Set<string>();
    for (const seed of SEEDS) {
      const ctx = context('microsoft-2026', seed);
      const m = new ExchangeMailbox(ctx, init);
      const ad = ctx.versions.mint(0);
      await ctx.clock.advance(5 * MIN);
      m.carryFromAd('pA', ad, 5 * MIN + 4 * H);
      await ctx.clock.advance(20 * MIN);
      m.writeFromCloud('pC', ctx.versions.mint(25 * MIN), 25 * MIN + 4 * H, false);
      await ctx.clock.advance(4 * H);
      const final = reads(m);
      expect(final.size).toBe(1);
      kept.add([...final][0]!);
    }
    expect(kept).toEqual(new Set(['pA', 'pC']));
  });

  it('does not race a cloud photo made dirSyncInterval or more from the AD write: the later one stays', async () => {
    for (const seed of SEEDS) {
      const ctx = context('microsoft-2026', seed);
      const m = new ExchangeMailbox(ctx, init);
      m.writeFromCloud('pC', ctx.versions.mint(0), 4 * H, false);
      await ctx.clock.advance(30 * MIN);
      const ad = ctx.versions.mint(30 * MIN);
      await ctx.clock.advance(10 * MIN);
      m.carryFromAd('pA', ad, 40 * MIN + 4 * H);
      await ctx.clock.advance(4 * H);
      expect(reads(m)).toEqual(new Set(['pA']));
      await ctx.clock.advance(30 * MIN); // hours after the AD write
      m.writeFromCloud('pD', ctx.versions.mint(ctx.clock.now()), ctx.clock.now() + 4 * H, false);
      await ctx.clock.advance(4 * H);
      expect(reads(m)).toEqual(new Set(['pD']));
    }
  });

  it('leaves the race to DirSync while a newer AD write waits for it', async () => {
    for (const seed of SEEDS) {
      const ctx = context('microsoft-2026', seed);
      const m = new ExchangeMailbox(ctx, init);
      m.carryFromAd('pA', ctx.versions.mint(0), 4 * H);
      await ctx.clock.advance(10 * MIN);
      m.writeFromCloud('pC', ctx.versions.mint(10 * MIN), 10 * MIN + 4 * H, true);
      await ctx.clock.advance(4 * H);
      expect(reads(m)).toEqual(new Set(['pC']));
    }
  });

  it('has no race where AD photos sync once (microsoft-2024): the later change stays', async () => {
    for (const seed of SEEDS) {
      const ctx = context('microsoft-2024', seed);
      const m = new ExchangeMailbox(ctx, init);
      const ad = ctx.versions.mint(0);
      await ctx.clock.advance(10 * MIN);
      m.writeFromCloud('pC', ctx.versions.mint(10 * MIN), 10 * MIN + H, false);
      await ctx.clock.advance(10 * MIN);
      m.carryFromAd('pA', ad, 20 * MIN + H);
      await ctx.clock.advance(H);
      expect(reads(m)).toEqual(new Set(['pC']));
    }
  });

  it('says whether both copies hold a change, and what they hold once nothing else is on its way', async () => {
    const ctx = context('microsoft-2026', 4);
    const m = new ExchangeMailbox(ctx, init);
    const v = ctx.versions.mint(0);
    expect(m.settledPhoto()).toBe('p0');
    m.write('p1', v, 4 * H);
    expect(m.holds(v)).toBe(false);
    expect(m.settledPhoto()).toBeUndefined();
    await ctx.clock.advance(4 * H);
    expect([m.holds(v), m.settledPhoto()]).toEqual([true, 'p1']);
  });

  it('keeps AD-ONE-TIME in effect for a mutant that deviates so', () => {
    const ctx = { ...context('microsoft-2026'), deviations: { adOneTime: true } };
    const m = new ExchangeMailbox(ctx, init);
    expect([m.takesAdPhoto(1), m.takesAdPhoto(1)]).toEqual([true, false]);
  });
});

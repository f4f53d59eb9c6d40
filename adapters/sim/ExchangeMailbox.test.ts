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

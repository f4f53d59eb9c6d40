import { describe, expect, it } from 'vitest';
import { HOUR } from '../../model/Params.js';
import { DEFAULT_PHOTO_SETTINGS, type PhotoSettings } from '../../model/vocabulary.js';
import { PhotoUpdateSettings } from './PhotoUpdateSettings.js';
import { Random } from './Random.js';
import { context, SEEDS } from './sim.testkit.js';

const ON_PREMISES: PhotoSettings = { source: 'onPremises', allowedRoles: [] };
const LAG = 24 * HOUR; // microsoft-2026's settingsLag

describe('PhotoUpdateSettings', () => {
  it('judges each request made within settingsLag of a change by the old or the new settings, and by the new ones after', async () => {
    const judged = new Set<string>();
    const mixed = new Set<boolean>();
    for (const seed of SEEDS) {
      const ctx = context('microsoft-2026', seed);
      const s = new PhotoUpdateSettings(ctx, DEFAULT_PHOTO_SETTINGS);
      s.change(ON_PREMISES);
      expect(s.current()).toEqual(ON_PREMISES);
      await ctx.clock.advance(LAG / 2);
      const now = new Set(Array.from({ length: 12 }, () => s.judge().source));
      for (const source of now) judged.add(source);
      mixed.add(now.size > 1);
      await ctx.clock.advance(LAG / 2);
      for (let i = 0; i < 12; i++) expect(s.judge()).toEqual(ON_PREMISES);
    }
    expect(judged).toEqual(new Set(['unset', 'onPremises']));
    // each request on its own: one instant may see both
    expect(mixed.has(true)).toBe(true);
  });

  it('never goes back to older settings when two changes overlap', async () => {
    for (const seed of SEEDS) {
      const ctx = context('microsoft-2026', seed);
      const s = new PhotoUpdateSettings(ctx, DEFAULT_PHOTO_SETTINGS);
      s.change({ source: 'cloud', allowedRoles: [] });
      await ctx.clock.advance(HOUR);
      s.change(ON_PREMISES);
      await ctx.clock.advance(LAG);
      for (let i = 0; i < 12; i++) expect(s.judge()).toEqual(ON_PREMISES);
      expect(s.lastChangedAt()).toBe(HOUR);
    }
  });

  it('draws no dice while every front end agrees', () => {
    const ctx = context('microsoft-2026', 7);
    const s = new PhotoUpdateSettings(ctx, ON_PREMISES);
    for (let i = 0; i < 5; i++) s.judge();
    const fresh = new Random(7);
    expect(ctx.random.next()).toBe(fresh.next());
  });

  it('takes effect exactly settingsLagMs late for a mutant that deviates so', async () => {
    const ctx = { ...context('microsoft-2026', 3), deviations: { settingsLagMs: 3 * LAG } };
    const s = new PhotoUpdateSettings(ctx, DEFAULT_PHOTO_SETTINGS);
    s.change(ON_PREMISES);
    await ctx.clock.advance(3 * LAG - 1);
    expect(s.judge().source).toBe('unset');
    await ctx.clock.advance(1);
    expect(s.judge().source).toBe('onPremises');
  });

  it('takes effect at once in a profile without settingsLag', async () => {
    const ctx = context('microsoft-2024', 3);
    const s = new PhotoUpdateSettings(ctx, DEFAULT_PHOTO_SETTINGS);
    s.change(ON_PREMISES);
    ctx.clock.runDue();
    expect(s.judge().source).toBe('onPremises');
  });
});

import { describe, expect, it } from 'vitest';
import { HOUR } from '../../model/Params.js';
import { context, SEEDS } from './sim.testkit.js';
import { YammerProfile } from './YammerProfile.js';

describe('YammerProfile', () => {
  it('takes its own upload at once', () => {
    const ctx = context('threewill-2014');
    const y = new YammerProfile(ctx, 'p0');
    y.upload('p1', ctx.versions.mint(0));
    expect(y.read()).toBe('p1');
  });

  it('lands a copy before its deadline, sometimes late, and keeps the newest copy', async () => {
    const lateOnes = new Set<boolean>();
    for (const seed of SEEDS.slice(0, 20)) {
      const ctx = context('microsoft-2024', seed);
      const y = new YammerProfile(ctx, 'p0');
      const older = ctx.versions.mint(0);
      const newer = ctx.versions.mint(0);
      y.copy({ photo: 'p2', version: newer }, 6 * HOUR);
      y.copy({ photo: 'p1', version: older }, 6 * HOUR);
      await ctx.clock.advance(3 * HOUR);
      lateOnes.add(y.read() === 'p0');
      await ctx.clock.advance(3 * HOUR);
      expect(y.read()).toBe('p2');
    }
    expect(lateOnes).toEqual(new Set([true, false]));
  });
});

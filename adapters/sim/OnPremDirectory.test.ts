import { describe, expect, it } from 'vitest';
import { HOUR } from '../../model/Params.js';
import { OnPremDirectory, type AdDelta, type Coalesce } from './OnPremDirectory.js';
import { context, SEEDS } from './sim.testkit.js';

function directory(seed: number, coalesce: Coalesce | boolean = false) {
  const ctx = context('threewill-2014', seed);
  const carried: Array<{ at: number; delta: AdDelta }> = [];
  const dir = new OnPremDirectory(ctx, 3 * HOUR, coalesce, (delta) => carried.push({ at: ctx.clock.now(), delta }));
  const write = (photo: string) => dir.write('alice', photo, ctx.versions.mint(ctx.clock.now()), true);
  return { ctx, dir, carried, write };
}

describe('OnPremDirectory', () => {
  it('carries a write with the first run after it, so within one interval, at runs a whole interval apart', async () => {
    for (const seed of SEEDS.slice(0, 20)) {
      const d = directory(seed);
      d.write('p1');
      await d.ctx.clock.advance(3 * HOUR);
      expect(d.carried.map((c) => c.delta.photo)).toEqual(['p1']);
      const first = d.carried[0]!.at;
      expect(first > 0 && first <= 3 * HOUR).toBe(true);
      await d.ctx.clock.advance(HOUR);
      d.write('p2');
      await d.ctx.clock.advance(3 * HOUR);
      expect(d.carried.map((c) => c.delta.photo)).toEqual(['p1', 'p2']);
      expect((d.carried[1]!.at - first) % (3 * HOUR)).toBe(0);
    }
  });

  it('keeps the photo on premises and carries nothing when the write is not synced', async () => {
    const d = directory(1);
    d.dir.write('alice', 'p1', d.ctx.versions.mint(0), false);
    await d.ctx.clock.advance(10 * HOUR);
    expect(d.carried).toEqual([]);
    expect(d.dir.photoOf('alice')).toBe('p1');
  });

  it('carries every write in order, or with `coalesce` sometimes only the last of a run', async () => {
    const counts = new Set<number>();
    for (const seed of SEEDS.slice(0, 30)) {
      const d = directory(seed, true);
      d.write('p1');
      d.write('p2');
      await d.ctx.clock.advance(3 * HOUR);
      expect(d.carried.at(-1)!.delta.photo).toBe('p2');
      counts.add(d.carried.length);
    }
    expect(counts).toEqual(new Set([1, 2]));
  });

  it('carries only the current value of the attribute at each run where it syncs periodically (`always`)', async () => {
    for (const seed of SEEDS.slice(0, 30)) {
      const d = directory(seed, 'always');
      d.write('p1');
      d.write('p2');
      expect(d.dir.isWaiting('alice')).toBe(true);
      await d.ctx.clock.advance(3 * HOUR);
      expect(d.carried.map((c) => c.delta.photo)).toEqual(['p2']);
      expect(d.dir.isWaiting('alice')).toBe(false);
    }
  });

  it('remembers when the last write was made, carried or not', async () => {
    const d = directory(2);
    expect(d.dir.lastWriteAt()).toBe(-Infinity);
    await d.ctx.clock.advance(HOUR);
    d.dir.write('alice', 'p1', d.ctx.versions.mint(HOUR), false);
    expect([d.dir.lastWriteAt(), d.dir.isWaiting('alice')]).toEqual([HOUR, false]);
  });
});

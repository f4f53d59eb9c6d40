import { describe, expect, it } from 'vitest';
import { VirtualClock } from './VirtualClock.js';

describe('VirtualClock', () => {
  it('fires every timer due on the way, in order of time and then of scheduling, at its own time', async () => {
    const clock = new VirtualClock(1000);
    const fired: Array<[string, number]> = [];
    const note = (name: string) => () => fired.push([name, clock.now()]);
    clock.schedule(1300, note('c'));
    clock.schedule(1100, note('a'));
    clock.schedule(1300, note('d'));
    clock.schedule(1200, note('b'));
    clock.schedule(5000, note('later'));
    await clock.advance(500);
    expect(fired).toEqual([
      ['a', 1100],
      ['b', 1200],
      ['c', 1300],
      ['d', 1300],
    ]);
    expect(clock.now()).toBe(1500);
    expect(clock.pending).toBe(1);
  });

  it('fires a timer due exactly at the end of an advance', async () => {
    const clock = new VirtualClock(0);
    let fired = false;
    clock.schedule(10, () => (fired = true));
    await clock.advance(10);
    expect(fired).toBe(true);
  });

  it('fires timers that a timer schedules on the way', async () => {
    const clock = new VirtualClock(0);
    const times: number[] = [];
    const every = () => {
      times.push(clock.now());
      if (clock.now() < 30) clock.schedule(clock.now() + 10, every);
    };
    clock.schedule(10, every);
    await clock.advance(100);
    expect(times).toEqual([10, 20, 30]);
  });

  it('keeps a timer for now, or the past, for the next runDue', () => {
    const clock = new VirtualClock(50);
    const fired: number[] = [];
    clock.schedule(50, () => fired.push(clock.now()));
    clock.schedule(10, () => fired.push(clock.now()));
    expect(fired).toEqual([]);
    clock.runDue();
    expect(fired).toEqual([50, 50]);
  });

  it('does not fire a cancelled timer', async () => {
    const clock = new VirtualClock(0);
    let fired = false;
    const t = clock.schedule(10, () => (fired = true));
    t.cancel();
    await clock.advance(20);
    expect(fired).toBe(false);
  });

  it('refuses to go back', async () => {
    await expect(new VirtualClock(0).advance(-1)).rejects.toThrow(RangeError);
  });
});

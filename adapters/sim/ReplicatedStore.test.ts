import { describe, expect, it } from 'vitest';
import { ReplicatedStore } from './ReplicatedStore.js';
import { VersionClock } from './Version.js';
import { VirtualClock } from './VirtualClock.js';

function setup() {
  const clock = new VirtualClock(0);
  const versions = new VersionClock();
  const store = new ReplicatedStore(clock, ['a', 'b'], 'p0');
  return { clock, versions, store };
}

describe('ReplicatedStore', () => {
  it('lands a change on each copy at its own instant', async () => {
    const { clock, versions, store } = setup();
    store.send('p1', versions.mint(0), (r) => (r === 'a' ? 10 : 30));
    await clock.advance(10);
    expect([store.read('a').photo, store.read('b').photo]).toEqual(['p1', 'p0']);
    await clock.advance(20);
    expect([store.read('a').photo, store.read('b').photo]).toEqual(['p1', 'p1']);
  });

  it('keeps the newest version, whatever order changes arrive in', async () => {
    const { clock, versions, store } = setup();
    const older = versions.mint(0);
    const newer = versions.mint(0);
    store.send('p2', newer, () => 5);
    store.send('p1', older, () => 20);
    await clock.advance(30);
    expect(store.read('a')).toEqual({ photo: 'p2', version: newer });
  });

  it('writes at once only over older versions', async () => {
    const { clock, versions, store } = setup();
    const v1 = versions.mint(0);
    const v2 = versions.mint(1);
    store.put('p2', v2);
    store.put('p1', v1);
    expect(store.read('b').photo).toBe('p2');
    store.send('p3', versions.mint(2), () => 100);
    store.put('p4', v2);
    await clock.advance(100);
    expect(store.read('a').photo).toBe('p3');
  });

  it('hastens only the changes it picks, and never delays one', async () => {
    const { clock, versions, store } = setup();
    store.send('p1', versions.mint(0), () => 1000);
    await clock.advance(5);
    store.send('p2', versions.mint(5), () => 2000);
    store.hasten(
      (v) => v.at < 5,
      () => 50,
    );
    await clock.advance(45);
    expect(store.read('a').photo).toBe('p1');
    store.hasten(
      (v) => v.at < 100,
      () => 3000,
    );
    await clock.advance(1950);
    expect(store.read('a').photo).toBe('p2');
  });

  it('says whether every copy holds a change or a newer one', async () => {
    const { clock, versions, store } = setup();
    const v1 = versions.mint(0);
    const v2 = versions.mint(1);
    store.send('p1', v1, (r) => (r === 'a' ? 10 : 20));
    await clock.advance(10);
    expect(store.holds(v1)).toBe(false);
    store.put('p2', v2);
    expect([store.holds(v1), store.holds(v2)]).toEqual([true, true]);
  });

  it('is settled only while the copies agree and nothing of another photo is on its way to one', async () => {
    const { clock, versions, store } = setup();
    expect(store.settled()).toBe('p0');
    store.send('p1', versions.mint(0), (r) => (r === 'a' ? 10 : 20));
    expect(store.settled()).toBeUndefined();
    await clock.advance(10);
    expect(store.settled()).toBeUndefined(); // a holds p1, b p0
    await clock.advance(10);
    expect(store.settled()).toBe('p1');
    // an older change still on its way changes nothing, nor a newer one of the same photo
    const older = { at: -1, seq: 99 };
    store.send('p3', older, () => 100);
    store.send('p1', versions.mint(20), () => 100);
    expect(store.settled()).toBe('p1');
  });
});

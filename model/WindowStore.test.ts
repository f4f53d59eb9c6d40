import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Photo } from './vocabulary.js';
import { WindowStore } from './WindowStore.js';

// Unit tests and properties of WindowStore (SPEC section 4, "Time windows"): a write lands at
// some instant of [at, deadline); the store shows the newest change that has landed; a value
// whose window ends exactly at t is no longer allowed at t; observations only narrow.

const POOL = ['p0', 'p1', 'p2', 'p3'] as const;

/** The photos a store allows over [from, now], as a sorted list. */
function allowed(s: WindowStore, from: number, now: number): Photo[] {
  return POOL.filter((p) => s.allows(p, from, now));
}

function sorted(values: Iterable<Photo>): Photo[] {
  return [...new Set(values)].sort();
}

// ---------------------------------------------------------------------------------------------
// The naive reference: the same semantics, but it keeps the full list of changes for ever and
// computes every derived quantity from scratch on each read (no incremental supersededAt, no
// compaction). A change c_k may show at instant t iff c_k.at <= t < supersededAt(k), where
// supersededAt(k) = min(bound_k, deadline of every newer change).

type RefChange = { at: number; values: Photo[]; deadline: number; bound: number };

class NaiveStore {
  readonly changes: RefChange[];

  constructor(initial: Photo) {
    this.changes = [{ at: -Infinity, values: [initial], deadline: -Infinity, bound: Infinity }];
  }

  supersededAt(k: number): number {
    let s = this.changes[k]!.bound;
    for (let j = k + 1; j < this.changes.length; j++) s = Math.min(s, this.changes[j]!.deadline);
    return s;
  }

  visible(k: number, from: number, now: number): boolean {
    const c = this.changes[k]!;
    const s = this.supersededAt(k);
    return c.at <= now && s > from && s > c.at;
  }

  write(at: number, values: readonly Photo[], deadline: number): void {
    this.changes.push({ at, values: [...values], deadline, bound: Infinity });
  }

  values(from: number, now: number): Photo[] {
    const out = new Set<Photo>();
    this.changes.forEach((c, k) => {
      if (this.visible(k, from, now)) for (const v of c.values) out.add(v);
    });
    return sorted(out);
  }

  allows(photo: Photo, from: number, now: number): boolean {
    return this.values(from, now).includes(photo);
  }

  /** The oldest change that may have shown `photo` during [from, now]: it landed by `now`. */
  carrierOf(photo: Photo, from: number, now: number): number {
    return this.changes.findIndex((c, k) => this.visible(k, from, now) && c.values.includes(photo));
  }

  refine(photo: Photo, from: number, now: number): void {
    const i = this.carrierOf(photo, from, now);
    for (let j = 0; j < i; j++) {
      const c = this.changes[j]!;
      c.bound = Math.min(c.bound, now);
    }
  }

  hasten(before: number, deadline: number): void {
    for (const c of this.changes) if (c.at < before && c.deadline > deadline) c.deadline = deadline;
  }
}

// ---------------------------------------------------------------------------------------------
// Random histories: time only moves forward; writes are made "now" (as the checker makes them),
// refinements use a photo the store allows (as the checker does), hastenings cover the past.

const gapArb = fc.oneof(
  { weight: 3, arbitrary: fc.constant(0) },
  { weight: 4, arbitrary: fc.constantFrom(1, 10, 29, 30, 31, 59, 60, 61) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 200 }) },
);
const lagArb = fc.oneof(
  { weight: 2, arbitrary: fc.constant(0) },
  { weight: 4, arbitrary: fc.constantFrom(1, 30, 60, 61, 100) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 300 }) },
);
const valuesArb = fc.uniqueArray(fc.constantFrom(...POOL), { minLength: 1, maxLength: 2 });

type Op =
  | { kind: 'write'; gap: number; values: Photo[]; lag: number }
  | { kind: 'refine'; gap: number; back: number; pick: number }
  | { kind: 'hasten'; gap: number; back: number; lag: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('write' as const), gap: gapArb, values: valuesArb, lag: lagArb }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('refine' as const),
      gap: gapArb,
      back: fc.oneof(fc.constant(0), fc.constantFrom(1, 30, 60, 100), fc.constant(Infinity)),
      pick: fc.nat(),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('hasten' as const), gap: gapArb, back: fc.constantFrom(0, 1, 50), lag: lagArb }),
  },
);

const historyArb = fc.record({ initial: fc.constantFrom(...POOL), ops: fc.array(opArb, { maxLength: 14 }) });

/** Applies one op to both stores; returns the new time and what was done (for messages). */
function applyOp(op: Op, now: number, store: WindowStore, ref: NaiveStore): { now: number; done: string } {
  const t = now + op.gap;
  switch (op.kind) {
    case 'write':
      store.write(t, op.values, t + op.lag, []);
      ref.write(t, op.values, t + op.lag);
      return { now: t, done: `write(${t}, [${op.values}], ${t + op.lag})` };
    case 'refine': {
      const from = t - op.back;
      const options = ref.values(from, t);
      if (options.length === 0) return { now: t, done: 'no refine' };
      const photo = options[op.pick % options.length]!;
      store.refine(photo, from, t);
      ref.refine(photo, from, t);
      return { now: t, done: `refine(${photo}, ${from}, ${t})` };
    }
    case 'hasten':
      store.hasten(t - op.back, t + op.lag, 'SP-SYNC-WINDOW');
      ref.hasten(t - op.back, t + op.lag);
      return { now: t, done: `hasten(${t - op.back}, ${t + op.lag})` };
  }
}

/** Read windows worth comparing at time `now`: fresh reads and caches reaching back. */
function queries(now: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const later of [0, 1, 30, 60, 61, 100, 1000]) {
    const at = now + later;
    for (const back of [0, 1, 29, 30, 31, 59, 60, 61, 100, 250, 1000, Infinity]) out.push([at - back, at]);
  }
  return out;
}

/** Everything a read can tell, over the query grid at `now`. */
function snapshot(s: WindowStore, now: number): Map<string, Photo[]> {
  const m = new Map<string, Photo[]>();
  for (const [from, at] of queries(now)) m.set(`${from}..${at}`, allowed(s, from, at));
  return m;
}

// ---------------------------------------------------------------------------------------------

describe('WindowStore: a write lands within its window', () => {
  it('is not guaranteed before its deadline, and is guaranteed at and after it', () => {
    const s = new WindowStore('p0');
    s.write(1000, ['p1'], 61_000, []);
    expect(allowed(s, 999, 999)).toEqual(['p0']); // not yet made
    expect(allowed(s, 1000, 1000)).toEqual(['p0', 'p1']);
    expect(allowed(s, 60_999, 60_999)).toEqual(['p0', 'p1']);
    expect(allowed(s, 61_000, 61_000)).toEqual(['p1']); // the window ends exactly at t: old value gone
    expect(allowed(s, 500_000, 500_000)).toEqual(['p1']);
    expect(s.valuesAt(60_999).sort()).toEqual(['p0', 'p1']);
    expect(s.valuesAt(61_000)).toEqual(['p1']);
  });

  it('lands at once when the deadline is the write time', () => {
    const s = new WindowStore('p0');
    s.write(1000, ['p1'], 1000, []);
    expect(allowed(s, 1000, 1000)).toEqual(['p1']);
    expect(allowed(s, 999, 999)).toEqual(['p0']);
    expect(allowed(s, 999, 1000)).toEqual(['p0', 'p1']);
  });

  it('keeps an older value for a cache read reaching back, once a newer one surely landed', () => {
    const s = new WindowStore('p0');
    s.write(0, ['p1'], 60, []);
    expect(allowed(s, 100, 100)).toEqual(['p1']);
    expect(allowed(s, 60, 100)).toEqual(['p1']); // p0 gone exactly at 60
    expect(allowed(s, 59, 100)).toEqual(['p0', 'p1']);
    expect(allowed(s, -Infinity, 100)).toEqual(['p0', 'p1']);
  });

  it('carries several values when it copied a store in flight', () => {
    const s = new WindowStore('p0');
    s.write(0, ['p1', 'p2'], 60, []);
    expect(allowed(s, 10, 10)).toEqual(['p0', 'p1', 'p2']);
    expect(allowed(s, 60, 60)).toEqual(['p1', 'p2']);
    const c = s.candidates(10, 10);
    expect(sorted(c.keys())).toEqual(['p0', 'p1', 'p2']);
  });

  it('property: one write over an old value, read fresh at any time', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1000, max: 1000 }), lagArb, fc.integer({ min: -200, max: 600 }), (at, lag, dt) => {
        const s = new WindowStore('p0');
        s.write(at, ['p1'], at + lag, []);
        const t = at + dt;
        const expected = t < at ? ['p0'] : t < at + lag ? ['p0', 'p1'] : ['p1'];
        expect(allowed(s, t, t)).toEqual(expected);
        expect(sorted(s.valuesAt(t))).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('property: once a newer change surely landed, an older value is gone for a fresh read but not for a cache read reaching back', () => {
    fc.assert(
      fc.property(historyArb, fc.constantFrom(...POOL), lagArb, fc.integer({ min: 0, max: 400 }), ({ initial, ops }, photo, lag, dt) => {
        const s = new WindowStore(initial);
        const ref = new NaiveStore(initial);
        let now = 0;
        for (const op of ops) now = applyOp(op, now, s, ref).now;
        const before = snapshot(s, now);
        const at = now + 1;
        s.write(at, [photo], at + lag, []);
        const t = at + lag + dt;
        // surely landed at t: only the new photo on a fresh read
        expect(allowed(s, t, t)).toEqual([photo]);
        // a cache reaching back to before the write still allows what was allowed then
        for (const p of before.get(`${now}..${now}`)!) expect(s.allows(p, now, t)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('WindowStore: refine', () => {
  it('after a value is seen at now, older values are gone from now on, but not for a cache reaching back', () => {
    const s = new WindowStore('p0');
    s.write(0, ['p1'], 60, []);
    expect(allowed(s, 10, 10)).toEqual(['p0', 'p1']);
    s.refine('p1', 10, 10);
    expect(allowed(s, 10, 10)).toEqual(['p1']);
    expect(allowed(s, 30, 30)).toEqual(['p1']);
    expect(allowed(s, 5, 30)).toEqual(['p0', 'p1']);
  });

  it('learns nothing from seeing the oldest value', () => {
    const s = new WindowStore('p0');
    s.write(0, ['p1'], 60, []);
    s.refine('p0', 10, 10);
    expect(allowed(s, 20, 20)).toEqual(['p0', 'p1']);
  });

  it('property: never makes a previously impossible value possible, keeps the value seen, and drops older values from now on', () => {
    fc.assert(
      fc.property(
        historyArb,
        gapArb,
        fc.constantFrom(0, 1, 30, 60, 100, Infinity),
        fc.nat(),
        ({ initial, ops }, gap, back, pick) => {
          const s = new WindowStore(initial);
          const ref = new NaiveStore(initial);
          let now = 0;
          for (const op of ops) now = applyOp(op, now, s, ref).now;
          const t = now + gap;
          const from = t - back;
          const options = allowed(s, from, t);
          expect(options.length).toBeGreaterThan(0);
          const photo = options[pick % options.length]!;
          const before = snapshot(s, t);
          const carrier = ref.carrierOf(photo, from, t);
          s.refine(photo, from, t);
          // monotone narrowing, over every read from t on
          for (const [k, after] of snapshot(s, t)) {
            const was = before.get(k)!;
            for (const p of after) expect(was, `${p} became possible for ${k}`).toContain(p);
          }
          // the value seen stays allowed for the read that saw it
          expect(s.allows(photo, from, t)).toBe(true);
          if (from === t) expect(s.allows(photo, t, t)).toBe(true);
          // values carried only by changes older than the oldest carrier of the seen photo are gone from t on
          const newer = new Set(ref.changes.slice(carrier).flatMap((c) => c.values));
          const olderOnly = ref.changes.slice(0, carrier).flatMap((c) => c.values).filter((v) => !newer.has(v));
          for (const later of [0, 1, 60, 1000]) {
            for (const v of olderOnly) expect(s.allows(v, t + later, t + later), `${v} at ${t + later}`).toBe(false);
          }
        },
      ),
      { numRuns: 400 },
    );
  });
});

describe('WindowStore: hasten', () => {
  it('brings an open window forward', () => {
    const s = new WindowStore('p0');
    s.write(0, ['p1'], 72 * 3600_000, []);
    s.hasten(1000, 1000 + 600_000, 'SP-SYNC-WINDOW');
    expect(allowed(s, 600_999, 600_999)).toEqual(['p0', 'p1']);
    expect(allowed(s, 601_000, 601_000)).toEqual(['p1']);
    expect(allowed(s, 0, 601_000)).toEqual(['p0', 'p1']);
  });

  it('leaves changes made at or after `before` alone', () => {
    const s = new WindowStore('p0');
    s.write(1000, ['p1'], 100_000, []);
    s.hasten(1000, 2000, 'SP-SYNC-WINDOW');
    expect(allowed(s, 50_000, 50_000)).toEqual(['p0', 'p1']);
  });

  it('property: only ever narrows, and surely lands every change made before `before` by the deadline', () => {
    fc.assert(
      fc.property(historyArb, gapArb, fc.constantFrom(0, 1, 50), lagArb, ({ initial, ops }, gap, back, lag) => {
        const s = new WindowStore(initial);
        const ref = new NaiveStore(initial);
        let now = 0;
        for (const op of ops) now = applyOp(op, now, s, ref).now;
        const t = now + gap;
        const before = snapshot(s, t);
        s.hasten(t - back, t + lag, 'SP-SYNC-WINDOW');
        ref.hasten(t - back, t + lag);
        for (const [k, after] of snapshot(s, t)) {
          const was = before.get(k)!;
          for (const p of after) expect(was, `${p} became possible for ${k}`).toContain(p);
        }
        // the newest change made before `before` has landed by the deadline: older-only values are gone then
        let last = -1;
        ref.changes.forEach((c, k) => {
          if (c.at < t - back) last = k;
        });
        if (last > 0) {
          const newer = new Set(ref.changes.slice(last).flatMap((c) => c.values));
          const olderOnly = ref.changes.slice(0, last).flatMap((c) => c.values).filter((v) => !newer.has(v));
          for (const v of olderOnly) expect(s.allows(v, t + lag, t + lag)).toBe(false);
        }
      }),
      { numRuns: 400 },
    );
  });
});

describe('WindowStore: compaction keeps results', () => {
  it('property: a store answers every read as a naive store that keeps every change', () => {
    fc.assert(
      fc.property(historyArb, ({ initial, ops }) => {
        const s = new WindowStore(initial);
        const ref = new NaiveStore(initial);
        let now = 0;
        const log: string[] = [];
        for (const op of ops) {
          const r = applyOp(op, now, s, ref);
          now = r.now;
          log.push(r.done);
          for (const [from, at] of queries(now)) {
            const where = `after ${log.join('; ')}: read [${from}, ${at}]`;
            expect(allowed(s, from, at), where).toEqual(ref.values(from, at));
            expect(sorted(s.candidates(from, at).keys()), where).toEqual(ref.values(from, at));
          }
          for (const later of [0, 1, 60, 1000]) {
            expect(sorted(s.valuesAt(now + later)), `after ${log.join('; ')}: valuesAt(${now + later})`).toEqual(
              ref.values(now + later, now + later),
            );
          }
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('property: a clone is independent of its original', () => {
    fc.assert(
      fc.property(historyArb, historyArb, ({ initial, ops }, more) => {
        const s = new WindowStore(initial);
        const ref = new NaiveStore(initial);
        let now = 0;
        for (const op of ops) now = applyOp(op, now, s, ref).now;
        const copy = s.clone();
        const key = s.key();
        const snap = snapshot(s, now);
        const ref2 = new NaiveStore(initial);
        let t = now;
        for (const op of more.ops) t = applyOp(op, t, copy, ref2).now;
        expect(s.key()).toBe(key);
        expect(snapshot(s, now)).toEqual(snap);
      }),
      { numRuns: 100 },
    );
  });
});

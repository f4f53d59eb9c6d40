import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LineClaim, shardOf } from './LineClaim.js';
import { randomTraceLines } from './randomTrace.testkit.js';

/** The subject and time of a line once parsed, as readTrace takes them. */
function parsed(line: string): { user: string | undefined; at: unknown } {
  const raw = JSON.parse(line) as Record<string, unknown>;
  return { user: typeof raw.user === 'string' ? raw.user : undefined, at: raw.at };
}

describe('shardOf', () => {
  it('property: puts every id in one of the shards, the same one every time', () => {
    fc.assert(
      fc.property(fc.string(), fc.integer({ min: 1, max: 64 }), (id, count) => {
        const s = shardOf(id, count);
        expect(Number.isInteger(s) && s >= 0 && s < count).toBe(true);
        expect(shardOf(id, count)).toBe(s);
      }),
    );
  });

  it('shares a hundred users between two shards about evenly', () => {
    const ids = Array.from({ length: 100 }, (_, i) => `u${String(i).padStart(3, '0')}`);
    const first = ids.filter((id) => shardOf(id, 2) === 0).length;
    expect(first).toBeGreaterThan(35);
    expect(first).toBeLessThan(65);
  });
});

describe('LineClaim', () => {
  it('claims every event line of a subject the tools write, rightly, and no line without a subject', () => {
    let claimed = 0;
    for (let seed = 1; seed <= 20; seed++) {
      for (const line of randomTraceLines(seed, 200).slice(1)) {
        const count = 1 + (seed % 4);
        const claim = new LineClaim(count);
        const { user, at } = parsed(line);
        const read = claim.read(line);
        if (user === undefined) {
          expect(read).toBe(false);
          continue;
        }
        expect(read).toBe(true);
        claimed++;
        expect(claim.shard).toBe(shardOf(user, count));
        expect(line.slice(claim.atFrom, claim.atTo)).toBe(at);
        expect(claim.confirms(line, user, at)).toBe(true);
      }
    }
    expect(claimed).toBeGreaterThan(2000);
  });

  it('property: a claim it confirms is the line as parsed, whatever the JSON', () => {
    const value = fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.dictionary(fc.constantFrom('user', 'at', 'x'), fc.string()));
    const line = fc.dictionary(fc.constantFrom('at', 'user', 'see', 'note', 'x'), value).map((o) => JSON.stringify(o));
    fc.assert(
      fc.property(line, fc.integer({ min: 1, max: 5 }), (text, count) => {
        const claim = new LineClaim(count);
        if (!claim.read(text)) return;
        const { user, at } = parsed(text);
        if (claim.confirms(text, user, at)) {
          expect(shardOf(user!, count)).toBe(claim.shard);
          expect(text.slice(claim.atFrom, claim.atTo)).toBe(at);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('does not confirm a claim that a nested key or an escape made wrong', () => {
    const claim = new LineClaim(7);
    const nested =
      '{"at":"2014-04-01T09:00:00Z","note":{"user":"mallory","at":"x"},"see":"graph","user":"alice","viewer":"bob","photo":"p1"}';
    expect(claim.read(nested)).toBe(true);
    const { user, at } = parsed(nested);
    // the nested user comes first: the claim is mallory's, wrong unless both fall in one shard
    expect(claim.confirms(nested, user, at)).toBe(shardOf('mallory', 7) === shardOf('alice', 7));
    const noSubject = '{"at":"2014-04-01T09:00:00Z","do":"restartClient","viewer":"bob","client":"teams","x":{"user":"alice"}}';
    expect(claim.read(noSubject)).toBe(true);
    expect(claim.confirms(noSubject, undefined, '2014-04-01T09:00:00Z')).toBe(false);
    const timeLater =
      '{"x":{"at":"2014-04-01T09:00:00Z"},"at":"2014-04-01T10:00:00Z","see":"graph","user":"alice","viewer":"bob","photo":"p1"}';
    expect(claim.read(timeLater)).toBe(true);
    expect(claim.confirms(timeLater, 'alice', '2014-04-01T10:00:00Z')).toBe(false);
    expect(claim.read('{"at":"2014-04-01T09:00:00Z","see":"graph","user":"al\\"ice","viewer":"bob","photo":"p1"}')).toBe(false);
    expect(claim.read('{"at":"2014-04-01T09:00:00Z","see":"graph","user":"","viewer":"bob","photo":"p1"}')).toBe(false);
    expect(claim.read('{"at":"2014-04-01T09:00:00Z","do":"wait","ms":5}')).toBe(false);
    expect(claim.read('{"see":"graph","user":"alice"}')).toBe(false);
  });
});

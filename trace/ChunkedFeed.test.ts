import { describe, expect, it } from 'vitest';
import { ProfileChecker } from '../model/ProfileChecker.js';
import { PROFILES } from '../model/profiles.js';
import type { TraceEvent } from '../model/vocabulary.js';
import { ChunkedFeed } from './ChunkedFeed.js';
import { parseEvent, parseHeader, parseJsonLine } from './parseTraceLine.js';
import { randomTraceLines } from './randomTrace.testkit.js';
import { traceStart } from './traceStart.js';

function parsed(lines: readonly string[]) {
  const start = traceStart(parseHeader(parseJsonLine(lines[0]!, 'random.jsonl', 1), 'random.jsonl', 1));
  const raws = lines.slice(1).map((l, i) => parseJsonLine(l, 'random.jsonl', i + 2));
  const events: TraceEvent[] = raws.map((r, i) => parseEvent(r, 'random.jsonl', i + 2));
  return { start, events, raws };
}

describe('ChunkedFeed', () => {
  it('gives every profile the verdict of feeding each event to every checker at once, whatever the chunk size', () => {
    let decidedApart = 0;
    for (let seed = 1; seed <= 60; seed++) {
      const { start, events, raws } = parsed(randomTraceLines(seed, 60));
      const oneByOne = PROFILES.map((p) => new ProfileChecker(p, start));
      events.forEach((e, i) => {
        for (const c of oneByOne) if (c.verdict === undefined) c.feed(e, i + 2, raws[i]);
      });
      const expected = oneByOne.map((c) => c.finish());
      // profiles decided at different lines: a chunk goes on for those still open
      if (new Set(expected.map((v) => (v.verdict === 'diverges' ? v.divergence.line : v.verdict))).size > 1) decidedApart++;
      for (const size of [1, 3, 7, 64]) {
        const checkers = PROFILES.map((p) => new ProfileChecker(p, start));
        const feed = new ChunkedFeed(checkers, { keepRaw: true, size });
        events.forEach((e, i) => feed.add(e, i + 2, raws[i]));
        feed.flush();
        expect(
          checkers.map((c) => c.finish()),
          `seed ${seed}, chunks of ${size}`,
        ).toEqual(expected);
      }
    }
    expect(decidedApart).toBeGreaterThan(3);
  });

  it('holds no more than its size, feeds nothing once every checker has its verdict, and counts what it fed', () => {
    const { start, events, raws } = parsed(randomTraceLines(7, 200));
    const checkers = PROFILES.map((p) => new ProfileChecker(p, start));
    const fed: number[] = [];
    for (const c of checkers) {
      const feed = c.feed.bind(c);
      c.feed = (e, line, raw) => {
        fed.push(line);
        return feed(e, line, raw);
      };
    }
    const feed = new ChunkedFeed(checkers, { size: 5 });
    events.forEach((e, i) => {
      feed.add(e, i + 2, raws[i]);
      // a full chunk is fed at once
      if ((i + 1) % 5 === 0 && !feed.done) expect(Math.max(...fed)).toBe(i + 2);
    });
    feed.flush();
    expect(feed.done).toBe(checkers.every((c) => c.verdict !== undefined));
    // a random trace diverges early under every profile: the rest is never fed
    expect(feed.done).toBe(true);
    expect(Math.max(...fed)).toBeLessThan(events.length + 1);
    expect(feed.checked).toBeLessThan(events.length);
    expect(feed.checked % 5).toBe(0);
  });
});

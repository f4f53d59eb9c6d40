import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../model/vocabulary.js';
import { BatchDecoder } from './BatchDecoder.js';
import { BatchEncoder, ENCODED_FIELDS, ENCODED_OBSERVATION } from './BatchEncoder.js';
import { TABLE_CAP, type EventBatch } from './eventBatch.js';
import { randomTraceLines } from './randomTrace.testkit.js';
import { readTrace } from './readTrace.js';
import { ACTION_SCHEMAS, ObservationLine } from './TraceEvent.js';
import { lines, traceFile } from './traceFile.testkit.js';

async function eventsOf(text: string): Promise<{ event: TraceEvent; line: number }[]> {
  const out: { event: TraceEvent; line: number }[] = [];
  await readTrace(traceFile(text), { header() {}, event: (event, line) => void out.push({ event, line }) });
  return out;
}

/** The events through an encoder of `capacity` and a decoder, batch by batch. */
function roundTrip(events: readonly { event: TraceEvent; line: number }[], capacity: number): { event: TraceEvent; line: number }[] {
  const encoder = new BatchEncoder(capacity);
  const batches: EventBatch[] = [];
  for (const { event, line } of events) if (encoder.add(event, line)) batches.push(encoder.take());
  if (encoder.size > 0) batches.push(encoder.take());
  const decoder = new BatchDecoder();
  const out: { event: TraceEvent; line: number }[] = [];
  for (const b of batches) {
    decoder.open(b);
    for (let i = 0; i < b.count; i++) out.push({ event: decoder.event(i), line: decoder.line(i) });
  }
  return out;
}

describe('BatchEncoder and BatchDecoder', () => {
  it('rebuild every event as readTrace made it, its fields in the same order, whatever the batch size', async () => {
    for (let seed = 1; seed <= 30; seed++) {
      const events = await eventsOf(lines(...randomTraceLines(seed, 200)));
      const capacity = [1, 7, 64, 4096][seed % 4]!;
      const back = roundTrip(events, capacity);
      expect(back).toStrictEqual(events);
      expect(JSON.stringify(back)).toBe(JSON.stringify(events));
    }
  });

  it('carry fields the schemas do not know, `__proto__` as an own field, and an array of roles', async () => {
    const text = lines(
      '{"format":"photosync-trace","version":1,"start":"2014-04-01T09:00:00Z","users":[{"id":"alice"}]}',
      '{"at":"2014-04-01T09:00:00Z","do":"removePhoto","user":"alice","via":"graph","by":{"who":["x"]},"z":1}',
      '{"at":"2014-04-01T09:00:00Z","see":"graph","user":"alice","viewer":"alice","photo":"none","__proto__":{"x":1},"a":null}',
      '{"at":"2014-04-01T09:00:00Z","do":"setPhotoSettings","source":"cloud","allowedRoles":["r1","r2"],"reason":"why","result":"unknown"}',
      '{"at":"2014-04-01T09:00:00.5Z","do":"wait","ms":0.25,"user":"alice"}',
    );
    const events = await eventsOf(text);
    const back = roundTrip(events, 2);
    expect(back).toStrictEqual(events);
    expect(JSON.stringify(back)).toBe(JSON.stringify(events));
    expect(Object.keys(back[1]!.event)).toEqual(Object.keys(events[1]!.event));
  });

  it('sends each string once, and strings past the cap with their own batch', () => {
    const encoder = new BatchEncoder(1000);
    const batches: EventBatch[] = [];
    const events: { event: TraceEvent; line: number }[] = [];
    for (let i = 0; i < TABLE_CAP + 500; i++) {
      const event: TraceEvent = { at: i, see: 'graph', user: 'alice', viewer: `v${i}`, photo: 'p1' };
      events.push({ event, line: i + 2 });
      if (encoder.add(event, i + 2)) batches.push(encoder.take());
    }
    if (encoder.size > 0) batches.push(encoder.take());
    expect(batches[0]!.fresh).toEqual(['alice', 'v0', 'p1', ...Array.from({ length: 999 }, (_, i) => `v${i + 1}`)]);
    expect(batches[1]!.fresh).toHaveLength(1000);
    expect(batches.reduce((n, b) => n + b.fresh.length, 0)).toBe(TABLE_CAP);
    expect(batches.at(-1)!.local.length).toBeGreaterThan(0);
    const decoder = new BatchDecoder();
    const back: { event: TraceEvent; line: number }[] = [];
    for (const b of batches) {
      decoder.open(b);
      for (let i = 0; i < b.count; i++) back.push({ event: decoder.event(i), line: decoder.line(i) });
    }
    expect(back).toStrictEqual(events);
  });

  it('give a slot to every field of the schemas, in their order', () => {
    for (const [kind, schema] of ACTION_SCHEMAS) {
      expect(['at', 'result', 'reason', 'do', ...ENCODED_FIELDS[kind as keyof typeof ENCODED_FIELDS]]).toEqual(Object.keys(schema.shape));
    }
    expect(ENCODED_OBSERVATION).toEqual(Object.keys(ObservationLine.shape));
  });
});

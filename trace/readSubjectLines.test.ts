import { describe, expect, it } from 'vitest';
import { MAX_LINE_BYTES } from './readLines.js';
import { readSubjectLines } from './readSubjectLines.js';
import { readTrace } from './readTrace.js';
import { TraceError } from './TraceError.js';
import { HEADER, lines, traceFile } from './traceFile.testkit.js';

const ev = (at: string, rest: string) => `{"at":"2014-04-01T${at}Z",${rest}}`;

describe('readSubjectLines', () => {
  const path = traceFile(
    lines(
      HEADER,
      ev('09:00:00', '"do":"setPhoto","user":"alice","via":"graph","photo":"p1"'),
      ev('09:01:00', '"do":"setPhoto","user":"bob","via":"graph","photo":"p2"'),
      '',
      ev('09:02:00', '"do":"restartClient","viewer":"bob","client":"outlook-desktop"'),
      ev('09:03:00', '"do":"restartClient","viewer":"carol","client":"outlook-desktop"'),
      ev('09:04:00', '"see":"outlook-desktop","user":"alice","viewer":"bob","photo":"p0"'),
      ev('09:05:00', '"see":"graph","user":"alice","viewer":"bob","photo":"p1"'),
    ),
  );

  it("keeps the header and, up to the line asked, the subject's events and its viewer's cache resets, with their line numbers", async () => {
    const [got] = (await readSubjectLines(path, [{ user: 'alice', viewer: 'bob', upTo: 7 }])) as [
      Awaited<ReturnType<typeof readSubjectLines>>[number],
    ];
    expect(got.header.start).toBe('2014-04-01T09:00:00Z');
    expect(got.events.map((e) => e.line)).toEqual([2, 5, 7]);
    expect(got.events.at(-1)!.event).toMatchObject({ see: 'outlook-desktop', photo: 'p0' });
    expect(got.omitted).toBe(0);
  });

  it('keeps only the last events when asked for fewer, and says how many it left out', async () => {
    const [got] = (await readSubjectLines(path, [{ user: 'alice', viewer: undefined, upTo: 8 }], 2)) as [
      Awaited<ReturnType<typeof readSubjectLines>>[number],
    ];
    expect(got.events.map((e) => e.line)).toEqual([7, 8]);
    expect(got.omitted).toBe(1);
  });

  it('stops at a line too long with the TraceError readTrace gives, and reads no further than the last line wanted', async () => {
    // valid JSON but for its length
    const visit = ev('09:00:00', '"do":"visitMySite","user":"alice"');
    const long = traceFile(lines(HEADER, visit, visit.replace('}', `,"pad":"${'x'.repeat(MAX_LINE_BYTES)}"}`)));
    const [got] = await readSubjectLines(long, [{ user: 'alice', viewer: undefined, upTo: 2 }]);
    expect(got!.events.map((e) => e.line)).toEqual([2]);
    const failure = await readSubjectLines(long, [{ user: 'alice', viewer: undefined, upTo: 3 }]).catch((e: unknown) => e);
    const reference = await readTrace(long, { header() {}, event() {} }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(TraceError);
    expect(failure).toMatchObject({ code: 'PHOTOSYNC_BAD_TRACE', line: 3, detail: expect.stringMatching(/^a line longer than/) });
    expect(failure).toStrictEqual(reference);
  });

  it('reads every part asked for in one pass, each up to its own line', async () => {
    const [a, b] = await readSubjectLines(path, [
      { user: 'alice', viewer: 'bob', upTo: 5 },
      { user: 'bob', viewer: undefined, upTo: 8 },
    ]);
    expect(a!.events.map((e) => e.line)).toEqual([2, 5]);
    expect(b!.events.map((e) => e.line)).toEqual([3]);
    expect(b!.header).toBe(a!.header);
  });
});

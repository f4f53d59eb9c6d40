import { describe, expect, it } from 'vitest';
import { MAX_LINE_BYTES } from './readLines.js';
import { readRawLines } from './readRawLines.js';
import { readTrace } from './readTrace.js';
import { TraceError } from './TraceError.js';
import { HEADER, lines, traceFile } from './traceFile.testkit.js';

const EVENT = '{"at":"2014-04-01T09:00:00Z","do":"visitMySite","user":"alice"}';

describe('readRawLines', () => {
  it('reads the lines wanted as parsed, a byte order mark at the start left out', async () => {
    const path = traceFile(`\ufeff${lines(HEADER, EVENT, EVENT.replace('alice', 'bob'))}`);
    const got = await readRawLines(path, [1, 3]);
    expect([...got.keys()]).toEqual([1, 3]);
    expect(got.get(1)).toMatchObject({ format: 'photosync-trace' });
    expect(got.get(3)).toMatchObject({ user: 'bob' });
  });

  it('stops at a line too long with the TraceError readTrace gives, and reads no further than the last line wanted', async () => {
    // valid JSON but for its length
    const long = EVENT.replace('}', `,"pad":"${'x'.repeat(MAX_LINE_BYTES)}"}`);
    const path = traceFile(lines(HEADER, EVENT, long, EVENT));
    expect([...(await readRawLines(path, [2])).keys()]).toEqual([2]);
    const failure = await readRawLines(path, [2, 4]).catch((e: unknown) => e);
    const reference = await readTrace(path, { header() {}, event() {} }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(TraceError);
    expect(failure).toMatchObject({ code: 'PHOTOSYNC_BAD_TRACE', line: 3, detail: expect.stringMatching(/^a line longer than/) });
    expect(failure).toStrictEqual(reference);
  });

  it('names the file and line when a line wanted is gone (the trace changed while it was checked)', async () => {
    const path = traceFile(lines(HEADER, EVENT));
    const failure = await readRawLines(path, [2, 5]).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(TraceError);
    expect(failure).toMatchObject({ code: 'PHOTOSYNC_TRACE_UNREADABLE', file: path, line: 5 });
  });
});

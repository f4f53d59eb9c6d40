import { describe, expect, it } from 'vitest';
import { readRawLines } from './readRawLines.js';
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

  it('names the file and line when a line wanted is gone (the trace changed while it was checked)', async () => {
    const path = traceFile(lines(HEADER, EVENT));
    const failure = await readRawLines(path, [2, 5]).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(TraceError);
    expect(failure).toMatchObject({ code: 'PHOTOSYNC_TRACE_UNREADABLE', file: path, line: 5 });
  });
});

import { appendFileSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readTrace } from './readTrace.js';
import { TraceWriter } from './TraceWriter.js';
import { HEADER, traceFile } from './traceFile.testkit.js';

describe('TraceWriter', () => {
  it('hands each line to the system as it is appended, so a reader sees it before close', () => {
    const path = traceFile('');
    const w = TraceWriter.open(path);
    w.append(JSON.parse(HEADER));
    expect(readFileSync(path, 'utf8')).toBe(`${HEADER}\n`);
    w.append({ at: '2014-04-01T09:00:00Z', do: 'visitMySite', user: 'alice' });
    expect(readFileSync(path, 'utf8').split('\n')).toHaveLength(3);
    w.close();
    expect(() => w.append({})).toThrow(/closed/);
  });

  it('appends to an existing trace instead of replacing it', () => {
    const path = traceFile(`${HEADER}\n`);
    const w = TraceWriter.open(path, { durable: true });
    w.append({ at: '2014-04-01T09:00:00Z', do: 'visitMySite', user: 'alice' });
    w.close();
    expect(readFileSync(path, 'utf8').startsWith(`${HEADER}\n{"at"`)).toBe(true);
  });

  it('leaves a trace whose lines stay checkable when its writer dies mid-line', async () => {
    const path = traceFile('');
    const w = TraceWriter.open(path);
    w.append(JSON.parse(HEADER));
    w.append({ at: '2014-04-01T09:00:00Z', do: 'visitMySite', user: 'alice' });
    appendFileSync(path, '{"at":"2014-04-01T09:01:00Z","see":"gra'); // the crash
    const seen: number[] = [];
    await expect(readTrace(path, { header: () => seen.push(1), event: (_e, line) => seen.push(line) })).rejects.toMatchObject({
      code: 'PHOTOSYNC_TORN_TRACE',
      line: 3,
    });
    expect(seen).toEqual([1, 2]);
  });
});

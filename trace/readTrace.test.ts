import { describe, expect, it } from 'vitest';
import { readTrace } from './readTrace.js';
import { TraceError } from './TraceError.js';
import { HEADER, lines, traceFile } from './traceFile.testkit.js';

const SET = '{"at":"2014-04-01T09:00:00Z","do":"setPhoto","user":"alice","via":"outlook-web","photo":"p1"}';
const SEE = '{"at":"2014-04-01T09:02:00Z","see":"owa-contact-card","user":"alice","viewer":"bob","photo":"p1"}';

async function read(text: string) {
  const seen: number[] = [];
  const path = traceFile(text);
  try {
    await readTrace(path, { header: () => seen.push(1), event: (_e, line) => seen.push(line) });
    return { seen, error: undefined };
  } catch (e) {
    return { seen, error: e as TraceError };
  }
}

async function failure(text: string): Promise<TraceError> {
  const { error } = await read(text);
  expect(error).toBeInstanceOf(TraceError);
  return error!;
}

describe('readTrace', () => {
  it('reads the header and every event with its line number, keeping unknown fields', async () => {
    const events: unknown[] = [];
    await readTrace(traceFile(lines(HEADER, SET.replace('}', ',"note":"kept"}'), SEE)), {
      header: (h) =>
        expect(h.users[1]).toEqual({ id: 'bob', photo: 'none', mySite: false, lync: 'offline', setPhotoEnabled: true, adSynced: false }),
      event: (e, line, raw) => events.push([line, e.at, raw.note]),
    });
    expect(events).toEqual([
      [2, Date.parse('2014-04-01T09:00:00Z'), 'kept'],
      [3, Date.parse('2014-04-01T09:02:00Z'), undefined],
    ]);
  });

  it('defaults an action result to ok', async () => {
    const results: unknown[] = [];
    await readTrace(traceFile(lines(HEADER, SET)), { header: () => {}, event: (e) => results.push('result' in e ? e.result : '') });
    expect(results).toEqual(['ok']);
  });

  it('accepts CRLF line ends and a last line without a newline when it is whole', async () => {
    const { seen, error } = await read(`${HEADER}\r\n${SET}\r\n${SEE}`);
    expect(error).toBeUndefined();
    expect(seen).toEqual([1, 2, 3]);
  });

  it.each([
    ['a line that is not JSON', '{"at":', 2, '', /not valid JSON/],
    ['a line that is not an object', '[1,2]', 2, '', /not a JSON object/],
    ['an unknown action', SET.replace('"setPhoto"', '"setFoto"'), 2, 'do', /unknown action "setFoto"/],
    ['an unknown surface', SEE.replace('owa-contact-card', 'fax'), 2, 'see', /unknown surface "fax"/],
    ['an unknown via', SET.replace('outlook-web', 'carrier-pigeon'), 2, 'via', /invalid value "carrier-pigeon"/],
    ['a missing field', SET.replace(',"photo":"p1"', ''), 2, 'photo', /missing field/],
    ['a missing time', SEE.replace('"at":"2014-04-01T09:02:00Z",', ''), 2, 'at', /missing field/],
    ['a time that is not ISO 8601', SEE.replace('2014-04-01T09:02:00Z', 'yesterday'), 2, 'at', /invalid value "yesterday"/],
    [
      'a field of the wrong type',
      '{"at":"2014-04-01T09:00:00Z","do":"setPolicy","user":"alice","setPhotoEnabled":"no"}',
      2,
      'setPhotoEnabled',
      /invalid value "no"/,
    ],
    ['an unknown result', SET.replace('}', ',"result":"maybe"}'), 2, 'result', /invalid value "maybe"/],
    [
      'a removePhoto through a path that cannot remove',
      '{"at":"2014-04-01T09:00:00Z","do":"removePhoto","user":"alice","via":"yammer"}',
      2,
      'via',
      /invalid value "yammer"/,
    ],
    ['an event that is neither action nor observation', '{"at":"2014-04-01T09:00:00Z","user":"alice"}', 2, 'do', /missing field/],
    ['an event that is both', SEE.replace('"see"', '"do":"wait","see"'), 2, 'see', /not both/],
  ])('rejects %s, naming line and field', async (_name, line, lineNo, field, message) => {
    const e = await failure(lines(HEADER, line));
    expect(e.code).toBe('PHOTOSYNC_BAD_TRACE');
    expect(e.line).toBe(lineNo);
    expect(e.field).toBe(field);
    expect(e.detail).toMatch(message);
    expect(e.message).toContain(`t.jsonl:${lineNo}: `);
  });

  it('rejects a time that goes backwards, at the later line', async () => {
    const e = await failure(lines(HEADER, SEE, SET));
    expect([e.line, e.field]).toEqual([3, 'at']);
    expect(e.detail).toMatch(/time goes backwards/);
  });

  it('rejects an event before the start of the trace', async () => {
    const e = await failure(lines(HEADER, SET.replace('2014-04-01T09:00:00Z', '2014-03-31T09:00:00Z')));
    expect([e.line, e.field]).toEqual([2, 'at']);
  });

  it.each([
    ['a missing header', lines(SET), 'format', /missing field/],
    ['another format', lines(HEADER.replace('photosync-trace', 'csv')), 'format', /unknown format "csv"/],
    ['a newer version', lines(HEADER.replace('"version":1', '"version":2')), 'version', /unsupported version 2/],
    ['a bad user field', lines(HEADER.replace('"lync":"online"', '"lync":"away"')), 'users[0].lync', /invalid value "away"/],
    ['an empty file', '', 'format', /empty file/],
  ])('rejects %s on line 1', async (_name, text, field, message) => {
    const e = await failure(text);
    expect([e.line, e.field]).toEqual([1, field]);
    expect(e.detail).toMatch(message);
  });

  it('names a torn last line as such, after visiting every line before it', async () => {
    const { seen, error } = await read(lines(HEADER, SET) + SEE.slice(0, 30));
    expect(seen).toEqual([1, 2]);
    expect(error?.code).toBe('PHOTOSYNC_TORN_TRACE');
    expect(error?.line).toBe(3);
    expect(error?.message).toMatch(/t\.jsonl:3: torn last line/);
  });

  it('treats a bad last line that ends with a newline as bad, not torn', async () => {
    const e = await failure(lines(HEADER, SET, SEE.slice(0, 30)));
    expect(e.code).toBe('PHOTOSYNC_BAD_TRACE');
  });

  it('reports a file it cannot read', async () => {
    await expect(readTrace('/nonexistent/t.jsonl', { header: () => {}, event: () => {} })).rejects.toMatchObject({
      code: 'PHOTOSYNC_TRACE_UNREADABLE',
      file: '/nonexistent/t.jsonl',
    });
  });
});

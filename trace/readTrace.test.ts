import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { Prng } from '../bench/Prng.js';
import { subjectOf, type TraceEvent } from '../model/vocabulary.js';
import { shardOf } from './LineClaim.js';
import { randomTraceLines } from './randomTrace.testkit.js';
import { readTrace, type TraceShard } from './readTrace.js';
import { ShardMismatchError } from './ShardMismatchError.js';
import { TraceError } from './TraceError.js';
import type { TraceHeader } from './TraceHeader.js';
import { HEADER, lines, traceFile } from './traceFile.testkit.js';

const SET = '{"at":"2014-04-01T09:00:00Z","do":"setPhoto","user":"alice","via":"outlook-web","photo":"p1"}';
const SEE = '{"at":"2014-04-01T09:02:00Z","see":"owa-contact-card","user":"alice","viewer":"bob","photo":"p1"}';

async function read(text: string | Uint8Array) {
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

/** HEADER with `edit` applied to its parsed object (bob is `users[1]`). */
function header(edit: (h: { users: Record<string, unknown>[] } & Record<string, unknown>) => void): string {
  const h = JSON.parse(HEADER);
  edit(h);
  return JSON.stringify(h);
}

async function parsed(text: string): Promise<{ header: TraceHeader; events: TraceEvent[] }> {
  let h: TraceHeader | undefined;
  const events: TraceEvent[] = [];
  await readTrace(traceFile(text), { header: (x) => void (h = x), event: (e) => void events.push(e) });
  return { header: h!, events };
}

const T0 = Date.parse('2014-04-01T09:00:00Z');

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
      'a wait too long for a number',
      '{"at":"2014-04-01T09:00:00Z","do":"wait","ms":1e400}',
      2,
      'ms',
      /invalid value Infinity \(the number is too large\)/,
    ],
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

  it("rejects an event before the start of the trace, naming the header's start, on the first event or a later one", async () => {
    const early = SET.replace('2014-04-01T09:00:00Z', '2014-03-31T09:00:00Z');
    for (const [text, line] of [
      [lines(HEADER, early), 2],
      [lines(HEADER, SET, SEE, early), 4],
    ] as const) {
      const e = await failure(text);
      expect([e.line, e.field]).toEqual([line, 'at']);
      expect(e.detail).toBe(
        "before the start of the trace: 2014-03-31T09:00:00.000Z is before the header's start, 2014-04-01T09:00:00.000Z",
      );
    }
    // after the start, an earlier time than the line before is time going backwards
    const backwards = await failure(lines(HEADER, SEE, SET));
    expect(backwards.detail).toBe('time goes backwards: 2014-04-01T09:00:00.000Z is before 2014-04-01T09:02:00.000Z');
  });

  it('names a second header as such: two traces joined (cat a.jsonl b.jsonl)', async () => {
    const e = await failure(lines(HEADER, SET, HEADER, SEE));
    expect([e.code, e.line, e.field]).toEqual(['PHOTOSYNC_BAD_TRACE', 3, 'format']);
    expect(e.message).toBe(`${e.file}:3: format: a trace header, but only line 1 may be one (were two traces joined?)`);
    // the header is the first line that is not blank
    const late = await failure(lines('', HEADER, SET, '', HEADER));
    expect([late.line, late.detail]).toEqual([5, 'a trace header, but only line 2 may be one (were two traces joined?)']);
    // an event that carries a field named format is an event
    expect((await read(lines(HEADER, SET.replace('}', ',"format":"photosync-trace"}')))).error).toBeUndefined();
  });

  it.each([
    ['a missing header', lines(SET), 'format', /missing field/],
    ['another format', lines(HEADER.replace('photosync-trace', 'csv')), 'format', /unknown format "csv"/],
    ['a newer version', lines(HEADER.replace('"version":1', '"version":2')), 'version', /unsupported version 2/],
    ['a missing version', lines(HEADER.replace('"version":1,', '')), 'version', /^missing field \(this photosync reads version 1\)$/],
    ['a version of null', lines(HEADER.replace('"version":1', '"version":null')), 'version', /^unsupported version null/],
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

  it('names a torn header as such: nothing was checked', async () => {
    const e = await failure(HEADER.slice(0, 40));
    expect([e.code, e.line]).toEqual(['PHOTOSYNC_TORN_TRACE', 1]);
    expect(e.detail).toMatch(/^torn header: .*nothing was checked$/);
  });

  it('says a file is UTF-16 where JSON cannot read it (Windows PowerShell 5 writes it so)', async () => {
    const text = lines(HEADER, SET);
    for (const bytes of [Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]), Buffer.from(text, 'utf16le')]) {
      const { error } = await read(bytes);
      expect([error?.code, error?.line]).toEqual(['PHOTOSYNC_BAD_TRACE', 1]);
      expect(error?.detail).toMatch(/not valid JSON .*: the file looks like UTF-16; save it as UTF-8/);
    }
  });

  it('says UTF-16 of a UTF-16 file without a byte order mark or a newline, but of no other bytes', async () => {
    const le = Buffer.from(HEADER, 'utf16le');
    for (const bytes of [le, Buffer.from(le).swap16()]) {
      const { error } = await read(bytes);
      expect([error?.code, error?.line]).toEqual(['PHOTOSYNC_BAD_TRACE', 1]);
      expect(error?.detail).toMatch(/^not valid JSON .*: the file looks like UTF-16; save it as UTF-8/);
    }
    // random bytes, a NUL in a user id
    const rng = new Prng(5);
    const random = Array.from({ length: 20 }, () => Buffer.from(Array.from({ length: 300 }, () => rng.between(0, 255))));
    for (const bytes of [...random, Buffer.from(lines(HEADER.replace('"alice"', '"al\u0000ice"'), SET))]) {
      const { error } = await read(bytes);
      expect(error?.code).toBe('PHOTOSYNC_BAD_TRACE');
      expect(error?.detail).toMatch(/^not valid JSON|^not UTF-8 text/);
      expect(error?.detail).not.toMatch(/UTF-16/);
    }
  });

  // Windows PowerShell 5's Set-Content writes the system's ANSI code page: read as UTF-8, every
  // byte above 0x7F would be U+FFFD, and müller and möller one user
  it('names a line that is not UTF-8, its column and byte, before reading any event of it; a torn last line may end mid-character', async () => {
    const ansi = Buffer.from(lines(HEADER, SET.replace('"alice"', '"m\u00fcller"')), 'latin1');
    const { seen, error } = await read(ansi);
    expect(seen).toEqual([1]);
    expect([error?.code, error?.line]).toEqual(['PHOTOSYNC_BAD_TRACE', 2]);
    expect(error?.detail).toMatch(/^not UTF-8 text: byte 0xFC at column 55 /);
    // the same in UTF-8 is read, as is a real U+FFFD
    expect((await read(lines(HEADER, SET.replace('"alice"', '"m\u00fcller\ufffd"')))).seen).toEqual([1, 2]);
    // a writer cut off mid-character: torn, as any cut
    const cut = Buffer.concat([Buffer.from(lines(HEADER, SET)), Buffer.from(SEE.replace('"bob"', '"b\u00f6b"')).subarray(0, 81)]);
    const torn = await read(cut);
    expect([torn.error?.code, torn.error?.line]).toEqual(['PHOTOSYNC_TORN_TRACE', 3]);
  });

  it.each([
    ['a UTF-16 byte order mark', Buffer.from([0xff, 0xfe]), /UTF-16 byte order mark\): the file looks like UTF-16; save it as UTF-8/],
    ['three NUL bytes', Buffer.alloc(3), /^not valid JSON \(Unexpected token '\\u0000'.*\): it holds U\+0000 at column 1/],
    [
      'lines that end in CR alone',
      Buffer.from('H\rL2\r'),
      /: it holds a CR at column 2 that ends no line; line ends must be \\n or \\r\\n$/,
    ],
    ['a trace whose lines end in CR alone', Buffer.from(`${HEADER}\r${SET}\r`), /line ends must be \\n or \\r\\n$/],
    ['bytes that are not UTF-8', Buffer.from([0x80, 0x81, 0x7b]), /: it holds bytes at column 1 that are not UTF-8 text/],
  ])('says what a file of %s is, not that its header is torn', async (_name, bytes, message) => {
    const { error } = await read(bytes);
    expect([error?.code, error?.line, error?.field]).toEqual(['PHOTOSYNC_BAD_TRACE', 1, '']);
    expect(error?.detail).toMatch(message);
    // a control character of the line, quoted in JSON's message, does not reach a terminal as it is
    expect(error?.message).not.toMatch(/[\u0000-\u001f]/);
  });

  it('names an unterminated last line that no writer could have begun as bad, not torn', async () => {
    const { seen, error } = await read(lines(HEADER, SET) + 'x\u0000y');
    expect(seen).toEqual([1, 2]);
    expect([error?.code, error?.line]).toEqual(['PHOTOSYNC_BAD_TRACE', 3]);
    expect(error?.detail).toMatch(/it holds U\+0000 at column 2/);
  });

  it('names a character outside the strings that JSON does not take for white space, but not one inside them', async () => {
    const feed = await failure(lines(HEADER, SET, '\f', SEE));
    expect([feed.line, feed.detail]).toEqual([3, expect.stringMatching(/it holds U\+000C at column 1, a character JSON does not allow/)]);
    const nbsp = await failure(lines(HEADER, `${SET.slice(0, -1)},\u00a0"x":1}`));
    // the column counts from 1: the character comes after SET but its closing brace, and a comma
    expect(nbsp.detail).toContain(`U+00A0 at column ${SET.length + 1}`);
    const inString = await failure(lines(HEADER, `${SET.slice(0, -2)}\u00a0"`));
    expect(inString.detail).not.toMatch(/U\+00A0/);
  });

  it('treats a bad last line that ends with a newline as bad, not torn', async () => {
    const e = await failure(lines(HEADER, SET, SEE.slice(0, 30)));
    expect(e.code).toBe('PHOTOSYNC_BAD_TRACE');
  });

  it('accepts a UTF-8 byte order mark at the start of the file, with LF or CRLF line ends', async () => {
    expect(await read(`\uFEFF${lines(HEADER, SET, SEE)}`)).toEqual({ seen: [1, 2, 3], error: undefined });
    expect(await read(`\uFEFF${HEADER}\r\n${SET}\r\n${SEE}\r\n`)).toEqual({ seen: [1, 2, 3], error: undefined });
    // a byte order mark counts no line: an error after it is still on line 2
    const e = await failure(`\uFEFF${lines(HEADER, SET.replace('outlook-web', 'fax'))}`);
    expect([e.line, e.field]).toEqual([2, 'via']);
  });

  it('treats a byte order mark anywhere but at the start as bad input', async () => {
    const e = await failure(lines(HEADER, `\uFEFF${SET}`));
    expect([e.code, e.line, e.field]).toEqual(['PHOTOSYNC_BAD_TRACE', 2, '']);
    expect(e.detail).toMatch(/not valid JSON/);
    // a line of a byte order mark alone is not blank either
    const alone = await failure(lines(HEADER, SET, '\uFEFF', SEE));
    expect([alone.code, alone.line]).toEqual(['PHOTOSYNC_BAD_TRACE', 3]);
  });

  it('skips blank and whitespace-only lines before, between and after the events, counting them as lines', async () => {
    const text = ['', '  ', HEADER, '\t', SET, '', ' \t ', SEE, '', '   '].join('\n');
    expect(await read(`${text}\n`)).toEqual({ seen: [1, 5, 8], error: undefined });
    expect(await read(text.replaceAll('\n', '\r\n'))).toEqual({ seen: [1, 5, 8], error: undefined });
  });

  it('takes the first line that is not blank as the header, and names its line in errors', async () => {
    const h = await parsed(lines('', ' ', HEADER, SET));
    expect(h.header.start).toBe(T0);
    expect(h.events.map((e) => e.at)).toEqual([T0]);
    const e = await failure(lines('', ' ', HEADER.replace('"lync":"online"', '"lync":"away"'), SET));
    expect([e.line, e.field]).toEqual([3, 'users[0].lync']);
    expect(e.message).toContain('t.jsonl:3: users[0].lync: ');
    const missing = await failure(lines('', SET));
    expect([missing.line, missing.field]).toEqual([2, 'format']);
    expect(missing.detail).toMatch(/missing field: the first line must be the trace header/);
  });

  it('numbers an error after blank lines by its line in the file', async () => {
    const e = await failure(lines(HEADER, '', '  ', SET, '', SEE.replace('owa-contact-card', 'fax')));
    expect([e.line, e.field]).toEqual([6, 'see']);
    expect(e.message).toContain('t.jsonl:6: see: unknown surface "fax"');
    const backwards = await failure(lines(HEADER, SEE, '', SET));
    expect([backwards.line, backwards.field]).toEqual([4, 'at']);
  });

  it('accepts a trailing blank line, terminated or not, which is not a torn line', async () => {
    expect(await read(`${lines(HEADER, SET)}\n`)).toEqual({ seen: [1, 2], error: undefined });
    expect(await read(`${lines(HEADER, SET)}  \t`)).toEqual({ seen: [1, 2], error: undefined });
    expect(await read(`${lines(HEADER, SET)}\r\n \r\n`)).toEqual({ seen: [1, 2], error: undefined });
  });

  it('names a torn last line after blank lines by its line in the file', async () => {
    const { seen, error } = await read(lines(HEADER, '', SET, ' ') + SEE.slice(0, 30));
    expect(seen).toEqual([1, 3]);
    expect([error?.code, error?.line]).toEqual(['PHOTOSYNC_TORN_TRACE', 5]);
  });

  it.each([
    ['blank lines only', '\n  \n\t\n'],
    ['a byte order mark only', '\uFEFF'],
    ['a byte order mark and blank lines', '\uFEFF\r\n   \r\n'],
  ])('rejects a file of %s as an empty file', async (_name, text) => {
    const e = await failure(text);
    expect([e.code, e.line, e.field]).toEqual(['PHOTOSYNC_BAD_TRACE', 1, 'format']);
    expect(e.detail).toMatch(/empty file/);
  });

  describe('header fields of a tenant taken as it is (SPEC section 6)', () => {
    it('reads every field, times to milliseconds, and photoSettings.allowedRoles defaulting to []', async () => {
      const text = header((h) => {
        h.users[0] = {
          ...h.users[0],
          stores: { exchange: 'p1', sharepoint: 'unknown', yammer: 'none', ad: 'p0' },
          spUpdated: '2014-03-30T09:00:00.250Z',
          pending: 'unknown',
          roles: ['photoAdmin', 'helpdesk'],
          caches: 'unknown',
        };
        h.users[1] = { ...h.users[1], stores: { sharepoint: 'p2' }, spUpdated: 'unknown', pending: true, roles: [], caches: 'start' };
        h.photoSettings = { source: 'cloud' };
      });
      const { header: h } = await parsed(lines(text));
      expect(h.users[0]).toStrictEqual({
        id: 'alice',
        photo: 'p0',
        mySite: true,
        lync: 'online',
        setPhotoEnabled: true,
        adSynced: false,
        stores: { exchange: 'p1', sharepoint: 'unknown', yammer: 'none', ad: 'p0' },
        spUpdated: Date.parse('2014-03-30T09:00:00.250Z'),
        pending: 'unknown',
        roles: ['photoAdmin', 'helpdesk'],
        caches: 'unknown',
      });
      expect(h.users[1]).toMatchObject({ stores: { sharepoint: 'p2' }, spUpdated: 'unknown', pending: true, roles: [], caches: 'start' });
      expect(h.users[1]!.stores).toStrictEqual({ sharepoint: 'p2' });
      expect(h.photoSettings).toStrictEqual({ source: 'cloud', allowedRoles: [] });
    });

    it('leaves the fields absent when the header does not give them: a version 1 trace reads as before', async () => {
      const { header: h } = await parsed(lines(HEADER));
      expect(h.users[1]).toStrictEqual({
        id: 'bob',
        photo: 'none',
        mySite: false,
        lync: 'offline',
        setPhotoEnabled: true,
        adSynced: false,
      });
      expect('photoSettings' in h).toBe(false);
    });

    it('accepts spUpdated at start, in any zone, and photoSettings with its roles', async () => {
      const text = header((h) => {
        h.users[0]!.spUpdated = '2014-04-01T11:00:00+02:00';
        h.users[1]!.pending = false;
        h.photoSettings = { source: 'onPremises', allowedRoles: ['photoAdmin'] };
      });
      const { header: h } = await parsed(lines(text));
      expect([h.users[0]!.spUpdated, h.users[1]!.pending]).toEqual([T0, false]);
      expect(h.photoSettings).toStrictEqual({ source: 'onPremises', allowedRoles: ['photoAdmin'] });
    });

    it("takes photoSettings as Graph answers them, ignoring the resource's own id and OData annotations", async () => {
      const graph = {
        '@odata.context': 'https://graph.microsoft.com/beta/$metadata#admin/people/photoUpdateSettings/$entity',
        '@odata.type': '#microsoft.graph.photoUpdateSettings',
        id: 's1',
        source: 'cloud',
        'source@odata.type': '#microsoft.graph.photoUpdateSource',
        allowedRoles: ['r1'],
        'allowedRoles@odata.type': '#Collection(String)',
      };
      const { header: h } = await parsed(lines(header((h) => void (h.photoSettings = graph))));
      expect(h.photoSettings).toStrictEqual({ source: 'cloud', allowedRoles: ['r1'] });
    });

    it('keeps unknown fields of the header and of its users', async () => {
      const { header: h } = await parsed(lines(header((h) => ((h.tenant = 'contoso'), (h.users[1]!.upn = 'bob@contoso.com')))));
      expect([h.tenant, h.users[1]!.upn]).toEqual(['contoso', 'bob@contoso.com']);
    });

    type Edit = (h: { users: Record<string, unknown>[] } & Record<string, unknown>) => void;
    const bob =
      (field: string, value: unknown): Edit =>
      (h) =>
        void (h.users[1]![field] = value);
    const settings =
      (value: unknown): Edit =>
      (h) =>
        void (h.photoSettings = value);
    it.each<[string, Edit, string, RegExp]>([
      ['stores of the wrong type', bob('stores', 'p1'), 'users[1].stores', /invalid value "p1": expected object/],
      ['a store of the wrong type', bob('stores', { sharepoint: 5 }), 'users[1].stores.sharepoint', /invalid value 5: expected string/],
      ['an empty store photo', bob('stores', { exchange: '' }), 'users[1].stores.exchange', /invalid value ""/],
      [
        'an unknown store',
        bob('stores', { exchange: 'p1', sharepiont: 'p1' }),
        'users[1].stores.sharepiont',
        /unknown store "sharepiont" \(expected one of exchange, sharepoint, yammer, ad\)/,
      ],
      [
        'spUpdated that is no time',
        bob('spUpdated', 'yesterday'),
        'users[1].spUpdated',
        /invalid value "yesterday": expected an ISO 8601 date-time.*or "unknown"/,
      ],
      ['spUpdated in milliseconds', bob('spUpdated', 1396342800000), 'users[1].spUpdated', /invalid value 1396342800000/],
      [
        'spUpdated after start',
        bob('spUpdated', '2014-04-01T09:00:01Z'),
        'users[1].spUpdated',
        /invalid value "2014-04-01T09:00:01Z": after the start of the trace \(2014-04-01T09:00:00.000Z\)/,
      ],
      ['pending of another value', bob('pending', 'maybe'), 'users[1].pending', /invalid value "maybe": expected true, false or "unknown"/],
      ['pending as a number', bob('pending', 1), 'users[1].pending', /invalid value 1/],
      ['roles that are no list', bob('roles', 'photoAdmin'), 'users[1].roles', /invalid value "photoAdmin": expected array/],
      ['an empty role', bob('roles', ['photoAdmin', '']), 'users[1].roles[1]', /invalid value ""/],
      ['caches of another value', bob('caches', 'none'), 'users[1].caches', /invalid value "none"/],
      ['photoSettings of the wrong type', settings('cloud'), 'photoSettings', /invalid value "cloud": expected object/],
      ['an unknown photo source', settings({ source: 'hybrid' }), 'photoSettings.source', /invalid value "hybrid"/],
      ['a photo source missing', settings({ allowedRoles: [] }), 'photoSettings.source', /missing field/],
      [
        'allowedRoles of the wrong type',
        settings({ source: 'cloud', allowedRoles: [7] }),
        'photoSettings.allowedRoles[0]',
        /invalid value 7/,
      ],
      ['a user declared twice', (h) => void h.users.push({ id: 'alice', photo: 'p1' }), 'users[2].id', /the same user as users\[0\]/],
      [
        'an unknown photoSettings field',
        settings({ source: 'cloud', allowedRole: ['x'] }),
        'photoSettings.allowedRole',
        /unknown field "allowedRole"/,
      ],
    ])('rejects %s, naming its field', async (_name, edit, field, message) => {
      const e = await failure(lines(header(edit), SET));
      expect([e.code, e.line, e.field]).toEqual(['PHOTOSYNC_BAD_TRACE', 1, field]);
      expect(e.detail).toMatch(message);
      expect(e.message).toContain(`t.jsonl:1: ${field}: `);
    });

    it('names the first user whose spUpdated is after start', async () => {
      const text = header((h) => {
        h.users[0]!.spUpdated = '2014-04-01T08:00:00Z';
        h.users[1]!.spUpdated = '2014-04-02T09:00:00Z';
      });
      const e = await failure(lines('', text));
      expect([e.line, e.field]).toEqual([2, 'users[1].spUpdated']);
    });
  });

  describe('setPhotoSettings lines', () => {
    const SETTINGS = '{"at":"2014-04-01T09:00:00Z","do":"setPhotoSettings","source":"cloud","allowedRoles":["photoAdmin"]}';

    it('reads the source and the roles, leaving allowedRoles absent when the line has none', async () => {
      const { events } = await parsed(
        lines(HEADER, SETTINGS, '{"at":"2014-04-01T10:00:00+01:00","do":"setPhotoSettings","source":"unset","result":"unknown"}'),
      );
      expect(events).toStrictEqual([
        { at: T0, result: 'ok', do: 'setPhotoSettings', source: 'cloud', allowedRoles: ['photoAdmin'] },
        { at: T0, result: 'unknown', do: 'setPhotoSettings', source: 'unset' },
      ]);
    });

    it.each([
      ['an unknown source', SETTINGS.replace('"cloud"', '"hybrid"'), 'source', /invalid value "hybrid"/],
      ['a missing source', SETTINGS.replace('"source":"cloud",', ''), 'source', /missing field/],
      ['roles that are no list', SETTINGS.replace('["photoAdmin"]', '"photoAdmin"'), 'allowedRoles', /invalid value "photoAdmin"/],
      ['an empty role', SETTINGS.replace('["photoAdmin"]', '["photoAdmin",""]'), 'allowedRoles[1]', /invalid value ""/],
      ['an unknown result', SETTINGS.replace('}', ',"result":"maybe"}'), 'result', /invalid value "maybe"/],
    ])('rejects %s, naming its field', async (_name, line, field, message) => {
      const e = await failure(lines(HEADER, line));
      expect([e.code, e.line, e.field]).toEqual(['PHOTOSYNC_BAD_TRACE', 2, field]);
      expect(e.detail).toMatch(message);
    });
  });

  it('reports a file it cannot read', async () => {
    await expect(readTrace('/nonexistent/t.jsonl', { header: () => {}, event: () => {} })).rejects.toMatchObject({
      code: 'PHOTOSYNC_TRACE_UNREADABLE',
      file: '/nonexistent/t.jsonl',
      detail: 'cannot read the trace: no such file (ENOENT)',
    });
    await expect(readTrace(tmpdir(), { header: () => {}, event: () => {} })).rejects.toMatchObject({
      code: 'PHOTOSYNC_TRACE_UNREADABLE',
      detail: 'cannot read the trace: it is a directory (EISDIR)',
    });
  });

  it("passes on a visitor's own failure as it is: the file is not to blame", async () => {
    const bug = new RangeError('a bug in the visitor');
    await expect(
      readTrace(traceFile(lines(HEADER, SET)), {
        header: () => {},
        event: () => {
          throw bug;
        },
      }),
    ).rejects.toBe(bug);
    await expect(
      readTrace(traceFile(lines(HEADER, SET)), {
        header: () => {
          throw bug;
        },
        event: () => {},
      }),
    ).rejects.toBe(bug);
  });
});

/** What a reader (of the whole trace, or one shard) visits, or the error it stops with. */
async function visits(path: string, shard?: TraceShard) {
  const seen: { line: number; event: TraceEvent }[] = [];
  try {
    const counts = await readTrace(path, { header: () => {}, event: (event, line) => void seen.push({ line, event }) }, shard);
    return { seen, counts, error: undefined };
  } catch (e) {
    return { seen, counts: undefined, error: e as Error };
  }
}

function errorData(e: Error | undefined) {
  if (!(e instanceof TraceError)) return e;
  const { code, line, field, detail } = e;
  return { code, line, field, detail };
}

describe('readTrace in shards', () => {
  it('visits each event of a subject in the shard of its subject only, every other event in every shard, in order', async () => {
    let passed = 0;
    for (let seed = 1; seed <= 24; seed++) {
      const path = traceFile(lines(...randomTraceLines(seed, 150)));
      const whole = await visits(path);
      expect(whole.error).toBeUndefined();
      const count = 2 + (seed % 3);
      for (let index = 0; index < count; index++) {
        const part = await visits(path, { index, count });
        expect(part.error).toBeUndefined();
        const mine = whole.seen.filter(({ event }) => {
          const subject = subjectOf(event);
          return subject === undefined || shardOf(subject, count) === index;
        });
        expect(part.seen).toStrictEqual(mine);
        expect(part.counts?.events).toBe(whole.counts?.events);
        passed += part.counts!.passed;
      }
    }
    expect(passed).toBeGreaterThan(1000);
  });

  it('property: the first error among the shards, at the least line, is the error of the whole trace', async () => {
    const bad = [
      (l: string) => l.replace(/"at":"[^"]*"/, '"at":"2000-01-01T00:00:00Z"'),
      (l: string) => l.replace(/"at":"[^"]*"/, '"at":"2999-01-01T00:00:00Z"'),
      (l: string) => l.replace(/"photo":"[^"]*"/, '"photo":""'),
      (l: string) => l.replace(/"(see|do)":"[^"]*"/, '"$1":"nonsense"'),
      (l: string) => l.replace(/"at":"[^"]*"/, '"at":"yesterday"'),
      (l: string) => l.slice(0, -3),
    ];
    const rng = new Prng(11);
    let errors = 0;
    for (let k = 0; k < 40; k++) {
      const body = randomTraceLines(100 + k, 60);
      const at = rng.between(1, body.length - 1);
      body[at] = rng.pick(bad)(body[at]!);
      // a second fault, later, sometimes
      if (rng.chance(0.5)) {
        const later = rng.between(at, body.length - 1);
        body[later] = rng.pick(bad)(body[later]!);
      }
      const path = traceFile(lines(...body));
      const whole = await visits(path);
      const count = 2 + (k % 3);
      const parts = await Promise.all(Array.from({ length: count }, (_, index) => visits(path, { index, count })));
      for (const p of parts) expect(p.error === undefined || p.error instanceof TraceError).toBe(true);
      const first = parts
        .map((p) => p.error as TraceError | undefined)
        .filter((e) => e !== undefined)
        .sort((a, b) => a.line - b.line)[0];
      expect(errorData(first)).toStrictEqual(errorData(whole.error));
      if (whole.error !== undefined) errors++;
    }
    expect(errors).toBeGreaterThan(20);
  });

  it('throws a ShardMismatchError in the shard whose claim a nested key made wrong', async () => {
    const ids = ['alice', 'bob', 'carol', 'dave'];
    const [a, b] = [ids.find((id) => shardOf(id, 2) === 0)!, ids.find((id) => shardOf(id, 2) === 1)!];
    const line = `{"at":"2014-04-01T09:05:00Z","note":{"user":"${b}"},"see":"graph","user":"${a}","viewer":"${a}","photo":"none"}`;
    const path = traceFile(lines(HEADER, SEE, line));
    const parts = await Promise.all([0, 1].map((index) => visits(path, { index, count: 2 })));
    // shard 1 takes the line for its own and finds it is not; shard 0 passed over it
    expect(parts[1]!.error).toBeInstanceOf(ShardMismatchError);
    expect((parts[1]!.error as ShardMismatchError).line).toBe(3);
    expect(parts[0]!.error).toBeUndefined();
  });
});

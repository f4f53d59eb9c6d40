import { appendFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_LINE_BYTES } from '../trace/readLines.js';
import { CampaignError } from './CampaignError.js';
import { JsonLog } from './JsonLog.js';

const fresh = () => join(mkdtempSync(join(tmpdir(), 'photosync-log-')), 'log.jsonl');

describe('JsonLog', () => {
  it('reads back every line appended, numbered from 1', () => {
    const path = fresh();
    const log = JsonLog.open(path);
    log.append({ a: 1 });
    log.append({ b: 'two' });
    log.close();
    expect(JsonLog.read(path)).toEqual({
      lines: [
        { line: 1, value: { a: 1 } },
        { line: 2, value: { b: 'two' } },
      ],
    });
  });

  it('reads a missing log as empty', () => {
    expect(JsonLog.read(fresh()).lines).toEqual([]);
  });

  it.each([
    ['torn by a crash mid-write', '{"c":'],
    ['not a JSON object', '[1,2]\n'],
  ])('cuts off a last line %s, keeps it beside the log, and names its line', (_, bad) => {
    const path = fresh();
    writeFileSync(path, '{"a":1}\n{"b":2}\n');
    appendFileSync(path, bad);
    const read = JsonLog.read(path);
    expect(read.lines.map((l) => l.value)).toEqual([{ a: 1 }, { b: 2 }]);
    expect(read.cut).toEqual({ line: 3, savedTo: `${path}.cut-line-3` });
    expect(readFileSync(path, 'utf8')).toBe('{"a":1}\n{"b":2}\n');
    expect(readFileSync(read.cut!.savedTo, 'utf8')).toBe(bad.replace(/\n$/, ''));
    // appending goes on after the last good line
    const log = JsonLog.open(path);
    log.append({ c: 3 });
    log.close();
    expect(JsonLog.read(path).lines.map((l) => l.line)).toEqual([1, 2, 3]);
  });

  it('with cut: false, only names the bad last line and changes nothing', () => {
    const path = fresh();
    writeFileSync(path, '{"a":1}\n{"b"');
    expect(JsonLog.read(path, { cut: false }).cut?.line).toBe(2);
    expect(readFileSync(path, 'utf8')).toBe('{"a":1}\n{"b"');
    expect(existsSync(`${path}.cut-line-2`)).toBe(false);
  });

  it('refuses a bad line with lines after it, naming the file and the line, and changes nothing', () => {
    const path = fresh();
    const text = '{"a":1}\nnot json\n{"b":2}\n';
    writeFileSync(path, text);
    expect(() => JsonLog.read(path)).toThrow(CampaignError);
    expect(() => JsonLog.read(path)).toThrow(`${path}:2: not a JSON object`);
    expect(readFileSync(path, 'utf8')).toBe(text);
  });

  it('reads a log saved with a byte order mark, CRLF line ends and blank lines (an editor’s), numbering every line, changing nothing', () => {
    const path = fresh();
    const text = '\ufeff{"a":1}\r\n\r\n  \n{"b":2}\r\n{"c":3}\n\n';
    writeFileSync(path, text);
    expect(JsonLog.read(path)).toEqual({
      lines: [
        { line: 1, value: { a: 1 } },
        { line: 4, value: { b: 2 } },
        { line: 5, value: { c: 3 } },
      ],
    });
    expect(readFileSync(path, 'utf8')).toBe(text);
    expect(readdirSync(dirname(path))).toEqual(['log.jsonl']);
  });

  it('cuts a torn last line after blank lines and CRLF lines byte for byte, keeping every line before it as it was', () => {
    const path = fresh();
    const before = Buffer.from('\ufeff{"a":1}\r\n\n{"b":2}\r\n');
    // a byte that is not UTF-8 in the torn line: kept as it was, not as UTF-8 read it
    const torn = Buffer.from([...Buffer.from('{"c":"'), 0xff, 0xc3]);
    writeFileSync(path, Buffer.concat([before, torn]));
    const read = JsonLog.read(path);
    expect(read.lines.map((l) => l.line)).toEqual([1, 3]);
    expect(read.cut).toEqual({ line: 4, savedTo: `${path}.cut-line-4` });
    expect(readFileSync(path)).toEqual(before);
    expect(readFileSync(read.cut!.savedTo)).toEqual(torn);
  });

  it('refuses a line longer than 4 MiB, wherever it is, naming the file and the line, at once and changing nothing', () => {
    const long = `{"pad":"${'x'.repeat(MAX_LINE_BYTES + 2 ** 20)}"}`;
    for (const text of [`{"a":1}\n${long}\n{"b":2}\n`, `{"a":1}\n{"b":2}\n${long}`, `{"a":1}\n{"b":2}\n${long.slice(0, -2)}`]) {
      const path = fresh();
      writeFileSync(path, text);
      const began = performance.now();
      const error = refusal(() => JsonLog.read(path));
      expect(performance.now() - began).toBeLessThan(1_000);
      expect(error).toMatchObject({ code: 'PHOTOSYNC_CAMPAIGN_UNREADABLE', place: { file: path, line: text.startsWith(long, 8) ? 2 : 3 } });
      expect(error.message).toMatch(new RegExp(`^${path}:[23]: a line longer than 4 MiB: .*nothing was changed$`));
      expect(readFileSync(path, 'utf8')).toBe(text);
      expect(readdirSync(dirname(path))).toEqual(['log.jsonl']);
    }
  });

  it.runIf(process.platform !== 'win32')('stops at the bound on an endless file without line ends (/dev/zero)', () => {
    expect(refusal(() => JsonLog.read('/dev/zero', { cut: false }))).toMatchObject({
      code: 'PHOTOSYNC_CAMPAIGN_UNREADABLE',
      place: { file: '/dev/zero', line: 1 },
    });
  });

  it('refuses a log saved as UTF-16 (Notepad’s "Unicode"), with a byte order mark or without, naming it so and changing nothing', () => {
    const text = '{"a":1}\r\n{"b":2}\r\n';
    const le = Buffer.from(text, 'utf16le');
    for (const bytes of [
      Buffer.concat([Buffer.from([0xff, 0xfe]), le]),
      Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(le).swap16()]),
      le,
    ]) {
      const path = fresh();
      writeFileSync(path, bytes);
      const error = refusal(() => JsonLog.read(path));
      expect(error).toMatchObject({ code: 'PHOTOSYNC_CAMPAIGN_UNREADABLE', place: { file: path, line: 1 } });
      expect(error.message).toMatch(/:1: .*the file looks like UTF-16; save it as UTF-8.*nothing was changed/);
      expect(readFileSync(path)).toEqual(bytes);
      expect(readdirSync(dirname(path))).toEqual(['log.jsonl']);
    }
  });

  it('refuses a log saved with CR line ends alone, naming the CR, where it would have been one torn line cut off whole', () => {
    for (const text of ['{"a":1}\r{"b":2}\r', '{"a":1}\r{"b":2}', '{"a":1}\n{"b":2}\r{"c":3}\n{"d":4}\n']) {
      const path = fresh();
      writeFileSync(path, text);
      const error = refusal(() => JsonLog.read(path));
      expect(error).toMatchObject({ code: 'PHOTOSYNC_CAMPAIGN_UNREADABLE' });
      expect(error.message).toMatch(
        /:[12]: not valid JSON .*: it holds a CR at column 8 that ends no line; line ends must be \\n or \\r\\n; nothing was changed$/,
      );
      expect(readFileSync(path, 'utf8')).toBe(text);
      expect(readdirSync(dirname(path))).toEqual(['log.jsonl']);
    }
  });
});

/** The CampaignError `read` throws. */
function refusal(read: () => unknown): CampaignError {
  try {
    read();
  } catch (e) {
    expect(e).toBeInstanceOf(CampaignError);
    return e as CampaignError;
  }
  throw new Error('not refused');
}

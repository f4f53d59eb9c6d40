import { appendFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
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
});

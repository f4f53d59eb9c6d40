import { describe, expect, it } from 'vitest';
import { terminalSafe, terminalSafeReport } from './terminalSafe.js';

describe('terminalSafe', () => {
  it('shows each C0 and C1 control, DEL and bidi override or isolate as its escape', () => {
    expect(terminalSafe('\u001b[2J\u001b[31mRED')).toBe('\\u001b[2J\\u001b[31mRED');
    expect(terminalSafe('a\tb\nc\r\u0000\u0007\u007f\u0085\u009b')).toBe('a\\u0009b\\u000ac\\u000d\\u0000\\u0007\\u007f\\u0085\\u009b');
    expect(terminalSafe('\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069')).toBe(
      '\\u202a\\u202b\\u202c\\u202d\\u202e\\u2066\\u2067\\u2068\\u2069',
    );
  });

  it('leaves printable text as it is, accents, box drawing and emoji included', () => {
    const text = 'p1 ~ élodie │ ✅ 写真 \u00a0\u2029\u2070 C:\\traces\\t.jsonl';
    expect(terminalSafe(text)).toBe(text);
  });
});

describe('terminalSafeReport', () => {
  it('escapes every string of a report, keys and nested ones, and keeps its shape and other values', () => {
    const report = {
      trace: 'a\u001bb.jsonl',
      n: 3,
      ok: true,
      none: null,
      results: [{ event: { photo: '\u009b31m', ['\u001bkey']: ['\u202eevil'] } }],
    };
    expect(terminalSafeReport(report)).toEqual({
      trace: 'a\\u001bb.jsonl',
      n: 3,
      ok: true,
      none: null,
      results: [{ event: { photo: '\\u009b31m', ['\\u001bkey']: ['\\u202eevil'] } }],
    });
    // the report given is not changed
    expect(report.trace).toBe('a\u001bb.jsonl');
  });
});

import { describe, expect, it } from 'vitest';
import { looksLikeUtf16 } from './utf16.js';

const json = '{\n  "tenantId": "x"\n}\n';

describe('looksLikeUtf16', () => {
  it('knows UTF-16 with or without a byte order mark, little- or big-endian', () => {
    const le = Buffer.from(json, 'utf16le');
    const be = Buffer.from(le).swap16();
    expect(looksLikeUtf16(Buffer.concat([Buffer.from([0xff, 0xfe]), le]))).toBe(true);
    expect(looksLikeUtf16(Buffer.concat([Buffer.from([0xfe, 0xff]), be]))).toBe(true);
    expect(looksLikeUtf16(le)).toBe(true);
    expect(looksLikeUtf16(be)).toBe(true);
  });

  it('takes UTF-8, a UTF-8 byte order mark, bytes that are not text and a stray NUL for what they are', () => {
    expect(looksLikeUtf16(Buffer.from(json))).toBe(false);
    expect(looksLikeUtf16(Buffer.from(`\ufeff${json}`))).toBe(false);
    expect(looksLikeUtf16(Buffer.from([0xc3, 0x28, 0xa0, 0xa1, 0x00, 0x7b, 0x0a, 0x20]))).toBe(false);
    expect(looksLikeUtf16(Buffer.from(`{"a":\u0000"b"}`))).toBe(false);
    expect(looksLikeUtf16(Buffer.from(''))).toBe(false);
  });

  it('reads a line as UTF-8 read it alike: ASCII with every other character NUL', () => {
    expect(looksLikeUtf16(Buffer.from(json, 'utf16le').toString('utf8'))).toBe(true);
    expect(looksLikeUtf16(json)).toBe(false);
    expect(looksLikeUtf16('{"id":"al\u0000ice"}')).toBe(false);
  });
});

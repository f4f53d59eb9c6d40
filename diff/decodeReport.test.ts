import { describe, expect, it } from 'vitest';
import { decodeReport } from './decodeReport.js';

const JSON_TEXT = '{"report":"check","ü":"é"}';
const utf8 = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));
const utf16le = (text: string) => new Uint8Array(Buffer.from(text, 'utf16le'));

describe('decodeReport', () => {
  it('reads UTF-8 as it is, and without its byte order mark', () => {
    expect(decodeReport(utf8(JSON_TEXT))).toEqual({ text: JSON_TEXT });
    expect(decodeReport(utf8(`\ufeff${JSON_TEXT}`))).toEqual({ text: JSON_TEXT });
    // a mark further on is no byte order mark: JSON.parse names it
    expect(decodeReport(utf8(` \ufeff${JSON_TEXT}`))).toEqual({ text: ` \ufeff${JSON_TEXT}` });
  });

  it.each([
    ['little-endian with its byte order mark (Windows PowerShell 5, iconv -t utf-16)', utf16le(`\ufeff${JSON_TEXT}`)],
    ['little-endian without one', utf16le(JSON_TEXT)],
    ['big-endian with its byte order mark', new Uint8Array(Buffer.from(`\ufeff${JSON_TEXT}`, 'utf16le').swap16())],
    ['big-endian without one', new Uint8Array(Buffer.from(JSON_TEXT, 'utf16le').swap16())],
    ['a lone character', utf16le('{')],
  ])('tells UTF-16 %s', (_, bytes) => {
    expect(decodeReport(bytes)).toEqual({ encoding: 'utf-16' });
  });

  it('reads an empty file and a one-byte file as text: JSON.parse says what is wrong with them', () => {
    expect(decodeReport(new Uint8Array())).toEqual({ text: '' });
    expect(decodeReport(utf8('{'))).toEqual({ text: '{' });
  });
});

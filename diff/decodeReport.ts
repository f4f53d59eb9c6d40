import { isUtf16Bom } from '../trace/utf16.js';

/** A report file's text, or `utf-16` for a file saved so, which JSON.parse would misread as garbage. */
export type DecodedReport = { readonly text: string } | { readonly encoding: 'utf-16' };

/**
 * A report file's bytes as text: UTF-8, with or without a byte order mark (Windows PowerShell 5's
 * `Out-File -Encoding utf8` writes one). UTF-16 (its `>`) is told by its byte order mark, or, without
 * one, by a zero byte among the first two: JSON's text in UTF-8 holds none, its first character in UTF-16 does.
 */
export function decodeReport(bytes: Uint8Array): DecodedReport {
  const [a, b] = bytes;
  if (isUtf16Bom(a, b) || a === 0 || b === 0) return { encoding: 'utf-16' };
  const bom = a === 0xef && b === 0xbb && bytes[2] === 0xbf;
  return { text: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8', bom ? 3 : 0) };
}

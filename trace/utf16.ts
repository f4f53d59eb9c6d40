/** What a file in UTF-16 gets told; Windows PowerShell 5 writes one with `>` or `Out-File`. */
export const UTF16_HINT = 'the file looks like UTF-16; save it as UTF-8 (in PowerShell, Out-File -Encoding utf8)';

/** Whether two bytes are a UTF-16 byte order mark, little- or big-endian. */
export function isUtf16Bom(first: number | undefined, second: number | undefined): boolean {
  return (first === 0xff && second === 0xfe) || (first === 0xfe && second === 0xff);
}

/**
 * Whether a file's bytes (or a line of it as UTF-8 read them) are UTF-16 text: a UTF-16 byte order
 * mark, or ASCII with a NUL as every other byte (the high byte of each character, first in
 * UTF-16BE, second in UTF-16LE). Random bytes, or a NUL here and there, are not so.
 */
export function looksLikeUtf16(source: Uint8Array | string): boolean {
  const at = typeof source === 'string' ? (i: number) => source.charCodeAt(i) : (i: number) => source[i]!;
  // a line as UTF-8 read it has no byte order mark left to see (readLines names one)
  if (typeof source !== 'string' && source.length >= 2 && isUtf16Bom(at(0), at(1))) return true;
  const n = Math.min(source.length, SAMPLE);
  if (n < 4) return false;
  const nul = at(0) === 0 ? 0 : 1;
  for (let i = 0; i < n; i++) {
    const c = at(i);
    if (i % 2 === nul ? c !== 0 : !(c === 9 || c === 10 || c === 13 || (c >= 32 && c < 127))) return false;
  }
  return true;
}

// enough characters to tell, few enough that a long file costs nothing
const SAMPLE = 64;

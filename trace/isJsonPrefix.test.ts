import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isJsonPrefix } from './isJsonPrefix.js';

/**
 * V8's own answer, as a reference: JSON.parse of a text cut short fails at its end ("Unexpected end
 * of JSON input", or "at position N" with N its length), of any other bad text before it.
 */
function v8SaysCutShort(text: string): boolean {
  try {
    JSON.parse(text);
    return false;
  } catch (e) {
    const message = (e as Error).message;
    const at = /at position (\d+)/.exec(message);
    return message.startsWith('Unexpected end of JSON input') || (at !== null && Number(at[1]) === text.length);
  }
}

describe('isJsonPrefix', () => {
  it('property: takes every start of a JSON object for one, and the whole object for none', () => {
    fc.assert(
      fc.property(fc.object(), fc.constantFrom(undefined, 1, '\t', ' \r\n'), (o, space) => {
        const text = JSON.stringify(o, null, space);
        const cut = Array.from({ length: text.length - 1 }, (_, n) => text.slice(0, n + 1)).filter((t) => !isJsonPrefix(t));
        expect(cut).toEqual([]);
        expect(isJsonPrefix(text)).toBe(false);
      }),
      { numRuns: 200 },
    );
  });

  it('property: says what JSON.parse says of any text starting with `{`', () => {
    const piece = fc.constantFrom(...'{}[]:,"\\ -+.0123456789eEtrufalsn\tu0aF/x\u0001\r\n'.split(''), '"a"', 'true', '\\u00e9');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 14 }), (pieces) => {
        const text = `{${pieces.join('')}`;
        expect([text, isJsonPrefix(text)]).toEqual([text, v8SaysCutShort(text)]);
      }),
      { numRuns: 20_000 },
    );
  });

  it.each([
    ['a torn event', '{"at":"2014-04-07T09:00:00Z","see":"gr', true],
    ['a cut escape', '{"a":"\\u00', true],
    ['a cut number', '{"a":-1.5e', true],
    ['a cut literal', '{"a":[fal', true],
    ['white space first', ' \t{', true],
    ['NUL bytes', '\u0000\u0000\u0000', false],
    ['a UTF-16 text', '{\u0000"\u0000f\u0000', false],
    ['lines ending in CR alone', 'H\rL2\r', false],
    ['a CR-ended header and more', '{"format":"photosync-trace"}\r{"at":', false],
    ['a raw control character in a string', '{"a":"b\u0001', false],
    ['a number with a leading zero', '{"a":01', false],
    ['a comma before a close', '{"a":[1,]', false],
    ['an array', '[1,', false],
    ['nothing', '', false],
  ])('%s: %s', (_name, text, expected) => {
    expect(isJsonPrefix(text)).toBe(expected);
  });
});

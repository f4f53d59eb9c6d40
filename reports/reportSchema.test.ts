import { describe, expect, it } from 'vitest';
import { reportSchema, STANDARD_FORMATS } from './reportSchema.js';

/** Every value of `key` anywhere in `value`, with where it is. */
function valuesOf(value: unknown, key: string, at = '#'): [string, unknown][] {
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => [
    ...(k === key ? [[`${at}/${k}`, v] as [string, unknown]] : []),
    ...valuesOf(v, key, `${at}/${k}`),
  ]);
}

describe('reportSchema', () => {
  it('uses only the formats draft 2020-12 defines: a validator (ajv) warns of any other, or refuses it in strict mode', () => {
    const schema: unknown = JSON.parse(reportSchema());
    const formats = valuesOf(schema, 'format');
    // a property named `format` is an object: only a string is the keyword
    expect(formats.filter(([, f]) => typeof f === 'string' && !STANDARD_FORMATS.has(f))).toEqual([]);
  });

  it('keeps as a pattern what a format zod made up said: an image is a data: URI', () => {
    const schema: unknown = JSON.parse(reportSchema());
    const patterns = valuesOf(schema, 'pattern').map(([, p]) => p);
    expect(patterns).toContain('^data:image\\/.*');
    expect(new RegExp('^data:image\\/.*').test('data:image/jpeg;base64,AAAA')).toBe(true);
  });
});

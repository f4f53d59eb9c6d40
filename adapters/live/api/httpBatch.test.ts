import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { batchBody, batchParts, boundaryOf, partStatus, type BatchPart } from './httpBatch.js';

describe('OData $batch bodies', () => {
  it('reads back every part it writes, in order', () => {
    const token = fc.stringMatching(/^[A-Za-z][A-Za-z0-9-]{0,12}$/);
    const part: fc.Arbitrary<BatchPart> = fc.record({
      start: fc.oneof(
        fc.constantFrom('GET https://contoso.sharepoint.com/_api/web HTTP/1.1', 'HTTP/1.1 200 OK', 'HTTP/1.1 404 Not Found'),
        token.map((t) => `GET /_api/${t} HTTP/1.1`),
      ),
      headers: fc.dictionary(
        token.map((t) => t.toLowerCase()),
        fc.stringMatching(/^[ -~]{1,20}$/).map((v) => v.trim() || 'x'),
        { maxKeys: 3 },
      ),
      // JSON bodies, with line breaks and dashes that look like nothing but text
      body: fc.oneof(
        fc.constant(''),
        fc.json().map((j) => `${j}\r\n-- not a boundary\n{}`),
      ),
    });
    fc.assert(
      fc.property(fc.array(part, { minLength: 1, maxLength: 5 }), (parts) => {
        const boundary = 'batch_5b1c0ddc-8e0b-4c5e-9a57-2f8f0e8d6c11';
        expect(batchParts(batchBody(boundary, parts), boundary)).toEqual(parts);
      }),
      { numRuns: 200, seed: 5 },
    );
  });

  it('reads SharePoint’s own answer, preamble, header case and LF line ends included', () => {
    const answer = [
      'preamble',
      '--batchresponse_1',
      'Content-Type: application/http',
      'Content-Transfer-Encoding: binary',
      '',
      'HTTP/1.1 200 OK',
      'CONTENT-TYPE: application/json;odata=nometadata;streaming=true;charset=utf-8',
      '',
      '{"PictureUrl":null}',
      '--batchresponse_1',
      'Content-Type: application/http',
      '',
      'HTTP/1.1 404 Not Found',
      '',
      '',
      '--batchresponse_1--',
      '',
    ].join('\n');
    const parts = batchParts(answer, boundaryOf('multipart/mixed; boundary=batchresponse_1')!)!;
    expect(parts.map(partStatus)).toEqual([200, 404]);
    expect(parts[0]!.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(parts[0]!.body)).toEqual({ PictureUrl: null });
  });

  it('takes nothing for a whole that is not one: no closing line, a part that is not HTTP, another boundary', () => {
    const whole = batchBody('b1', [{ start: 'HTTP/1.1 200 OK', headers: {}, body: '{}' }]);
    expect(batchParts(whole.replace('--b1--', ''), 'b1')).toBeUndefined();
    expect(batchParts(whole.replace('application/http', 'text/plain'), 'b1')).toBeUndefined();
    expect(batchParts(whole, 'b2')).toBeUndefined();
    expect(boundaryOf('application/json')).toBeUndefined();
    expect(boundaryOf('multipart/mixed; boundary="quoted_1"; charset=utf-8')).toBe('quoted_1');
    expect(partStatus({ start: 'GET / HTTP/1.1', headers: {}, body: '' })).toBeUndefined();
  });
});

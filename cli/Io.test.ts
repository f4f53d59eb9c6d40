import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { pipeWriter } from './Io.js';

/** A stream whose reader goes away after `accepts` writes, as `head -1` closing its pipe does. */
function closingAfter(accepts: number, code: string): { stream: Writable; written: string[] } {
  const written: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      if (written.length >= accepts) return done(Object.assign(new Error(`write ${code}`), { code }));
      written.push(chunk.toString());
      done();
    },
  });
  return { stream, written };
}

const settled = () => new Promise((resolve) => setImmediate(resolve));

describe('pipeWriter', () => {
  it('drops what a reader that went away no longer reads, and calls it no failure', async () => {
    const failures: string[] = [];
    const { stream, written } = closingAfter(1, 'EPIPE');
    const write = pipeWriter(stream, (e) => failures.push(e.code ?? ''));
    write('first\n');
    write('second\n');
    await settled();
    expect(() => write('third\n')).not.toThrow();
    await settled();
    expect(written).toEqual(['first\n']);
    expect(failures).toEqual([]);
  });

  it('reports another error of the stream (a full disk) once, and drops what follows', async () => {
    const failures: string[] = [];
    const { stream, written } = closingAfter(1, 'ENOSPC');
    const write = pipeWriter(stream, (e) => failures.push(e.code ?? ''));
    for (const text of ['first\n', 'second\n', 'third\n']) {
      write(text);
      await settled();
    }
    expect(written).toEqual(['first\n']);
    expect(failures).toEqual(['ENOSPC']);
  });
});

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
  it('drops what a reader that went away no longer reads, and throws nothing', async () => {
    const { stream, written } = closingAfter(1, 'EPIPE');
    const write = pipeWriter(stream);
    write('first\n');
    write('second\n');
    await settled();
    expect(() => write('third\n')).not.toThrow();
    await settled();
    expect(written).toEqual(['first\n']);
    expect(stream.listenerCount('error')).toBe(1);
  });

  it('does not hide another error of the stream', () => {
    const { stream } = closingAfter(0, 'EIO');
    pipeWriter(stream);
    expect(() => stream.emit('error', Object.assign(new Error('write EIO'), { code: 'EIO' }))).toThrow('write EIO');
  });
});

import { describe, expect, it } from 'vitest';
import { MAX_LINE_BYTES, readLines, readLinesSync } from './readLines.js';
import { TraceError } from './TraceError.js';
import { traceFile } from './traceFile.testkit.js';

const CHUNK = 1 << 16;

/** Every line handed out, with its number and whether it ended in a newline, or the error it stopped with; and how many chunks were read. */
async function read(path: string) {
  const got: [string, number, boolean][] = [];
  let chunks = 0;
  try {
    await readLines(
      path,
      (text, line, terminated) => void got.push([text, line, terminated]),
      () => void chunks++,
    );
    return { got, chunks, error: undefined };
  } catch (e) {
    return { got, chunks, error: e as TraceError };
  }
}

describe('readLines', () => {
  it('hands out lines whole across chunks, CR LF as LF, a last line without a newline as such', async () => {
    const long = `${'a'.repeat(CHUNK * 3 - 5)}é${'b'.repeat(CHUNK)}`;
    // `é`, two bytes in UTF-8, falls across a chunk's end: each place once
    const split = Array.from({ length: 4 }, (_, i) => `${'c'.repeat(CHUNK - 3 + i)}é`);
    const { got, error } = await read(traceFile(`one\r\n${long}\n\n${split.join('\n')}\nlast`));
    expect(error).toBeUndefined();
    expect(got).toStrictEqual([
      ['one', 1, true],
      [long, 2, true],
      ['', 3, true],
      ...split.map((s, i): [string, number, boolean] => [s, 4 + i, true]),
      ['last', 8, false],
    ]);
  });

  it('takes a line of MAX_LINE_BYTES before its newline, whether it ends in a later chunk or ends the file', async () => {
    const line = 'x'.repeat(MAX_LINE_BYTES);
    const cases: [string, [number, number, boolean][]][] = [
      [
        `a\n${line}\nb\n`,
        [
          [1, 1, true],
          [MAX_LINE_BYTES, 2, true],
          [1, 3, true],
        ],
      ],
      [
        `a\n${line}`,
        [
          [1, 1, true],
          [MAX_LINE_BYTES, 2, false],
        ],
      ],
      // the CR counts: the line holds one byte less
      [
        `a\n${line.slice(1)}\r\nb`,
        [
          [1, 1, true],
          [MAX_LINE_BYTES - 1, 2, true],
          [1, 3, false],
        ],
      ],
    ];
    for (const [text, expected] of cases) {
      const { got, error } = await read(traceFile(text));
      expect(error).toBeUndefined();
      expect(got.map(([t, n, terminated]) => [t.length, n, terminated])).toEqual(expected);
    }
  });

  it('rejects a longer line as bad input, naming file and line, after the lines before it and without reading the rest of it', async () => {
    const tooLong = 'x'.repeat(MAX_LINE_BYTES + 1);
    for (const text of [
      `a\nb\n${tooLong}\nc\n`,
      `a\nb\n${tooLong}`,
      `a\nb\n${tooLong.slice(1)}\r\nc\n`,
      `a\nb\n${'y'.repeat(3 * MAX_LINE_BYTES)}\n`,
    ]) {
      const path = traceFile(text);
      const { got, chunks, error } = await read(path);
      expect(got.map(([t]) => t.slice(0, 8))).toEqual(['a', 'b']);
      expect(error).toBeInstanceOf(TraceError);
      expect(error).toMatchObject({ code: 'PHOTOSYNC_BAD_TRACE', file: path, line: 3, field: '' });
      expect(error?.message).toBe(
        `${path}:3: a line longer than ${MAX_LINE_BYTES / 2 ** 20} MiB: no line of a trace comes near that (is the file a trace?); the rest of it was not read`,
      );
      expect(chunks).toBeLessThanOrEqual(MAX_LINE_BYTES / CHUNK + 1);
    }
  });

  it.runIf(process.platform !== 'win32')('stops at the bound on an endless file without line ends', async () => {
    const { got, error } = await read('/dev/zero');
    expect(got).toEqual([]);
    expect(error).toMatchObject({ code: 'PHOTOSYNC_BAD_TRACE', file: '/dev/zero', line: 1 });
  });

  it('names a file that starts with a UTF-16 byte order mark as UTF-16, at line 1, and passes a UTF-8 one on', async () => {
    for (const bom of [
      [0xff, 0xfe],
      [0xfe, 0xff],
    ]) {
      for (const rest of [Buffer.alloc(0), Buffer.from('{\0}\0\n\0', 'latin1')]) {
        const { got, error } = await read(traceFile(Buffer.concat([Buffer.from(bom), rest])));
        expect(got).toEqual([]);
        expect(error).toMatchObject({ code: 'PHOTOSYNC_BAD_TRACE', line: 1, field: '' });
        expect(error?.detail).toMatch(/UTF-16 byte order mark.*save it as UTF-8/);
      }
    }
    expect((await read(traceFile('\ufeff{}\n'))).got).toEqual([['\ufeff{}', 1, true]]);
    // one byte of it, or the two further on, are no mark
    expect((await read(traceFile(Buffer.from([0xff])))).got).toEqual([['\ufffd', 1, false]]);
    expect((await read(traceFile(Buffer.from([0x7b, 0xff, 0xfe])))).got).toEqual([['{\ufffd\ufffd', 1, false]]);
  });
});

describe('readLinesSync', () => {
  /** Every line handed out, or the error it stopped with. */
  const readSync = (path: string, tooLong?: (path: string, line: number) => Error) => {
    const got: [string, number, boolean][] = [];
    try {
      readLinesSync(path, (text, line, terminated) => void got.push([text, line, terminated]), tooLong);
      return { got, error: undefined };
    } catch (e) {
      return { got, error: e as Error };
    }
  };

  it('hands out the lines readLines does, on the same files', async () => {
    const long = `${'a'.repeat(CHUNK * 3 - 5)}é${'b'.repeat(CHUNK)}`;
    const split = Array.from({ length: 4 }, (_, i) => `${'c'.repeat(CHUNK - 3 + i)}é`);
    for (const text of [`one\r\n${long}\n\n${split.join('\n')}\nlast`, '', '\n', 'a\rb\rc\r', `\ufeff{}\r\n\n`]) {
      const path = traceFile(text);
      expect(readSync(path)).toStrictEqual({ got: (await read(path)).got, error: undefined });
    }
  });

  it('refuses what readLines refuses, at the same line: a line too long (in its caller’s words, if it has them), a UTF-16 byte order mark', async () => {
    const tooLong = traceFile(`a\nb\n${'y'.repeat(3 * MAX_LINE_BYTES)}\n`);
    const bom = traceFile(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{}\n', 'utf16le')]));
    for (const path of [tooLong, bom]) {
      const { got, error } = readSync(path);
      const expected = await read(path);
      expect(got).toStrictEqual(expected.got);
      expect(error).toStrictEqual(expected.error);
      expect(error).toBeInstanceOf(TraceError);
    }
    const own = new Error('too long for a log');
    expect(readSync(tooLong, (path, line) => Object.assign(own, { path, line })).error).toMatchObject({ path: tooLong, line: 3 });
  });

  it.runIf(process.platform !== 'win32')('stops at the bound on an endless file without line ends', () => {
    const { got, error } = readSync('/dev/zero');
    expect(got).toEqual([]);
    expect(error).toMatchObject({ code: 'PHOTOSYNC_BAD_TRACE', file: '/dev/zero', line: 1 });
  });
});

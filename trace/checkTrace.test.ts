import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PROFILES } from '../model/profiles.js';
import { checkTrace } from './checkTrace.js';
import { TraceError } from './TraceError.js';
import { HEADER, lines, traceFile } from './traceFile.testkit.js';

const SEE = '{"at":"2014-04-01T09:02:00Z","see":"owa-contact-card","user":"alice","viewer":"bob","photo":"p0"}';
const REFUSED =
  /cannot read the trace: it is a (pipe|socket|device), not a regular file \(check reads a trace more than once, and a pipe or a socket can be read only once\): save the trace to a file first/;

// pipes by name, devices and /dev/stdin as a path are POSIX's
const posix = process.platform !== 'win32';

describe('checkTrace on what is not a regular file', () => {
  it.runIf(posix)('refuses a named pipe before reading it, naming its path', async () => {
    const fifo = join(dirname(traceFile('')), 'fifo.jsonl');
    execFileSync('mkfifo', [fifo]);
    // a writer waits for a reader: had the pipe been read, it would have ended
    const writer = spawn('sh', ['-c', 'cat "$1" > "$2"', 'sh', traceFile(lines(HEADER, SEE)), fifo], { stdio: 'ignore' });
    try {
      const failure = await checkTrace(fifo, PROFILES).catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(TraceError);
      expect(failure).toMatchObject({ code: 'PHOTOSYNC_TRACE_UNREADABLE', file: fifo, line: 0, field: '' });
      expect((failure as TraceError).message).toMatch(new RegExp(`^${fifo}: ${REFUSED.source}`));
      expect((failure as TraceError).detail).toMatch(/^cannot read the trace: it is a pipe, /);
      expect(writer.exitCode).toBeNull();
    } finally {
      writer.kill();
    }
  });

  it.runIf(posix)('refuses a device, which a check would read without end', async () => {
    await expect(checkTrace('/dev/zero', PROFILES)).rejects.toMatchObject({
      code: 'PHOTOSYNC_TRACE_UNREADABLE',
      message: expect.stringMatching(new RegExp(`^/dev/zero: ${REFUSED.source}`)),
      detail: expect.stringMatching(/^cannot read the trace: it is a device, /),
    });
  });

  it('leaves a missing file and a directory to the reader, which names them', async () => {
    await expect(checkTrace('/nonexistent/t.jsonl', PROFILES)).rejects.toMatchObject({
      code: 'PHOTOSYNC_TRACE_UNREADABLE',
      detail: 'cannot read the trace: no such file (ENOENT)',
    });
    await expect(checkTrace(dirname(traceFile('')), PROFILES)).rejects.toMatchObject({
      code: 'PHOTOSYNC_TRACE_UNREADABLE',
      detail: 'cannot read the trace: it is a directory (EISDIR)',
    });
  });

  // the command as a shell runs it, from the build in dist/ (`npm test` makes it first)
  it.runIf(posix)('photosync check /dev/stdin exits 2 when a pipe feeds it, and checks a file it is redirected from', () => {
    const bin = fileURLToPath(new URL('../bin/photosync.js', import.meta.url));
    const text = lines(HEADER, SEE);
    const piped = spawnSync(process.execPath, [bin, 'check', '/dev/stdin', '--format', 'json'], { input: text, encoding: 'utf8' });
    expect([piped.status, piped.stdout]).toEqual([2, '']);
    expect(piped.stderr).toMatch(new RegExp(`^photosync: /dev/stdin: ${REFUSED.source}`));
    const fd = openSync(traceFile(text), 'r');
    try {
      const redirected = spawnSync(process.execPath, [bin, 'check', '/dev/stdin', '--format', 'json'], {
        stdio: [fd, 'pipe', 'pipe'],
        encoding: 'utf8',
      });
      expect([redirected.status, redirected.stderr]).toEqual([0, '']);
      expect(JSON.parse(redirected.stdout)).toMatchObject({ trace: '/dev/stdin', results: PROFILES.map(() => ({ verdict: 'conforms' })) });
    } finally {
      closeSync(fd);
    }
  });
});

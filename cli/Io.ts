import { ExitCode } from './ExitCode.js';

/** Where a command writes: results on `out`, diagnostics on `err`; progress only when `err` is a terminal. */
export type Io = {
  out(text: string): void;
  err(text: string): void;
  readonly errIsTerminal?: boolean;
  /** whether `out` failed (a full disk): what the command wrote is lost, so it gives no verdict */
  readonly outFailed?: () => boolean;
};

/**
 * A writer to `stream` that outlives its reader: once the reader has gone (`photosync rules | head
 * -1` closes the pipe, EPIPE), what it no longer reads is dropped, and the command finishes with its
 * own exit code, as a pipeline under `set -o pipefail` expects. Any other error of the stream (a full
 * disk) goes to `onFailure`, once, and what follows is dropped too.
 */
export function pipeWriter(stream: NodeJS.WritableStream, onFailure: (e: NodeJS.ErrnoException) => void): (text: string) => void {
  let closed = false;
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (closed) return;
    closed = true;
    if (e.code !== 'EPIPE') onFailure(e);
  });
  return (text) => {
    if (!closed) stream.write(text);
  };
}

let outFailed = false;

export const processIo: Io = {
  out: pipeWriter(process.stdout, (e) => {
    outFailed = true;
    process.stderr.write(`photosync: failed, no verdict: the output could not be written: ${e.message}\n`);
    // the command may have returned already: its exit code must not say conforms or diverges
    process.exitCode = ExitCode.failed;
  }),
  // diagnostics that cannot be written change no verdict
  err: pipeWriter(process.stderr, () => undefined),
  errIsTerminal: process.stderr.isTTY === true,
  outFailed: () => outFailed,
};

/** Where a command writes: results on `out`, diagnostics on `err`; progress only when `err` is a terminal. */
export type Io = {
  out(text: string): void;
  err(text: string): void;
  readonly errIsTerminal?: boolean;
};

/**
 * A writer to `stream` that outlives its reader: once the reader has gone (`photosync rules | head
 * -1` closes the pipe, EPIPE), what it no longer reads is dropped, and the command finishes with its
 * own exit code, as a pipeline under `set -o pipefail` expects. Any other error of the stream is thrown.
 */
export function pipeWriter(stream: NodeJS.WritableStream): (text: string) => void {
  let closed = false;
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    closed = true;
  });
  return (text) => {
    if (!closed) stream.write(text);
  };
}

export const processIo: Io = {
  out: pipeWriter(process.stdout),
  err: pipeWriter(process.stderr),
  errIsTerminal: process.stderr.isTTY === true,
};

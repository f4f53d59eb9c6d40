import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs';

/**
 * Appends a trace one line at a time, each line handed to the operating system as it is written,
 * so a crash loses at most the line being written (which readers then report as torn).
 */
export class TraceWriter {
  private fd: number | undefined;

  private constructor(
    readonly path: string,
    fd: number,
    private readonly durable: boolean,
  ) {
    this.fd = fd;
  }

  /** Opens `path` for appending; with `durable`, every line is also forced to disk. */
  static open(path: string, options: { durable?: boolean } = {}): TraceWriter {
    return new TraceWriter(path, openSync(path, 'a'), options.durable ?? false);
  }

  /** Appends one JSON line (a header or an event). */
  append(line: object): void {
    if (this.fd === undefined) throw new Error(`trace ${this.path} is closed`);
    writeSync(this.fd, `${JSON.stringify(line)}\n`);
    if (this.durable) fsyncSync(this.fd);
  }

  close(): void {
    if (this.fd === undefined) return;
    closeSync(this.fd);
    this.fd = undefined;
  }
}

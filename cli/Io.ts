/** Where a command writes: results on `out`, diagnostics on `err`; progress only when `err` is a terminal. */
export type Io = {
  out(text: string): void;
  err(text: string): void;
  readonly errIsTerminal?: boolean;
};

export const processIo: Io = {
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
  errIsTerminal: process.stderr.isTTY === true,
};

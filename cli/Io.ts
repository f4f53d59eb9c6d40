/** Where a command writes: results on `out`, diagnostics on `err`. */
export type Io = {
  out(text: string): void;
  err(text: string): void;
};

export const processIo: Io = {
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
};

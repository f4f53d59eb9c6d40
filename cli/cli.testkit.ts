import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import type { Io } from './Io.js';
import { main } from './main.js';

/** photosync run in this process with `argv`: its exit code and what it wrote to stdout and stderr. */
export async function runCli(
  argv: readonly string[],
  io: Pick<Io, 'errIsTerminal'> = {},
): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { ...io, out: (t) => void (out += t), err: (t) => void (err += t) });
  return { code, out, err };
}

/** A maker of temporary folders named `prefix…`, each removed once the test file's tests are done. */
export function tempDirs(prefix: string): () => string {
  const dirs: string[] = [];
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });
  return () => {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    dirs.push(dir);
    return dir;
  };
}

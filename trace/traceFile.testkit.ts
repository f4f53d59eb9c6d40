import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Test helper: writes `text` to a fresh temporary file and returns its path. */
export function traceFile(text: string | Uint8Array, name = 't.jsonl'): string {
  const path = join(mkdtempSync(join(tmpdir(), 'photosync-')), name);
  writeFileSync(path, text);
  return path;
}

export const HEADER =
  '{"format":"photosync-trace","version":1,"start":"2014-04-01T09:00:00Z","users":[{"id":"alice","photo":"p0","mySite":true,"lync":"online"},{"id":"bob"}]}';

/** Lines joined with newlines, a final newline included. */
export function lines(...ls: string[]): string {
  return ls.map((l) => `${l}\n`).join('');
}

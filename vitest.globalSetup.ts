import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Tests write traces, journals and campaign folders to the temporary directory. One run gets a
// directory of its own (TMPDIR, which the test workers and every process they start inherit),
// removed when the run ends, so running the suite leaves nothing behind in /tmp.
export default function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'photosync-test-'));
  const before = process.env.TMPDIR;
  process.env.TMPDIR = dir;
  return () => {
    if (before === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = before;
    rmSync(dir, { recursive: true, force: true });
  };
}

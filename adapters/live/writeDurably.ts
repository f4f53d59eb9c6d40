import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Writes a file so that a crash leaves the old one or the new one, never half of one: write to a
 * temp file of its own beside it, flush, rename. `mode` is the new file's (0600 for a private one).
 */
export async function writeDurably(path: string, data: Buffer | string, mode = 0o666): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  // a name of its own, so that two processes writing at once never share a temp file
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await open(tmp, 'wx', mode);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, path);
  } catch (e) {
    await unlink(tmp).catch(() => undefined);
    throw e;
  }
}

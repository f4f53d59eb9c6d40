import { chmod, mkdir, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { writeDurably } from '../writeDurably.js';
import { SignInError } from './SignInError.js';

/**
 * Writes `text` to `file` atomically (a temp file beside it, then a rename), the file mode 0600 in
 * a folder of mode 0700 (created if missing). Invariant: a reader sees the old content or the new,
 * never a part; the error it throws names the file and the system's code, never the content.
 */
export async function writePrivateFile(file: string, text: string): Promise<void> {
  try {
    await privateFolder(dirname(file));
    await writeDurably(file, text, 0o600);
  } catch (e) {
    throw new SignInError('PHOTOSYNC_TOKEN_CACHE', `cannot write ${file}: ${(e as NodeJS.ErrnoException).code ?? 'an unknown error'}`);
  }
}

async function privateFolder(folder: string): Promise<void> {
  await mkdir(dirname(folder), { recursive: true });
  await mkdir(folder, { mode: 0o700 }).catch((e: NodeJS.ErrnoException) => {
    if (e.code !== 'EEXIST') throw e;
  });
  // a folder made earlier by hand or by an older umask is tightened, not trusted
  if (process.platform !== 'win32' && ((await stat(folder)).mode & 0o077) !== 0) await chmod(folder, 0o700);
}

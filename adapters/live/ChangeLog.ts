import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { writeDurably } from './writeDurably.js';

const Entry = z.object({ lastChange: z.iso.datetime() });

/**
 * When photosync last changed the tenant, kept on disk so that a later run (another process, after
 * a crash) waits for the tenant to settle before surveying it. Invariant: the time is on disk,
 * flushed, before the change it announces is made.
 */
export class ChangeLog {
  private readonly path: string;

  constructor(dir: string) {
    this.path = join(dir, 'last-change.json');
  }

  /** The last change's time (ms); `now` when the log cannot be read (waiting is safe, not waiting is not); undefined when there was none. */
  async last(now: number): Promise<number | undefined> {
    const text = await readFile(this.path, 'utf8').catch(() => undefined);
    if (text === undefined) return undefined;
    try {
      return Date.parse(Entry.parse(JSON.parse(text)).lastChange);
    } catch {
      return now;
    }
  }

  record(at: number): Promise<void> {
    return writeDurably(this.path, `${JSON.stringify({ lastChange: new Date(at).toISOString() })}\n`);
  }
}

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { writeDurably } from './writeDurably.js';

const Ledger = z.record(z.string(), z.union([z.boolean(), z.literal('unknown')]));
type Ledger = z.infer<typeof Ledger>;

/** A state file photosync cannot read: what it knew of the tenant is lost, so nothing is guessed. */
export class StateFileError extends Error {
  readonly code = 'PHOTOSYNC_STATE_FILE';
  constructor(readonly path: string) {
    super(
      `${path} is not what photosync wrote: check the tenant by hand (Get-OwaMailboxPolicy for the test users), then fix or delete the file`,
    );
    this.name = 'StateFileError';
  }
}

/**
 * Each test user's OWA mailbox policy (`SetPhotoEnabled`) as photosync last set it: no API shows
 * it, and the header has no "unknown" for it, so the adapter keeps its own account, on disk.
 * Invariant: before a policy change is made the user is `unknown` on disk, and only a change known
 * to be done makes it a value again.
 */
export class PolicyLedger {
  private readonly path: string;

  constructor(dir: string) {
    this.path = join(dir, 'owa-policies.json');
  }

  private async read(): Promise<Ledger> {
    const text = await readFile(this.path, 'utf8').catch(() => undefined);
    if (text === undefined) return {};
    try {
      return Ledger.parse(JSON.parse(text));
    } catch {
      throw new StateFileError(this.path);
    }
  }

  /** The policy as photosync last set it; `unset` for a user it never set (no API tells what an administrator did). */
  async get(id: string): Promise<boolean | 'unknown' | 'unset'> {
    return (await this.read())[id] ?? 'unset';
  }

  async set(id: string, value: boolean | 'unknown'): Promise<void> {
    const ledger = { ...(await this.read()), [id]: value };
    await writeDurably(this.path, `${JSON.stringify(ledger)}\n`);
  }

  /** The users whose policy photosync left other than the default: those to set back at the end. */
  async changed(ids: readonly string[]): Promise<string[]> {
    const ledger = await this.read();
    return ids.filter((id) => ledger[id] !== undefined && ledger[id] !== true);
  }
}

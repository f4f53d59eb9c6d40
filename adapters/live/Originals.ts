import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { PHOTO_SOURCES, type PhotoSettings } from '../../model/vocabulary.js';
import type { GraphApi } from './api/GraphApi.js';
import { writeDurably } from './writeDurably.js';

const Manifest = z.object({ id: z.string(), upn: z.string(), photo: z.enum(['file', 'none']), savedAt: z.string() });
type Manifest = z.infer<typeof Manifest>;

/** What a restore did for each user. */
export type Restored = {
  readonly id: string;
  readonly upn: string;
  /** what was put back: the photo, the OWA mailbox policy, or the tenant's photo update settings */
  readonly what: 'photo' | 'policy' | 'settings';
  readonly outcome: 'restored' | 'failed';
  readonly reason?: string;
};

/** A backup that cannot be made: no change may follow, the original would be lost. */
export class BackupError extends Error {
  readonly code = 'PHOTOSYNC_BACKUP';
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}

const SavedSettings = z.object({ source: z.enum(PHOTO_SOURCES), allowedRoles: z.array(z.string()) });
const SETTINGS_FILE = 'photo-settings.json';

/** Whether anything is still backed up in `dir` (a photo or the settings): photosync changed it and has not put it back. */
export async function originalsWaiting(dir: string): Promise<boolean> {
  const names = await readdir(dir).catch(() => [] as string[]);
  return names.some((n) => n.endsWith('.json'));
}

/**
 * Each test user's original mailbox photo (and the tenant's photo update settings), saved to `dir` before the first change of any run and
 * put back at the end. Invariant: a backup, once on disk, is never overwritten until it has been
 * restored: a run after a crash keeps the true original, not the crashed run's last test photo.
 */
export class Originals {
  private readonly saved = new Set<string>();

  constructor(
    private readonly dir: string,
    private readonly graph: GraphApi,
  ) {}

  /** Saves `id`'s photo unless a backup is already on disk; throws BackupError when it cannot be read. */
  async save(id: string, upn: string): Promise<void> {
    if (this.saved.has(id)) return;
    const manifestPath = join(this.dir, `${id}.json`);
    const existing = await readFile(manifestPath, 'utf8').catch(() => undefined);
    if (existing !== undefined) {
      this.saved.add(id);
      return;
    }
    const held = await this.graph.photo(upn);
    if (held.kind !== 'ok') throw new BackupError(`cannot back up the photo of ${upn} before changing it: ${held.reason}`);
    if (held.value.kind === 'photo') await writeDurably(join(this.dir, `${id}.original`), held.value.bytes);
    const manifest: Manifest = { id, upn, photo: held.value.kind === 'photo' ? 'file' : 'none', savedAt: new Date().toISOString() };
    await writeDurably(manifestPath, `${JSON.stringify(manifest)}\n`);
    this.saved.add(id);
  }

  /** Whether `id`'s original photo is backed up: photosync has changed it, and not yet put it back. */
  async has(id: string): Promise<boolean> {
    if (this.saved.has(id)) return true;
    return readFile(join(this.dir, `${id}.json`), 'utf8').then(
      () => true,
      () => false,
    );
  }

  /** The tenant's photo update settings as they were before photosync first changed them, if it did. */
  async settings(): Promise<PhotoSettings | undefined> {
    const text = await readFile(join(this.dir, SETTINGS_FILE), 'utf8').catch(() => undefined);
    return text === undefined ? undefined : SavedSettings.parse(JSON.parse(text));
  }

  /** Saves the tenant's photo update settings unless a backup is already on disk; throws BackupError when they cannot be read. */
  async saveSettings(): Promise<void> {
    if ((await this.settings()) !== undefined) return;
    const current = await this.graph.photoSettings();
    if (current.kind !== 'ok')
      throw new BackupError(`cannot back up the tenant's photo update settings before changing them: ${current.reason}`);
    await writeDurably(join(this.dir, SETTINGS_FILE), `${JSON.stringify(current.value)}\n`);
  }

  /**
   * Puts every backed-up photo back (this run's and any earlier run's left on disk); a backup is
   * removed only once restored. `beforeChange` is awaited before each put (to note the change on disk).
   */
  async restoreAll(beforeChange: () => Promise<void> = async () => {}): Promise<Restored[]> {
    const names = await readdir(this.dir).catch(() => [] as string[]);
    const out: Restored[] = [];
    const settings = await this.settings();
    if (settings !== undefined) {
      await beforeChange();
      const reply = await this.graph.setPhotoSettings(settings);
      if (reply.kind === 'ok') await rm(join(this.dir, SETTINGS_FILE));
      out.push({
        id: 'tenant',
        upn: 'the tenant',
        what: 'settings',
        outcome: reply.kind === 'ok' ? 'restored' : 'failed',
        ...(reply.kind === 'ok' ? {} : { reason: reply.reason }),
      });
    }
    for (const name of names.filter((n) => n.endsWith('.json') && n !== SETTINGS_FILE).sort()) {
      const path = join(this.dir, name);
      const parsed = Manifest.safeParse(JSON.parse(await readFile(path, 'utf8')));
      if (!parsed.success) {
        out.push({ id: name, upn: '', what: 'photo', outcome: 'failed', reason: `unreadable backup ${path}` });
        continue;
      }
      const m = parsed.data;
      const original = join(this.dir, `${m.id}.original`);
      await beforeChange();
      const reply = m.photo === 'none' ? await this.graph.removePhoto(m.upn) : await this.graph.setPhoto(m.upn, await readFile(original));
      if (reply.kind !== 'ok') {
        out.push({ id: m.id, upn: m.upn, what: 'photo', outcome: 'failed', reason: reply.reason });
        continue;
      }
      await rm(path);
      await rm(original, { force: true });
      this.saved.delete(m.id);
      out.push({ id: m.id, upn: m.upn, what: 'photo', outcome: 'restored' });
    }
    return out;
  }
}

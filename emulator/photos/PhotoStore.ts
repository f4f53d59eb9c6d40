import { createHash } from 'node:crypto';

/**
 * The bytes of every photo uploaded to the emulator, by an opaque id of their content: `u` and the
 * first 12 hex digits of their SHA-256. The simulated tenant holds these ids; it never sees bytes.
 * Invariant: the same bytes get the same id; an id once given keeps its bytes.
 */
export class PhotoStore {
  private readonly photos = new Map<string, Buffer>();

  /** Keeps `bytes` and answers their id. */
  put(bytes: Buffer): string {
    const id = `u${createHash('sha256').update(bytes).digest('hex').slice(0, 12)}`;
    if (!this.photos.has(id)) this.photos.set(id, Buffer.from(bytes));
    return id;
  }

  /** The bytes uploaded as `id`, or undefined for an id no upload made (a test photo the tenant started with). */
  get(id: string): Buffer | undefined {
    return this.photos.get(id);
  }
}

import { createHmac, randomBytes } from 'node:crypto';
import type { Photo } from '../../model/vocabulary.js';

/**
 * The keys of Viva Engage's mugshot URLs, as its CDN names images: one per photo, opaque, stable
 * for the emulator's life. Invariant: a key tells nothing of the photo id behind it.
 */
export class MugshotKeys {
  private readonly secret = randomBytes(16);
  private readonly photos = new Map<string, Photo>();

  /** The key of `photo`'s mugshot. */
  keyOf(photo: Photo): string {
    const key = createHmac('sha256', this.secret).update(photo).digest('hex').slice(0, 24);
    this.photos.set(key, photo);
    return key;
  }

  /** The photo behind a key, or undefined for a key never given. */
  photoOf(key: string): Photo | undefined {
    return this.photos.get(key);
  }
}

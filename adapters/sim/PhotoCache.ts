import type { Photo } from '../../model/vocabulary.js';
import type { Random } from './Random.js';

/** How often a cache that may serve what it remembers does so. */
export const SERVE_CACHED = 0.6;

/**
 * What one viewer's client or browser remembers of other people's photos: a photo per subject and
 * when it was fetched. Invariant: it only ever serves a photo it fetched, and only while younger
 * than the age it is asked for.
 */
export class PhotoCache {
  private readonly entries = new Map<string, { photo: Photo; at: number }>();

  /** The cached photo while younger than `maxAge`, with probability `hitRate`; otherwise a fresh one, remembered. */
  serve(subject: string, now: number, maxAge: number, random: Random, fetch: () => Photo, hitRate = SERVE_CACHED): Photo {
    const hit = this.entries.get(subject);
    if (hit !== undefined && now - hit.at < maxAge && random.chance(hitRate)) return hit.photo;
    const photo = fetch();
    this.entries.set(subject, { photo, at: now });
    return photo;
  }

  clear(): void {
    this.entries.clear();
  }
}

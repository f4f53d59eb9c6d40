import { randomBytes } from 'node:crypto';
import type { Photo } from '../../model/vocabulary.js';

/** How long a link `userphoto.aspx` redirects to keeps working (real time). */
export const THUMBNAIL_LINK_MS = 10 * 60_000;

/**
 * The short-lived links `userphoto.aspx` redirects to: each serves the photo the profile showed
 * when it was made, at its size, to anyone holding it (as a pre-signed URL does).
 * Invariant: a link is unguessable and dies after THUMBNAIL_LINK_MS.
 */
export class ThumbnailLinks {
  private readonly links = new Map<string, { photo: Photo; size: number; expires: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  /** A new link's key (the `t` of its URL). */
  issue(photo: Photo, size: number): string {
    const now = this.now();
    for (const [k, l] of this.links) if (l.expires <= now) this.links.delete(k);
    const key = randomBytes(18).toString('base64url');
    this.links.set(key, { photo, size, expires: now + THUMBNAIL_LINK_MS });
    return key;
  }

  /** What a live link serves, or undefined for a key never issued or expired. */
  resolve(key: string): { photo: Photo; size: number } | undefined {
    const link = this.links.get(key);
    return link === undefined || link.expires <= this.now() ? undefined : link;
  }
}

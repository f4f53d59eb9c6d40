import { PhotoCache } from './PhotoCache.js';

/**
 * The caches of every viewer, one per kind: the clients (Outlook desktop, Lync, Teams) or the
 * browser (SharePoint pages, Outlook on the web). Invariant: emptying one viewer's cache of one
 * kind leaves every other cache as it was.
 */
export class ViewerCaches<Kind extends string> {
  private readonly caches = new Map<string, PhotoCache>();

  constructor(private readonly kinds: readonly Kind[]) {}

  of(viewer: string, kind: Kind): PhotoCache {
    const key = `${viewer}\u0000${kind}`;
    let cache = this.caches.get(key);
    if (cache === undefined) {
      cache = new PhotoCache();
      this.caches.set(key, cache);
    }
    return cache;
  }

  /** Empties the viewer's cache of `kind`, or all of the viewer's caches. */
  clear(viewer: string, kind?: Kind): void {
    for (const k of kind === undefined ? this.kinds : [kind]) this.caches.get(`${viewer}\u0000${k}`)?.clear();
  }
}

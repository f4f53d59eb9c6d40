import type { Photo } from '../../model/vocabulary.js';
import { SERVE_CACHED } from './PhotoCache.js';
import type { Random } from './Random.js';

/** A photo as Teams keeps it: `origin` is when it was read from Exchange, whichever cache it then passed through. */
type Entry = { readonly photo: Photo; readonly origin: number };

/** How long each layer may serve a photo, counted from its Exchange read, and how often it does when it may. */
export type TeamsCaching = {
  readonly clientMaxAge: number;
  readonly serviceMaxAge: number;
  readonly clientHitRate?: number;
  readonly serviceHitRate?: number;
};

/**
 * Teams' photos (TEAMS-CACHE): each viewer's client keeps the photos it was given until the
 * viewer restarts it; behind the clients the Teams service keeps one photo per subject, which no
 * client restart empties (MSDOC Teams "user information isn't updated", teamsServiceCache).
 * Invariant: a photo is served only while it was read from Exchange less than `serviceMaxAge`
 * ago, or less than `clientMaxAge` ago and no earlier than the viewer's last restart.
 */
export class TeamsService {
  private readonly service = new Map<string, Entry>();
  private readonly clients = new Map<string, { readonly since: number; readonly entries: Map<string, Entry> }>();

  /** What `viewer`'s Teams shows of `subject`: its client's photo, else the service's, else Exchange's (`fetch`), each kept on the way. */
  read(viewer: string, subject: string, now: number, caching: TeamsCaching, random: Random, fetch: () => Photo): Photo {
    const client = this.client(viewer);
    const own = client.entries.get(subject);
    const servable = (e: Entry) =>
      now - e.origin < caching.serviceMaxAge || (e.origin >= client.since && now - e.origin < caching.clientMaxAge);
    if (own !== undefined && servable(own) && random.chance(caching.clientHitRate ?? SERVE_CACHED)) return own.photo;
    let entry = this.service.get(subject);
    if (entry === undefined || !(now - entry.origin < caching.serviceMaxAge) || !random.chance(caching.serviceHitRate ?? SERVE_CACHED)) {
      entry = { photo: fetch(), origin: now };
      this.service.set(subject, entry);
    }
    client.entries.set(subject, entry);
    return entry.photo;
  }

  /** The viewer restarts Teams: its client forgets every photo; the service keeps its own. */
  restart(viewer: string, now: number): void {
    this.clients.set(viewer, { since: now, entries: new Map() });
  }

  private client(viewer: string) {
    let c = this.clients.get(viewer);
    if (c === undefined) {
      c = { since: -Infinity, entries: new Map() };
      this.clients.set(viewer, c);
    }
    return c;
  }
}

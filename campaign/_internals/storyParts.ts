import { isObservation, UNKNOWN, type TraceEvent } from '../../model/vocabulary.js';

/**
 * Which events a story may leave out: the subjects whose events it tells (`every`: all of them),
 * and whether it keeps a viewer's cache resets only when that viewer's reads are in the story.
 */
export type Scope = { readonly subjects: ReadonlySet<string> | 'every'; readonly resets: 'of-viewers' | 'every' };

/** What an event is to a story of `scope`. */
export type Role =
  /** kept whenever it comes before the story's last event: an action of a subject told, or the tenant's settings */
  | 'kept'
  /** an observation of a subject told: the unit of removal */
  | 'removable'
  /** a viewer's cache reset: kept when it is their last of that cache before one of their reads (always, with `resets: every`) */
  | 'reset'
  /** never in the story: a wait, an observation that could not be made, another subject's event */
  | 'left-out';

/** One's own My Site seen: a visit (SPEC section 4), whatever was seen, even `unknown` (it may have counted). */
export function isOwnMySite(e: TraceEvent): boolean {
  return isObservation(e) && e.see === 'sp-mysite' && e.viewer === e.user;
}

export function roleOf(e: TraceEvent, scope: Scope): Role {
  const told = (user: string) => scope.subjects === 'every' || scope.subjects.has(user);
  if (isObservation(e)) {
    if (!told(e.user)) return 'left-out';
    if (isOwnMySite(e)) return 'kept';
    return e.photo === UNKNOWN ? 'left-out' : 'removable';
  }
  switch (e.do) {
    case 'wait':
      return 'left-out';
    case 'setPhotoSettings':
      return 'kept';
    case 'restartClient':
    case 'clearBrowserCache':
      return 'reset';
    default:
      return told(e.user) ? 'kept' : 'left-out';
  }
}

/** A viewer's cache reset, and which cache: a client, or the browser. */
type Reset = { readonly index: number; readonly viewer: string; readonly cache: string };

/**
 * The events of `events` (a trace cut after its last event, which is always kept) that a story of
 * `scope` is made of, as indices: `compose(kept)` gives the story that keeps the removable
 * observations `kept`, in trace order.
 */
export class StoryParts {
  /** the removable observations, in trace order */
  readonly removable: readonly number[];
  private readonly fixed: readonly number[];
  private readonly resets: readonly Reset[];

  constructor(
    private readonly events: readonly TraceEvent[],
    private readonly scope: Scope,
  ) {
    const fixed: number[] = [];
    const removable: number[] = [];
    const resets: Reset[] = [];
    const last = events.length - 1;
    events.forEach((e, i) => {
      const role = i === last ? 'kept' : roleOf(e, scope);
      if (role === 'kept') fixed.push(i);
      else if (role === 'removable') removable.push(i);
      else if (role === 'reset' && !isObservation(e) && (e.do === 'restartClient' || e.do === 'clearBrowserCache'))
        resets.push({ index: i, viewer: e.viewer, cache: e.do === 'restartClient' ? e.client : 'browser' });
    });
    this.fixed = fixed;
    this.removable = removable;
    this.resets = resets;
  }

  /**
   * The story keeping the removable observations `kept` (a subset of `removable`), as sorted
   * indices. With `resets: of-viewers`, a reset is kept when it is its viewer's last of that cache
   * before one of the viewer's reads in the story: the cache each read of the story saw is the one
   * the trace says; an earlier reset, which a later one replaced before any read, changes nothing a
   * read of the story consults.
   */
  compose(kept: readonly number[]): number[] {
    const story = [...this.fixed, ...kept].sort((a, b) => a - b);
    if (this.scope.resets === 'every')
      return merge(
        story,
        this.resets.map((r) => r.index),
      );
    // from the end: how many reads of each viewer come later, and how many came after the next reset of each cache
    const reads = new Map<string, number>();
    const readsAfterNext = new Map<string, number>();
    const resets: number[] = [];
    let s = story.length - 1;
    for (let r = this.resets.length - 1; r >= 0; r--) {
      const reset = this.resets[r]!;
      for (; s >= 0 && story[s]! > reset.index; s--) {
        const e = this.events[story[s]!]!;
        if (isObservation(e)) reads.set(e.viewer, (reads.get(e.viewer) ?? 0) + 1);
      }
      const later = reads.get(reset.viewer) ?? 0;
      const cache = `${reset.viewer}\u0000${reset.cache}`;
      if (later > (readsAfterNext.get(cache) ?? 0)) resets.push(reset.index);
      readsAfterNext.set(cache, later);
    }
    return merge(story, resets.reverse());
  }
}

/** Two ascending lists of indices as one. */
function merge(a: readonly number[], b: readonly number[]): number[] {
  return [...a, ...b].sort((x, y) => x - y);
}

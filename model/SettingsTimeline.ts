import type { PhotoSettings } from './vocabulary.js';

/**
 * The tenant's photo update settings over time (PHOTO-SOURCE): a change takes effect within `lag`,
 * and an action made before that is judged by the old or the new settings. Invariant: `at(t)` is
 * never empty, and asked with times that never decrease, it forgets what no later action can use.
 */
export class SettingsTimeline {
  private base: PhotoSettings;
  private changes: { at: number; settings: PhotoSettings; certain: boolean }[] = [];
  private only: readonly PhotoSettings[];

  constructor(
    initial: PhotoSettings,
    private readonly lag: number,
  ) {
    this.base = initial;
    this.only = [initial];
  }

  /** A change made at `at`; `certain` false for one of unknown outcome, which may never have happened. */
  record(at: number, settings: PhotoSettings, certain: boolean): void {
    this.changes.push({ at, settings, certain });
  }

  /** The settings an action made at `t` may be judged by. */
  at(t: number): readonly PhotoSettings[] {
    // asked at every action: while every change recorded leaves the settings as they are, the one
    // list of the settings in force, without a new list (most campaigns only ever set them again)
    let possible: PhotoSettings[] | undefined;
    let settled = -1;
    const changes = this.changes;
    for (let i = 0; i < changes.length; i++) {
      const c = changes[i]!;
      if (c.at > t) break;
      if (c.certain && t >= c.at + this.lag) {
        possible = undefined;
        settled = i;
        this.base = c.settings;
      } else if (possible === undefined) {
        if (!sameSettings(this.base, c.settings)) possible = [this.base, c.settings];
      } else if (!includesSettings(possible, c.settings)) possible.push(c.settings);
    }
    if (settled >= 0) {
      if (!sameSettings(this.only[0]!, this.base)) this.only = [this.base];
      this.changes = changes.slice(settled + 1);
    }
    return possible ?? this.only;
  }
}

// loops, not closures: asked at every action, and a closure that captures gives each call a context object
function includesSettings(list: readonly PhotoSettings[], s: PhotoSettings): boolean {
  for (const p of list) if (sameSettings(p, s)) return true;
  return false;
}

function sameSettings(a: PhotoSettings, b: PhotoSettings): boolean {
  if (a.source !== b.source || a.allowedRoles.length !== b.allowedRoles.length) return false;
  for (let i = 0; i < a.allowedRoles.length; i++) if (a.allowedRoles[i] !== b.allowedRoles[i]) return false;
  return true;
}

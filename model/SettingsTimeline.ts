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
    // asked at every action: with nothing recorded, the one list of the settings in force
    if (this.changes.length === 0) return this.only;
    let possible: PhotoSettings[] = [this.base];
    let settled = -1;
    this.changes.forEach((c, i) => {
      if (c.at > t) return;
      if (c.certain && t >= c.at + this.lag) {
        possible = [c.settings];
        settled = i;
      } else if (!possible.some((p) => sameSettings(p, c.settings))) possible = [...possible, c.settings];
    });
    if (settled >= 0) {
      this.base = this.changes[settled]!.settings;
      this.only = [this.base];
      this.changes = this.changes.slice(settled + 1);
    }
    return possible;
  }
}

function sameSettings(a: PhotoSettings, b: PhotoSettings): boolean {
  return (
    a.source === b.source && a.allowedRoles.length === b.allowedRoles.length && a.allowedRoles.every((r, i) => r === b.allowedRoles[i])
  );
}

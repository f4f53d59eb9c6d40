import type { PhotoSettings } from './vocabulary.js';

/** A change of the settings, as recorded: `certain` false for one of unknown outcome. */
export type SettingsChange = { readonly at: number; readonly settings: PhotoSettings; readonly certain: boolean };

/**
 * What one subject's own actions told of changes of unknown outcome: whether each happened. A fact
 * of the tenant, but learnt by that subject alone: each subject is checked apart from the others.
 */
export type SettingsFacts = ReadonlyMap<SettingsChange, boolean>;

/**
 * The tenant's photo update settings over time (PHOTO-SOURCE): a change takes effect within `lag`,
 * and an action made before that is judged by the old or the new settings. Invariant: `at(t)` is
 * never empty, and asked with times that never decrease, it forgets what no later action can use.
 */
export class SettingsTimeline {
  private base: PhotoSettings;
  private changes: SettingsChange[] = [];
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

  /**
   * Whether `s` may be the settings the latest change made set (or the initial ones, where none
   * surely happened): a change to them may then change nothing, so its refusal tells nothing.
   */
  mayBeLatest(s: PhotoSettings): boolean {
    let latest: PhotoSettings[] = [this.base];
    for (const c of this.changes) {
      if (c.certain) latest = [c.settings];
      else latest.push(c.settings);
    }
    return includesSettings(latest, s);
  }

  /**
   * The settings an action made at `t` may be judged by, knowing `facts`: `at(t)` without the
   * changes that did not happen, and with those that did as if known. Ask `at(t)` first.
   */
  knowing(t: number, facts: SettingsFacts): readonly PhotoSettings[] {
    return possibleAt(this.base, this.changes, t, this.lag, facts);
  }

  /**
   * What an action made at `t` tells, where it could have been judged only by the settings of
   * `kept` (a part of `knowing(t, facts)`): `facts` with what it adds, or undefined where it adds
   * nothing. A change of unknown outcome happened where every world without it leaves none of
   * `kept` possible, and did not where every world with it does: exact, as `at(t)` is the union
   * of what each world allows (within settingsLag a change that happened still leaves the old
   * settings possible, so an action then can tell that it happened, never that it did not).
   */
  learn(t: number, kept: readonly PhotoSettings[], facts: SettingsFacts | undefined): SettingsFacts | undefined {
    const out = new Map(facts);
    let learnt = false;
    // what one change tells may tell another: again until nothing more is learnt
    for (let again = true; again;) {
      again = false;
      for (const c of this.changes) {
        if (c.at > t) break;
        if (c.certain || out.has(c)) continue;
        for (const happened of [true, false]) {
          out.set(c, happened);
          const possible = possibleAt(this.base, this.changes, t, this.lag, out);
          out.delete(c);
          if (possible.some((s) => includesSettings(kept, s))) continue;
          out.set(c, !happened);
          learnt = again = true;
          break;
        }
      }
    }
    return learnt ? out : undefined;
  }
}

/** The settings possible at `t` from `base` and `changes`, knowing `facts`: the last change in effect that surely happened, then every later one made. */
function possibleAt(
  base: PhotoSettings,
  changes: readonly SettingsChange[],
  t: number,
  lag: number,
  facts: SettingsFacts,
): PhotoSettings[] {
  let out = [base];
  for (const c of changes) {
    if (c.at > t) break;
    const happened = facts.get(c);
    if (happened === false) continue;
    if ((c.certain || happened === true) && t >= c.at + lag) out = [c.settings];
    else if (!includesSettings(out, c.settings)) out.push(c.settings);
  }
  return out;
}

// loops, not closures: asked at every action, and a closure that captures gives each call a context object
function includesSettings(list: readonly PhotoSettings[], s: PhotoSettings): boolean {
  for (const p of list) if (sameSettings(p, s)) return true;
  return false;
}

// the roles are a set: the same roles in another order are the same settings
function sameSettings(a: PhotoSettings, b: PhotoSettings): boolean {
  if (a.source !== b.source || a.allowedRoles.length !== b.allowedRoles.length) return false;
  for (const role of a.allowedRoles) if (!b.allowedRoles.includes(role)) return false;
  for (const role of b.allowedRoles) if (!a.allowedRoles.includes(role)) return false;
  return true;
}

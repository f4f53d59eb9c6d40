import type { ExchangeSide } from './ExchangeSide.js';
import type { ParamName, Params } from './Params.js';
import type { ProfileChecker } from './ProfileChecker.js';
import type { ExchangeSource, ExchangeWrite, RuleContext, ViewerState } from './Rule.js';
import type { RuleId } from './RuleId.js';
import type { SharePointSide } from './SharePointSide.js';
import { NEVER, type Span } from './Span.js';
import { DEFAULT_PHOTO_SETTINGS, type Photo, type PhotoSettings, type SetPhoto, type Via } from './vocabulary.js';
import type { WindowStore } from './WindowStore.js';

/**
 * The one context object a checker hands its rules: it is re-aimed at each possibility in turn
 * (`ProfileChecker.aim`), and what the rules ask of the checker goes back to it.
 */
export class CheckContext implements RuleContext {
  core!: ExchangeSide;
  sp!: SharePointSide;
  yammer!: WindowStore;
  at = 0;
  spUpdatedBefore: Span = NEVER;
  settings: PhotoSettings = DEFAULT_PHOTO_SETTINGS;
  outsideBecause: readonly RuleId[] = [];

  constructor(
    private readonly checker: ProfileChecker,
    readonly start: number,
    private readonly params: Params,
  ) {}

  param(name: ParamName): number {
    const value = this.params[name];
    if (value === undefined) throw new Error(`profile ${this.checker.profile.id} has no parameter ${name}`);
    return value;
  }
  optionalParam(name: ParamName): number | undefined {
    return this.checker.optionalParam(name);
  }
  has(rule: RuleId): boolean {
    return this.checker.has(rule);
  }
  viewer(id: string): ViewerState {
    return this.checker.viewer(id);
  }
  hasAnyRole(user: string, roles: readonly string[]): boolean {
    return this.checker.hasAnyRole(user, roles);
  }
  isOutside(via: Via): boolean {
    return this.checker.isOutside(via);
  }
  stopsDirSync(action: SetPhoto): RuleId | undefined {
    return this.checker.stopsDirSync(action, this);
  }
  writeExchange(photo: Photo, deadline: number, rules: readonly RuleId[], source: ExchangeSource): ExchangeWrite {
    return this.checker.writeExchange(photo, deadline, rules, source, this);
  }
  outsideChange(write: ExchangeWrite, reachedBy: number, because: readonly RuleId[] = [], source: ExchangeSource = 'cloud'): void {
    const cited =
      because.length === 0 ? this.outsideBecause : this.outsideBecause.length === 0 ? because : [...this.outsideBecause, ...because];
    this.checker.outsideChange(write.photos, this.at, reachedBy, cited, this, write, source);
  }
}

import type { ExchangeSide } from './ExchangeSide.js';
import type { ParamName } from './Params.js';
import type { RuleId } from './RuleId.js';
import type { SharePointSide } from './SharePointSide.js';
import type { Span } from './Span.js';
import type { ActionEvent, ActionKind, Client, Photo, PhotoSettings, SetPhoto, Store, Surface, Via } from './vocabulary.js';
import type { WindowStore } from './WindowStore.js';

/** What a viewer did to their own caches, as the checker tracks it. */
export type ViewerState = {
  restarted: Partial<Record<Client, number>>;
  browserCleared?: number;
  /** SPEC section 6 `caches: "unknown"`: what the viewer's clients and browser held at the start is not known */
  readonly unknownCaches: boolean;
};

/** Where a write to Exchange comes from: on-premises AD through DirSync, or anywhere else (AD-PERIODIC races the two). */
export type ExchangeSource = 'ad' | 'cloud';

/**
 * Whether a write to Exchange was carried at all: `surely`; `tells`, it may never have been
 * (AD-ONE-TIME), and the photo Exchange keeps tells which (its own photo: carried; another: not);
 * `maybe`, it may never have been, and Exchange held its photo before, so nothing tells.
 */
export type Carried = 'surely' | 'tells' | 'maybe';

/** How a write to Exchange races (`Rule.racesWith`): the photos Exchange may keep instead of it. */
export type Race = {
  /** what Exchange may keep instead; the write's own photo among them (Exchange held it before) races with nothing */
  readonly photos: readonly Photo[];
  /** keeping one of them means the write was never carried at all (AD-ONE-TIME), not that it lost */
  readonly mayNotCarry: boolean;
};

/** What a write to Exchange may leave there (`RuleContext.writeExchange`): its photo first, then those it raced with. */
export type ExchangeWrite = {
  readonly photos: readonly Photo[];
  readonly carried: Carried;
  /** the rules that made it race, to cite */
  readonly raced: readonly RuleId[];
};

/** An outside change (SPEC section 1) on its way: its photo, when it was made, and by when it has surely reached Exchange. */
export type OutsideChange = {
  /** the photo changed to; several where the write raced and Exchange may keep any of them (the write's own first) */
  readonly photos: readonly Photo[];
  readonly madeAt: Span;
  readonly reachedBy: number;
  /** the rules that made it an outside change, to cite */
  readonly because: readonly RuleId[];
  /** whether the write was carried to Exchange at all: where it was not, nothing travels from it */
  readonly carried: Carried;
  /** the rules that made the write race, to cite */
  readonly raced: readonly RuleId[];
};

/**
 * What a rule sees and may change while the checker applies one event to one possibility: one
 * state of each part of the subject (`core`: Exchange and what feeds it; `sp`: SharePoint; `yammer`).
 */
export type RuleContext = {
  readonly core: ExchangeSide;
  readonly sp: SharePointSide;
  readonly yammer: WindowStore;
  readonly at: number;
  /** the time of the last SharePoint update before this event began */
  readonly spUpdatedBefore: Span;
  /** when the trace starts: caches reach back to it until their first reset */
  readonly start: number;
  /** the tenant's photo settings this event is judged by (PHOTO-SOURCE: one of those possibly in effect) */
  readonly settings: PhotoSettings;
  /** a parameter of the profile; profiles are validated so that every rule's parameters exist */
  param(name: ParamName): number;
  /** a parameter the profile may not have (`teamsServiceCache`) */
  optionalParam(name: ParamName): number | undefined;
  has(rule: RuleId): boolean;
  viewer(id: string): ViewerState;
  /** the roles the header gives a user (`admin` has every role, SPEC section 4 PHOTO-SOURCE) */
  hasAnyRole(user: string, roles: readonly string[]): boolean;
  /** SPEC section 1: a change through `via` is made outside SharePoint */
  isOutside(via: Via): boolean;
  /** the rule of the profile that keeps this AD write from reaching exchange, if any */
  stopsDirSync(action: SetPhoto): RuleId | undefined;
  /** a write to Exchange made now, landing by `deadline`; the rules of the profile may make it race (AD-PERIODIC, AD-ONE-TIME): what it may leave there */
  writeExchange(photo: Photo, deadline: number, rules: readonly RuleId[], source: ExchangeSource): ExchangeWrite;
  /** an outside change (SPEC section 1) made now, surely in Exchange by `reachedBy` (where carried: `write.carried`); `because` are the rules that made it one, to cite; `source`: 'ad' for an AD write DirSync carries */
  outsideChange(write: ExchangeWrite, reachedBy: number, because?: readonly RuleId[], source?: ExchangeSource): void;
  /** the rules that made the current change an outside change (SP-UPLOAD-REDIRECT), to cite */
  readonly outsideBecause: readonly RuleId[];
};

/** The stores a surface can read (no surface shows on-premises AD). */
export type ReadableStore = Exclude<Store, 'ad'>;

/**
 * How a surface is read: a store over [from, at], a fixed value, or anything at all (a cache the
 * header does not know). Every kind has the same fields, so that reading one stays cheap.
 */
export type Reading =
  | {
      readonly kind: 'store';
      readonly store: ReadableStore;
      readonly from: number;
      readonly fixed: undefined;
      readonly rules: readonly RuleId[];
    }
  | {
      readonly kind: 'either';
      readonly store: ReadableStore;
      readonly from: number;
      readonly fixed: Photo;
      readonly rules: readonly RuleId[];
    }
  | {
      readonly kind: 'fixed';
      readonly store: undefined;
      readonly from: undefined;
      readonly fixed: Photo;
      readonly rules: readonly RuleId[];
    }
  | {
      readonly kind: 'any';
      readonly store: undefined;
      readonly from: undefined;
      readonly fixed: undefined;
      readonly rules: readonly RuleId[];
    };

/** `store` may show any value it held at some instant of [from, the read's time]. */
export function readsStore(store: ReadableStore, from: number, rules: readonly RuleId[]): Reading {
  return { kind: 'store', store, from, fixed: undefined, rules };
}

/** The surface shows `photo`, or what `store` may show: the state does not say which (a fact of unknown outcome). */
export function readsEither(store: ReadableStore, from: number, photo: Photo, rules: readonly RuleId[]): Reading {
  return { kind: 'either', store, from, fixed: photo, rules };
}

/** The surface shows `photo`, whatever the stores hold. */
export function readsFixed(photo: Photo, rules: readonly RuleId[]): Reading {
  return { kind: 'fixed', store: undefined, from: undefined, fixed: photo, rules };
}

/** The surface may show any photo. */
export function readsAny(rules: readonly RuleId[]): Reading {
  return { kind: 'any', store: undefined, from: undefined, fixed: undefined, rules };
}

/**
 * One rule of SPEC section 4: its citation as data, and its behaviour as hooks the checker calls.
 * Invariant: a hook changes only the parts of the possibility in its context, and only for events
 * its rule concerns; a hook on a visit, an Edit-Cancel or a SharePoint read touches `sp` alone, on
 * `openYammer` `yammer` alone; every hook is optional, so a rule absent from a profile never runs.
 */
export type Rule = {
  readonly id: RuleId;
  /** one line, in our words */
  readonly statement: string;
  /** the source key of SPEC: TW14, TW-c/NAME, MSDOC/..., MC... */
  readonly source: string;
  readonly params: readonly ParamName[];
  /** how the model reads the contract where it leaves a choice */
  readonly reading?: string;
  /** surfaces and vias that exist only in profiles that have this rule */
  readonly provides?: { readonly surfaces?: readonly Surface[]; readonly vias?: readonly Via[] };
  /** surfaces that do not exist in profiles that have this rule */
  readonly retires?: { readonly surfaces: readonly Surface[] };
  /** true when this rule makes the action `rejected`; it reads only `core`, `settings` and the roles */
  rejects?(action: ActionEvent, ctx: RuleContext): boolean;
  /** the kinds of action `onAction` concerns: the checker calls it for those alone */
  readonly acts?: readonly ActionKind[];
  /** the effect of an accepted action of a kind in `acts`; true when the rule acted on it */
  onAction?(action: ActionEvent, ctx: RuleContext): boolean;
  /**
   * For an action of a kind in `acts` whose outcome is unknown: keeps both outcomes open within the
   * state itself, so that the checker need not fork it. Only for state that nothing else depends on.
   */
  keepsOpen?(action: ActionEvent, ctx: RuleContext): void;
  /** After a read of `surface` whose reading was `either`: what the photo seen tells of the state */
  learns?(surface: Surface, photo: Photo, ctx: RuleContext): void;
  /** true when a `setPhoto` through `via` is an outside change under this rule */
  makesOutside?(via: Via): boolean;
  /** true when this rule keeps an on-premises AD write from reaching exchange */
  stopsDirSync?(action: SetPhoto, ctx: RuleContext): boolean;
  /** what a write to Exchange from `source` races with, kept instead of it (undefined: nothing); the rule notes the write */
  racesWith?(source: ExchangeSource, photo: Photo, ctx: RuleContext): Race | undefined;
  onOutsideChange?(change: OutsideChange, ctx: RuleContext): void;
  /** a write to Exchange was made now, of these photos (several where it raced) */
  onExchangeWrite?(photos: readonly Photo[], ctx: RuleContext): void;
  /** the subject visited their My Site (SPEC: visitMySite, editCancel, or seeing sp-mysite) */
  onVisit?(ctx: RuleContext): void;
  /** the earliest time this rule asks the pending changes to be pushed to SharePoint */
  pushTrigger?(ctx: RuleContext): Span | undefined;
  /** the time before which this rule holds a push back */
  pushHold?(ctx: RuleContext): Span | undefined;
  /** a push of this rule's own, due at the returned time */
  ownPushAt?(ctx: RuleContext): Span | undefined;
  /** the surfaces this rule governs the reading of, and how it reads them */
  readonly reads?: {
    readonly surfaces: readonly Surface[];
    read(surface: Surface, viewer: string, ctx: RuleContext): Reading;
  };
  /** photos a store may show besides its own values, over [from, at] */
  alsoShows?(store: Store, from: number, ctx: RuleContext): readonly Photo[];
  /** true when this rule is why `photo` may not show on `surface` now */
  explains?(photo: Photo, surface: Surface, ctx: RuleContext): boolean;
};

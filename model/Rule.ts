import type { ParamName } from './Params.js';
import type { RuleId } from './RuleId.js';
import type { SubjectWorld } from './SubjectWorld.js';
import type { ActionEvent, Client, Photo, SetPhoto, Store, Surface, Via } from './vocabulary.js';

/** What a viewer did to their own caches, as the checker tracks it. */
export type ViewerState = {
  restarted: Partial<Record<Client, number>>;
  browserCleared?: number;
};

/** What a rule sees and may change while the checker applies one event to one possibility. */
export type RuleContext = {
  readonly world: SubjectWorld;
  readonly at: number;
  /** the time of the last SharePoint update before this event began */
  readonly spUpdatedBefore: number;
  /** when the trace starts: caches reach back to it until their first reset */
  readonly start: number;
  /** a parameter of the profile; profiles are validated so that every rule's parameters exist */
  param(name: ParamName): number;
  has(rule: RuleId): boolean;
  viewer(id: string): ViewerState;
  /** SPEC section 1: a change through `via` is made outside SharePoint */
  isOutside(via: Via): boolean;
  /** the rule of the profile that keeps this AD write from reaching exchange, if any */
  stopsDirSync(action: SetPhoto): RuleId | undefined;
  /** an outside change (SPEC section 1) reached or is on its way to exchange; `because` are the rules that made it one, to cite */
  outsideChange(photo: Photo, because?: readonly RuleId[]): void;
  /** the rules that made the current change an outside change (SP-UPLOAD-REDIRECT), to cite */
  readonly outsideBecause: readonly RuleId[];
};

/** The stores a surface can read (no surface shows on-premises AD). */
export type ReadableStore = Exclude<Store, 'ad'>;

/** How a surface is read: a store over [from, at], or a fixed value. */
export type Reading =
  | { readonly store: ReadableStore; readonly from: number; readonly rules: readonly RuleId[] }
  | { readonly fixed: Photo; readonly rules: readonly RuleId[] };

/**
 * One rule of SPEC section 4: its citation as data, and its behaviour as hooks the checker calls.
 * Invariant: a hook changes only the world in its context, and only for events its rule concerns;
 * every hook is optional, so a rule that is absent from a profile simply never runs.
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
  /** true when this rule makes the action `rejected` */
  rejects?(action: ActionEvent, ctx: RuleContext): boolean;
  /** the effect of an accepted action; true when the rule acted on it */
  onAction?(action: ActionEvent, ctx: RuleContext): boolean;
  /** true when a `setPhoto` through `via` is an outside change under this rule */
  makesOutside?(via: Via): boolean;
  /** true when this rule keeps an on-premises AD write from reaching exchange */
  stopsDirSync?(action: SetPhoto, ctx: RuleContext): boolean;
  onOutsideChange?(photo: Photo, ctx: RuleContext): void;
  /** the subject visited their My Site (SPEC: visitMySite, editCancel, or seeing sp-mysite) */
  onVisit?(ctx: RuleContext): void;
  /** the earliest time this rule asks the pending changes to be pushed to SharePoint */
  pushTrigger?(ctx: RuleContext): number | undefined;
  /** the time before which this rule holds a push back */
  pushHold?(ctx: RuleContext): number | undefined;
  /** a push of this rule's own, due at the returned time */
  ownPushAt?(ctx: RuleContext): number | undefined;
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

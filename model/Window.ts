import type { RuleId } from './RuleId.js';
import type { Photo, Store, Surface } from './vocabulary.js';

/**
 * What kind of window made a value allowed at a divergent read:
 * - `reads-back`: the surface may show what its store held at any instant of the window (a cache);
 * - `in-flight`: a change made at `from` may land at any instant before `to` (a lag, a pickup);
 * - `waiting`: changes wait for SharePoint to take them (a visit, a push due by `to`);
 * - `held-back`: no push to SharePoint before `to` (the throttle after the last update).
 */
export const WINDOW_KINDS = ['reads-back', 'in-flight', 'waiting', 'held-back'] as const;
export type WindowKind = (typeof WINDOW_KINDS)[number];

/**
 * A span of time the model reasoned with at a divergent read, on the lane of a store or a surface,
 * with the photos concerned and the rules that opened it. Invariant: `from` <= `to`, both finite
 * instants in ms (clamped to the trace's start where the model knows only "before it").
 */
export type Window = {
  /** a surface for `reads-back` (`yammer` names both), a store for every other kind */
  readonly lane: Store | Surface;
  readonly kind: WindowKind;
  readonly from: number;
  readonly to: number;
  readonly photos: readonly Photo[];
  readonly rules: readonly RuleId[];
};

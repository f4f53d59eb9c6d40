import type { RuleId } from './RuleId.js';
import type { Window } from './Window.js';

/** Where a trace first left what a profile allows. */
export type Divergence = {
  /** 1-based line of the trace file */
  readonly line: number;
  /** the event as the trace wrote it */
  readonly event: unknown;
  /** what the model allowed there: photos for an observation, results for an action */
  readonly allowed: readonly string[];
  /** the rules that decided it */
  readonly rules: readonly RuleId[];
  /** the windows that made the allowed values allowed, for an observation (a timeline draws them) */
  readonly windows?: readonly Window[];
};

/**
 * The outcome of checking one trace against one profile.
 * `unknown` is never a failure: it says the checker could not decide (too many open possibilities).
 */
export type Verdict =
  | { readonly profile: string; readonly verdict: 'conforms' }
  | { readonly profile: string; readonly verdict: 'diverges'; readonly divergence: Divergence }
  | { readonly profile: string; readonly verdict: 'unknown'; readonly reason: string; readonly line: number };

import type { RuleId } from '../../../model/RuleId.js';
import type { PhotoSettings, UserInit } from '../../../model/vocabulary.js';
import type { Deviations } from '../Deviations.js';
import { isWait, type RunStep } from '../../RunStep.js';

/** A step of a minimal sequence: an action, a `wait` (ms), or an observation point `{ see, user, viewer }`. */
export type MutantStep = RunStep;

/** A run the harness can replay: the trace header's users and photo settings (absent: the default), and the steps from `start`. */
export type Sequence = {
  readonly users: readonly UserInit[];
  readonly photoSettings?: PhotoSettings | undefined;
  readonly steps: readonly MutantStep[];
};

/**
 * A named deviation of the simulated tenant from its profile.
 * Invariant: for every profile listed, `minimal` run on the mutant diverges from the model with
 * `breaks` among the rules cited, for every seed, while the unmutated tenant conforms on it; and
 * `minimalLength` is its number of actions and observations (waits do not count).
 */
export type Mutant = {
  /** kebab-case, unique in the catalog */
  readonly id: string;
  /** one line */
  readonly description: string;
  readonly breaks: RuleId;
  /** the profiles whose rule it breaks: the simulated tenant it runs as */
  readonly profiles: readonly string[];
  readonly deviation: Deviations;
  readonly minimal: Sequence;
  readonly minimalLength: number;
};

/** The number of actions and observations of a sequence: its waits do not count. */
export function sequenceLength(steps: readonly MutantStep[]): number {
  return steps.filter((s) => !isWait(s)).length;
}

/** A mutant with its minimal length computed from its steps. */
export function mutant(m: Omit<Mutant, 'minimalLength'>): Mutant {
  return { ...m, minimalLength: sequenceLength(m.minimal.steps) };
}

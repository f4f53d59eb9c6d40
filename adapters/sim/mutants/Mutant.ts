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
 * A sequence shorter than a mutant's `minimal` that reveals it on the profiles `on` names (all of
 * its profiles when absent), from a header that gives a store a photo of its own or a change still
 * waiting: one the harness generates too, so that its counterexamples are held against it.
 */
export type Shortcut = { readonly on?: readonly string[]; readonly sequence: Sequence };

/**
 * A named deviation of the simulated tenant from its profile.
 * Invariant: for every profile listed, `minimal` run on the mutant diverges from the model with
 * `breaks` among the rules cited, for every seed, while the unmutated tenant conforms on it; and
 * `minimalLength` is its number of actions and observations (waits do not count). So does each
 * shortcut on its profiles, and each is shorter than `minimal`.
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
  /** designed to reveal it from a header that says little (the probe a campaign tries) */
  readonly minimal: Sequence;
  readonly minimalLength: number;
  readonly shortcuts?: readonly Shortcut[];
};

/** The number of actions and observations of a sequence: its waits do not count. */
export function sequenceLength(steps: readonly MutantStep[]): number {
  return steps.filter((s) => !isWait(s)).length;
}

/**
 * The actions and observations of the shortest sequence known to reveal `m` on `profile`, from any
 * header the harness generates: what its counterexamples there are held against.
 */
export function knownMinimalLength(m: Mutant, profile: string): number {
  const shortcuts = (m.shortcuts ?? []).filter((s) => s.on === undefined || s.on.includes(profile));
  return Math.min(m.minimalLength, ...shortcuts.map((s) => sequenceLength(s.sequence.steps)));
}

/** The shortest sequence known to reveal `m` on any of its profiles: what the catalog lists. */
export function shortestKnownLength(m: Mutant): number {
  return Math.min(...m.profiles.map((p) => knownMinimalLength(m, p)));
}

/** A mutant with its minimal length computed from its steps. */
export function mutant(m: Omit<Mutant, 'minimalLength'>): Mutant {
  return { ...m, minimalLength: sequenceLength(m.minimal.steps) };
}

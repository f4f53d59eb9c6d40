import type { Params } from './Params.js';
import type { RuleId } from './RuleId.js';

/** One coherent hypothesis of how a tenant behaves: a set of rules with parameter values. */
export type Profile = {
  readonly id: string;
  readonly summary: string;
  readonly rules: readonly RuleId[];
  readonly params: Params;
};

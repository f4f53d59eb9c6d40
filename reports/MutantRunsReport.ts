import { z } from 'zod';
import { RULE_IDS, type RuleId } from '../model/RuleId.js';
import type { Exploration } from '../harness/explore.js';
import { MutantSearchOptions } from './SearchOptions.js';

/** One mutant run as a simulated tenant of one profile: killed or not, how soon, how short. */
export const MutantRun = z.object({
  id: z.string(),
  profile: z.string(),
  rule: z.enum(RULE_IDS),
  killed: z.boolean(),
  /** runs until the first divergence, that one included; null when it survived */
  runsToFailure: z.number().int().positive().nullable(),
  shrunkLength: z.number().int().positive().nullable(),
  minimalLength: z.number().int().positive(),
  ms: z.number().nonnegative(),
  seed: z.number().int(),
  path: z.string().optional(),
  maxActions: z.number().int().positive().optional(),
  /** the rules the counterexample cites */
  rules: z.array(z.enum(RULE_IDS)),
  /** Ctrl-C cut its shrinking short: killed, but its length says nothing of the harness's shrinking */
  interrupted: z.boolean().optional(),
});
export type MutantRun = z.infer<typeof MutantRun>;

/**
 * What `photosync mutants --format json` prints: every mutant on every profile it breaks, and
 * the figures of the harness's detection. Invariant: `summary` is computed from `mutants`.
 */
export const MutantRunsReport = z.object({
  budget: z.number().int().positive(),
  /** the options the mutants were run with, `budget` among them (absent from a report written before they were kept) */
  options: MutantSearchOptions.optional(),
  interrupted: z.boolean(),
  mutants: z.array(MutantRun),
  summary: z.object({
    runs: z.number().int().nonnegative(),
    killed: z.number().int().nonnegative(),
    /** killed with a counterexample no longer than the known minimal sequence, of those whose shrinking ran to the end */
    atMinimal: z.number().int().nonnegative(),
    /** killed with a shrinking run to the end: what `atMinimal` and `worstRatio` count (absent from a report written before: `killed`) */
    shrunk: z.number().int().nonnegative().optional(),
    /** the longest counterexample against its known minimal length */
    worstRatio: z.number().nullable(),
    medianRunsToFailure: z.number().nullable(),
    ms: z.number().nonnegative(),
  }),
});
export type MutantRunsReport = z.infer<typeof MutantRunsReport>;

/** The report of `runs`, with its summary, and the options they were run with but `budget` when given. */
export function toMutantRunsReport(
  budget: number,
  runs: readonly MutantRun[],
  interrupted: boolean,
  ms: number,
  options?: Omit<MutantSearchOptions, 'budget'>,
): MutantRunsReport {
  const killed = runs.filter((r) => r.killed);
  const shrunk = killed.filter((r) => r.interrupted !== true);
  const ratios = shrunk.map((r) => (r.shrunkLength ?? 0) / r.minimalLength);
  const toFailure = killed.map((r) => r.runsToFailure ?? 0).sort((a, b) => a - b);
  return {
    budget,
    ...(options === undefined ? {} : { options: { budget, ...options } }),
    interrupted,
    mutants: [...runs],
    summary: {
      runs: runs.length,
      killed: killed.length,
      atMinimal: shrunk.filter((r) => (r.shrunkLength ?? Infinity) <= r.minimalLength).length,
      shrunk: shrunk.length,
      worstRatio: ratios.length === 0 ? null : Math.max(...ratios),
      medianRunsToFailure: median(toFailure),
      ms: Math.round(ms),
    },
  };
}

function median(sorted: readonly number[]): number | null {
  if (sorted.length === 0) return null;
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** A mutant's exploration on one profile as a row. */
export function toMutantRun(
  mutant: { readonly id: string; readonly breaks: RuleId; readonly minimalLength: number },
  e: Exploration,
): MutantRun {
  const killed = e.outcome === 'diverges';
  const cut = e.outcome === 'diverges' && e.shrinkingStopped;
  const row: MutantRun = {
    id: mutant.id,
    profile: e.profile,
    rule: mutant.breaks,
    killed,
    runsToFailure: killed ? e.runs : null,
    shrunkLength: killed && !cut ? e.length : null,
    minimalLength: mutant.minimalLength,
    ms: Math.round(e.ms),
    seed: e.seed,
    rules: killed && e.counterexample.verdict.verdict === 'diverges' ? [...e.counterexample.verdict.divergence.rules] : [],
  };
  if (e.outcome === 'diverges') {
    row.path = e.path;
    row.maxActions = e.maxActions;
  }
  if (cut) row.interrupted = true;
  return row;
}

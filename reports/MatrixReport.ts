import { z } from 'zod';
import { RULE_IDS } from '../model/RuleId.js';
import type { Exploration } from '../harness/explore.js';
import { SearchOptions } from './SearchOptions.js';
import { Story, toStory } from './Story.js';

/** One profile's row of the matrix. */
export const MatrixResult = z.object({
  profile: z.string(),
  verdict: z.enum(['conforms', 'diverges']),
  /** the counterexample's actions and observations; null when it conforms */
  length: z.number().int().positive().nullable(),
  /** the rules that decided the divergence */
  rules: z.array(z.enum(RULE_IDS)),
  runs: z.number().int().nonnegative(),
  undecided: z.number().int().nonnegative(),
  seed: z.number().int(),
  path: z.string().optional(),
  maxActions: z.number().int().positive().optional(),
  trace: z.string().optional(),
  counterexample: Story.optional(),
});
export type MatrixResult = z.infer<typeof MatrixResult>;

/** What `photosync matrix --format json` prints: one tenant against every profile. */
export const MatrixReport = z.object({
  tenant: z.record(z.string(), z.string()),
  /** the options the matrix was made with, `seed` among them (absent from a report written before they were kept) */
  options: SearchOptions.optional(),
  /** the seed every profile was explored from (absent from a report written before it was kept) */
  seed: z.number().int().optional(),
  /** the command line that repeats the whole matrix (likewise) */
  replay: z.string().optional(),
  interrupted: z.boolean(),
  ms: z.number().nonnegative(),
  results: z.array(MatrixResult),
});
export type MatrixReport = z.infer<typeof MatrixReport>;

export function toMatrixResult(e: Exploration, trace?: string): MatrixResult {
  const common = { profile: e.profile, runs: e.runs, undecided: e.undecided, seed: e.seed };
  if (e.outcome === 'conforms') return { ...common, verdict: 'conforms', length: null, rules: [] };
  const story = toStory(e.counterexample, e.length);
  const result: MatrixResult = {
    ...common,
    verdict: 'diverges',
    length: e.length,
    rules: e.counterexample.verdict.verdict === 'diverges' ? [...e.counterexample.verdict.divergence.rules] : [],
    path: e.path,
    maxActions: e.maxActions,
  };
  if (trace !== undefined) result.trace = trace;
  if (story !== undefined) result.counterexample = story;
  return result;
}

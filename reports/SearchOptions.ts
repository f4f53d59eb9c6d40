import { z } from 'zod';

/**
 * The options that decided what `run` or `matrix` explored, as asked, whatever each search then
 * found: `photosync diff` reads them to tell two reports that tried other runs. Absent from reports
 * made before they were kept.
 */
export const SearchOptions = z.object({
  /** --runs: the most runs of each search */
  runs: z.number().int().positive(),
  /** --max-actions: the most actions and observations in one run */
  maxActions: z.number().int().positive(),
  /** --seed, or the seed drawn when none was given: the one every search started from */
  seed: z.number().int(),
  /** --path (`run`): the one run replayed, then shrunk */
  path: z.string().optional(),
});
export type SearchOptions = z.infer<typeof SearchOptions>;

/** The options that decided what `mutants` explored, as asked (absent from reports made before they were kept). */
export const MutantSearchOptions = z.object({
  /** --budget: the most runs of each mutant on each profile (the report's `budget`) */
  budget: z.number().int().positive(),
  /** --max-actions: the most actions and observations in one run */
  maxActions: z.number().int().positive(),
  /** --seed: the one every mutant's search started from; absent when each drew its own, which its row holds */
  seed: z.number().int().optional(),
  /** --profile: only the mutants of this profile; absent for all */
  profile: z.string().optional(),
  /** --mutant: only this mutant; absent for all */
  mutant: z.string().optional(),
});
export type MutantSearchOptions = z.infer<typeof MutantSearchOptions>;

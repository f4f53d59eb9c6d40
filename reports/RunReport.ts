import { z } from 'zod';
import type { Exploration } from '../harness/explore.js';
import { SearchOptions } from './SearchOptions.js';
import { Story, toStory } from './Story.js';

/** What `photosync run --format json` prints: the verdict, how to replay it, and the shrunk counterexample. */
export const RunReport = z.object({
  /** the tenant: `adapter`, and for the simulator its profile and mutant */
  tenant: z.record(z.string(), z.string()),
  /** the options the run was made with (absent from a report written before they were kept) */
  options: SearchOptions.optional(),
  profile: z.string(),
  verdict: z.enum(['conforms', 'diverges']),
  /** runs made before the first divergence, that one included */
  runs: z.number().int().nonnegative(),
  actions: z.number().int().nonnegative(),
  /** runs the model could not decide: never a divergence */
  undecided: z.number().int().nonnegative(),
  seed: z.number().int(),
  path: z.string().optional(),
  /** with `seed` and `path`, the --max-actions that replays the counterexample */
  maxActions: z.number().int().positive().optional(),
  interrupted: z.boolean(),
  /** Ctrl-C cut the counterexample's shrinking short: it is not minimal, and the replay line starts from it, then shrinks it to the end */
  shrinkingStopped: z.boolean().optional(),
  /** the --path replayed, whose run conformed this time (a live tenant, which may not repeat itself) */
  notReproduced: z.string().optional(),
  ms: z.number().nonnegative(),
  /** the length of the run that first diverged, before shrinking */
  foundLength: z.number().int().positive().optional(),
  counterexample: Story.optional(),
  /** the trace file of the counterexample, for `photosync check` */
  trace: z.string().optional(),
  /** the command line that replays this result */
  replay: z.string(),
});
export type RunReport = z.infer<typeof RunReport>;

export function toRunReport(e: Exploration, extras: { trace?: string | undefined; replay: string; options: SearchOptions }): RunReport {
  const report: RunReport = {
    tenant: { ...e.tenant },
    options: { ...extras.options },
    profile: e.profile,
    verdict: e.outcome,
    runs: e.runs,
    actions: e.actions,
    undecided: e.undecided,
    seed: e.seed,
    interrupted: e.interrupted,
    ms: Math.round(e.ms),
    replay: extras.replay,
  };
  if (e.outcome === 'diverges') {
    report.path = e.path;
    report.maxActions = e.maxActions;
    report.foundLength = e.foundLength;
    if (e.shrinkingStopped) report.shrinkingStopped = true;
    const story = toStory(e.counterexample, e.length);
    if (story !== undefined) report.counterexample = story;
  }
  if (e.outcome === 'conforms' && e.notReproduced !== undefined) report.notReproduced = e.notReproduced;
  if (extras.trace !== undefined) report.trace = extras.trace;
  return report;
}

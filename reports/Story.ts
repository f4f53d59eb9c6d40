import { z } from 'zod';
import { Citation, citation } from './Citation.js';
import { RULE_IDS } from '../model/RuleId.js';
import { WINDOW_KINDS, type Window } from '../model/Window.js';
import { isObservation, PHOTO_SOURCES, type TraceEvent } from '../model/vocabulary.js';
import type { TraceStart } from '../model/ProfileChecker.js';
import type { Divergence } from '../model/Verdict.js';
import type { CheckedRun } from '../harness/checkedRun.js';

/** One numbered step of a counterexample: its trace line, time, the event, what was seen and what the model allowed. */
const StoryStep = z.object({
  /** 1-based, as people count the steps; waits are steps too */
  n: z.number().int().positive(),
  /** the line of the trace file that holds it */
  line: z.number().int().min(2),
  at: z.string(),
  /** ms since the trace's start */
  offset: z.number().int().nonnegative(),
  event: z.record(z.string(), z.unknown()),
  /** the photo an observation saw, or an action's result */
  seen: z.string(),
  /** for an observation, the photos the model allowed there */
  allowed: z.array(z.string()).optional(),
});

/** A window of the model at the divergent read (model/Window.ts), with its instants as ISO times. */
export const StoryWindow = z.object({
  /** the store or surface it concerns: a lane of the timeline */
  lane: z.string(),
  kind: z.enum(WINDOW_KINDS),
  from: z.string(),
  to: z.string(),
  photos: z.array(z.string()),
  rules: z.array(z.enum(RULE_IDS)),
});
export type StoryWindow = z.infer<typeof StoryWindow>;

/** The model's windows as a report writes them. */
export function toStoryWindows(windows: readonly Window[] | undefined): StoryWindow[] {
  return (windows ?? []).map((w) => ({
    lane: w.lane,
    kind: w.kind,
    from: iso(w.from),
    to: iso(w.to),
    photos: [...w.photos],
    rules: [...w.rules],
  }));
}

/**
 * A counterexample as a story people read in ten seconds: numbered steps, the one that diverged,
 * and the rules that decided it with their sources. Invariant: `steps` end with the divergence.
 */
export const Story = z.object({
  /** actions and observations: waits do not count */
  length: z.number().int().positive(),
  users: z.array(z.record(z.string(), z.unknown())),
  /** the tenant's photo settings the header gave, if any (SPEC section 6) */
  photoSettings: z.object({ source: z.enum(PHOTO_SOURCES), allowedRoles: z.array(z.string()) }).optional(),
  start: z.string(),
  steps: z.array(StoryStep),
  divergence: z.object({
    line: z.number().int().min(2),
    allowed: z.array(z.string()),
    rules: z.array(Citation),
    /** the windows that made the allowed values allowed (a timeline draws them as spans) */
    windows: z.array(StoryWindow),
  }),
  /** the test photos as small images (data: URIs), where the tenant used real images (the live adapter) */
  images: z.record(z.string(), z.string().startsWith('data:image/')).optional(),
});
export type Story = z.infer<typeof Story>;

const iso = (ms: number) => new Date(ms).toISOString();

/** The story of a run that diverged; undefined for one that did not. */
export function toStory(run: CheckedRun, length: number): Story | undefined {
  const verdict = run.verdict;
  if (verdict.verdict !== 'diverges') return undefined;
  const steps = run.events.map((event, i) => ({ line: i + 2, event, allowed: run.allowed?.[i] }));
  return storyOf(run.start, steps, verdict.divergence, length);
}

/**
 * A story of trace events, each with its line in the trace (a journal's own lines, for a part of
 * it), told from `start` to `divergence` (whose line is one of theirs). Invariant: every step keeps
 * its line; the divergent one carries what the model allowed there.
 */
export function storyOf(
  start: TraceStart,
  events: readonly { readonly line: number; readonly event: TraceEvent; readonly allowed?: readonly string[] | undefined }[],
  divergence: Divergence,
  length: number,
): Story {
  const settings = start.photoSettings;
  return {
    length,
    users: start.users.map((u) => ({ ...u })),
    ...(settings === undefined ? {} : { photoSettings: { source: settings.source, allowedRoles: [...settings.allowedRoles] } }),
    start: iso(start.start),
    steps: events.map(({ line, event: e, allowed }, i) => {
      const { at, ...event } = e;
      const step: z.infer<typeof StoryStep> = {
        n: i + 1,
        line,
        at: iso(at),
        offset: at - start.start,
        event,
        seen: isObservation(e) ? e.photo : e.result,
      };
      if (line === divergence.line) step.allowed = [...divergence.allowed];
      else if (allowed !== undefined) step.allowed = [...allowed];
      return step;
    }),
    divergence: {
      line: divergence.line,
      allowed: [...divergence.allowed],
      rules: divergence.rules.map(citation),
      windows: toStoryWindows(divergence.windows),
    },
  };
}

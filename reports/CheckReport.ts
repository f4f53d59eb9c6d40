import { z } from 'zod';
import { RULE_IDS, type RuleId } from '../model/RuleId.js';
import type { Divergence as ModelDivergence } from '../model/Verdict.js';
import type { CheckOutcome } from '../trace/checkTraceFile.js';
import type { SubjectLines } from '../trace/readSubjectLines.js';
import { Citation, citation } from './Citation.js';
import { Story, StoryWindow, toStoryWindows } from './Story.js';

const Divergence = z.object({
  line: z.number().int().positive(),
  event: z.record(z.string(), z.unknown()),
  allowed: z.array(z.string()),
  rules: z.array(z.enum(RULE_IDS)),
  /**
   * the model's windows at the divergent read (an addition to SPEC section 3); an empty list where it
   * reasoned with none. Always written; optional so that a report written before that still reads.
   */
  windows: z.array(StoryWindow).optional(),
});

/** One profile's verdict as `check --format json` prints it (SPEC section 3). */
export const CheckResult = z.discriminatedUnion('verdict', [
  z.object({ profile: z.string(), verdict: z.literal('conforms') }),
  z.object({
    profile: z.string(),
    verdict: z.literal('diverges'),
    divergence: Divergence,
    /** the subject's events up to the divergence, for a timeline (an addition to SPEC section 3) */
    story: Story.optional(),
  }),
  z.object({ profile: z.string(), verdict: z.literal('unknown'), line: z.number().int(), reason: z.string() }),
]);
export type CheckResult = z.infer<typeof CheckResult>;

/** What `photosync check --format json` prints: SPEC section 3, plus `torn` for a torn last line and the rules cited. */
export const CheckReport = z.object({
  trace: z.string(),
  results: z.array(CheckResult),
  torn: z.object({ line: z.number().int().positive(), message: z.string() }).optional(),
  /** every rule a divergence cites, with its statement and source */
  cited: z.array(Citation).optional(),
});
export type CheckReport = z.infer<typeof CheckReport>;

/** The subject and viewer a divergence is about: whose events its timeline shows. */
export function divergenceSubject(d: ModelDivergence): { user: string; viewer: string | undefined } | undefined {
  const e = d.event as Record<string, unknown> | null;
  if (e === null || typeof e.user !== 'string') return undefined;
  return { user: e.user, viewer: typeof e.viewer === 'string' ? e.viewer : undefined };
}

/**
 * The report of a check; `excerpts` holds, by profile, the subject's part of the trace up to its
 * divergence (read again by the command), which becomes that divergence's story.
 */
export function toCheckReport(outcome: CheckOutcome, excerpts: ReadonlyMap<string, SubjectLines> = new Map()): CheckReport {
  const cited = new Set<RuleId>();
  const results: CheckResult[] = outcome.results.map((r) => {
    if (r.verdict !== 'diverges') return r;
    const d = r.divergence;
    for (const id of d.rules) cited.add(id);
    const divergence = {
      line: d.line,
      event: d.event as Record<string, unknown>,
      allowed: [...d.allowed],
      rules: [...d.rules],
      // an action, or a surface the profile lacks, has none: an empty list, as every divergence has the field
      windows: toStoryWindows(d.windows),
    };
    const excerpt = excerpts.get(r.profile);
    const story = excerpt === undefined ? undefined : storyOfExcerpt(excerpt, d);
    return { profile: r.profile, verdict: 'diverges', divergence, ...(story === undefined ? {} : { story }) };
  });
  const report: CheckReport = { trace: outcome.trace, results };
  if (outcome.torn !== undefined) report.torn = { line: outcome.torn.line, message: outcome.torn.message };
  if (cited.size > 0) report.cited = RULE_IDS.filter((id) => cited.has(id)).map(citation);
  return report;
}

function storyOfExcerpt(excerpt: SubjectLines, d: ModelDivergence): Story | undefined {
  const start = typeof excerpt.header.start === 'string' ? Date.parse(excerpt.header.start) : NaN;
  if (!Number.isFinite(start) || excerpt.events.at(-1)?.line !== d.line) return undefined;
  const steps = excerpt.events.map(({ line, event }, i) => {
    const { at, ...rest } = event;
    const when = typeof at === 'string' ? Date.parse(at) : NaN;
    return {
      n: excerpt.omitted + i + 1,
      line,
      at: new Date(when).toISOString(),
      offset: Math.max(0, when - start),
      event: rest,
      seen: String(event.see === undefined ? (event.result ?? 'ok') : event.photo),
      ...(line === d.line ? { allowed: [...d.allowed] } : {}),
    };
  });
  if (steps.some((s) => !Number.isFinite(Date.parse(s.at)))) return undefined;
  const settings = excerpt.header.photoSettings as Story['photoSettings'];
  return {
    length: steps.filter((s) => s.event.do !== 'wait').length,
    users: Array.isArray(excerpt.header.users) ? (excerpt.header.users as Record<string, unknown>[]) : [],
    ...(settings === undefined ? {} : { photoSettings: settings }),
    start: new Date(start).toISOString(),
    steps,
    divergence: { line: d.line, allowed: [...d.allowed], rules: d.rules.map(citation), windows: toStoryWindows(d.windows) },
  };
}

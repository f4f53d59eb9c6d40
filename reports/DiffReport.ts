import { z } from 'zod';
import { RULE_IDS } from '../model/RuleId.js';
import { ReportMeta } from './ReportMeta.js';
import { Story } from './Story.js';

/** The kinds of report `photosync diff` compares. */
export const DIFF_KINDS = ['check', 'run', 'matrix', 'mutants', 'campaign'] as const;
export type DiffKind = (typeof DIFF_KINDS)[number];

/** One of the two reports compared: its file, and what made it and when. */
export const DiffSide = z.object({
  path: z.string(),
  kind: z.enum(DIFF_KINDS),
  generated: z.string(),
  tool: ReportMeta.shape.tool,
  /** run and matrix: the tenant the report is about */
  tenant: z.record(z.string(), z.string()).optional(),
});
export type DiffSide = z.infer<typeof DiffSide>;

/** How one thing moved from BASE to NEW; `regressed` is always about something that held in BASE. */
export const CHANGES = ['regressed', 'changed', 'improved', 'same'] as const;
export type ChangeKind = (typeof CHANGES)[number];

/** One profile's verdict, one (profile, rule) or one mutant on one profile, in BASE and in NEW. */
export const DiffChange = z.object({
  scope: z.enum(['profile', 'rule', 'mutant', 'timing']),
  profile: z.string(),
  /** scope rule: the rule; scope mutant: the rule the mutant breaks */
  rule: z.enum(RULE_IDS).optional(),
  mutant: z.string().optional(),
  /** scope timing: the timing parameter of the profile */
  param: z.string().optional(),
  change: z.enum(CHANGES),
  /** a verdict (or `absent`), `holds`/`fails`/`unknown`, `killed`/`survived`, or the values a campaign's journal is consistent with */
  base: z.string(),
  next: z.string(),
  /** NEW diverges with another counterexample than BASE's (or BASE did not diverge) */
  newCounterexample: z.boolean().optional(),
  /** what changed, in a few words: `line 4: saw p0, allowed p1`, `length 3 → 5` */
  detail: z.string().optional(),
  /** NEW's counterexample, when it has one and something changed */
  counterexample: Story.optional(),
});
export type DiffChange = z.infer<typeof DiffChange>;

/**
 * What `photosync diff BASE NEW` prints: how a report changed between two runs.
 * Invariant: `changes` are ordered regressed, changed, improved, same; `regressed` is true iff one is regressed.
 */
export const DiffReport = z.object({
  base: DiffSide,
  next: DiffSide,
  kind: z.enum(DIFF_KINDS),
  regressed: z.boolean(),
  /** why the rows may mislead, in a sentence each: the reports tried other runs (another seed, runs or max-actions); absent when none */
  warnings: z.array(z.string()).optional(),
  changes: z.array(DiffChange),
});
export type DiffReport = z.infer<typeof DiffReport>;

import { z } from 'zod';
import { PARAM_NAMES } from '../model/Params.js';
import { RULE_IDS } from '../model/RuleId.js';
import { SURFACES } from '../model/vocabulary.js';
import { Story } from './Story.js';

/** One test user's lane: the stories it took, the one under way, and its next step. */
export const CampaignLane = z.object({
  user: z.string(),
  stories: z.number().int().nonnegative(),
  /** the story under way, its steps in words (`; ` between them), null when the lane is free */
  story: z.string().nullable(),
  done: z.number().int().nonnegative(),
  of: z.number().int().nonnegative(),
  /** when the next step is due, ISO; null when none is */
  next: z.string().nullable(),
  /** the HTTP requests its steps made; absent when none of its steps noted them (a campaign folder from before): unknown */
  requests: z.number().int().nonnegative().optional(),
  /** its steps made whose requests were not noted (cut off by a stop, or from before): `requests` counts the others */
  unrecorded: z.number().int().positive().optional(),
});

/** A profile's verdict from the journal so far: refuted at a line, or standing. */
export const CampaignVerdict = z.object({
  profile: z.string(),
  verdict: z.enum(['conforms', 'diverges', 'unknown']),
  line: z.number().int().positive().optional(),
  rules: z.array(z.enum(RULE_IDS)),
  /** the smallest part of the journal the profile cannot explain, found offline with the model */
  explanation: Story.optional(),
});

/**
 * What `photosync campaign status` and `campaign report` print: the campaign, its lanes and the
 * verdict of each profile from the journal. Invariant: computed from the campaign's files alone.
 */
export const CampaignReport = z.object({
  dir: z.string(),
  journal: z.string(),
  started: z.string(),
  until: z.string(),
  state: z.enum(['running', 'done']),
  events: z.number().int().nonnegative(),
  requests: z.number().int().nonnegative(),
  lanes: z.array(CampaignLane),
  profiles: z.array(CampaignVerdict),
  /** for each profile's timing parameter, the values tried that the journal is consistent with (report only) */
  timings: z
    .array(
      z.object({
        profile: z.string(),
        param: z.enum(PARAM_NAMES),
        /** the profile's own value, ms */
        value: z.number().nonnegative(),
        consistent: z.object({ lo: z.number().nonnegative(), hi: z.number().nonnegative() }).nullable(),
        contiguous: z.boolean(),
        /** whether the greatest value tried fits: the journal bounds it from below only */
        openAbove: z.boolean(),
      }),
    )
    .optional(),
  /** for each change the tenant took and each surface looked at after it, when the looks say it showed (report only; ms after the change) */
  observed: z
    .array(
      z.object({
        user: z.string(),
        line: z.number().int().positive(),
        change: z.string(),
        photo: z.string(),
        surface: z.enum(SURFACES),
        /** the last look still showing another photo, 0 when none did */
        after: z.number().nonnegative(),
        /** the first look showing the new photo; null when none did before the user's next change */
        by: z.number().nonnegative().nullable(),
        looks: z.number().int().positive(),
      }),
    )
    .optional(),
  /** a torn last line the next resume will cut off */
  torn: z.object({ line: z.number().int().positive() }).optional(),
});
export type CampaignReport = z.infer<typeof CampaignReport>;

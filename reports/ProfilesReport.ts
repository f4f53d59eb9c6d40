import { z } from 'zod';
import { PARAM_NAMES, formatDuration } from '../model/Params.js';
import type { Profile } from '../model/Profile.js';
import { RULE_IDS } from '../model/RuleId.js';

/** What `photosync profiles --format json` prints; parameters in milliseconds and as people write them. */
export const ProfilesReport = z.object({
  profiles: z.array(
    z.object({
      id: z.string(),
      summary: z.string(),
      rules: z.array(z.enum(RULE_IDS)),
      params: z.array(z.object({ name: z.enum(PARAM_NAMES), ms: z.number(), text: z.string() })),
    }),
  ),
});
export type ProfilesReport = z.infer<typeof ProfilesReport>;

export function toProfilesReport(profiles: readonly Profile[]): ProfilesReport {
  return {
    profiles: profiles.map((p) => ({
      id: p.id,
      summary: p.summary,
      rules: [...p.rules],
      params: PARAM_NAMES.flatMap((name) => {
        const ms = p.params[name];
        return ms === undefined ? [] : [{ name, ms, text: formatDuration(ms) }];
      }),
    })),
  };
}

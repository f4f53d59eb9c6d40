import type { RunStep } from '../adapters/RunStep.js';

/** The roles of a story's users, renamed to test users when a lane takes it. */
export const SUBJECT = 'subject';
export const VIEWER = 'viewer';
/** The tenant of a replayed story: the one observed, which stands whatever is refuted. */
export const OBSERVED = 'observed';

/**
 * An experiment for one test user (not a report's story: a campaign's plan): steps (waits included) that refute `refutes` if the tenant
 * behaves as `tenant`, found on the simulator. Its users are `subject` and `viewer`.
 */
export type CampaignStory = {
  readonly id: string;
  readonly tenant: string;
  readonly refutes: string;
  readonly steps: readonly RunStep[];
  /** of the simulator's other histories (storyLibrary's HISTORIES), how many it refutes `refutes` from */
  readonly robust: number;
};

/** A story's steps with its roles played by test users. */
export function cast(steps: readonly RunStep[], subject: string, viewer: string): RunStep[] {
  const who = (id: unknown) => (id === SUBJECT ? subject : id === VIEWER ? viewer : id);
  return steps.map((s) => {
    const out: Record<string, unknown> = { ...s };
    for (const key of ['user', 'viewer', 'by'] as const) if (key in out) out[key] = who(out[key]);
    return out as RunStep;
  });
}

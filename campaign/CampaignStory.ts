import { isWait, type RunStep } from '../adapters/RunStep.js';

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

/**
 * Steps with the users they name renamed by `who` (the acting `admin` is the tenant's own, never
 * renamed); undefined when `who` has no name for one of them.
 */
export function renamed(steps: readonly RunStep[], who: (id: string) => string | undefined): RunStep[] | undefined {
  const out: RunStep[] = [];
  for (const s of steps) {
    const step: Record<string, unknown> = { ...s };
    for (const key of ['user', 'viewer', 'by'] as const) {
      if (!(key in step) || step[key] === 'admin') continue;
      const name = who(String(step[key]));
      if (name === undefined) return undefined;
      step[key] = name;
    }
    out.push(step as RunStep);
  }
  return out;
}

/** A story's steps with its roles played by test users (any other user it names stays as it is). */
export function cast(steps: readonly RunStep[], subject: string, viewer: string): RunStep[] {
  return renamed(steps, (id) => (id === SUBJECT ? subject : id === VIEWER ? viewer : id))!;
}

/** The waits a story holds, in ms. */
export const waitOf = (steps: readonly RunStep[]): number => steps.reduce((t, s) => t + (isWait(s) ? s.ms : 0), 0);

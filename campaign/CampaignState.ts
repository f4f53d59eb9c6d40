import { isWait, type RunStep } from '../adapters/RunStep.js';
import type { TraceStart } from '../model/ProfileChecker.js';
import type { TraceEvent } from '../model/vocabulary.js';
import { campaignPaths } from './CampaignFile.js';
import { JsonLog, type LogLine } from './JsonLog.js';
import { readJournal } from './readJournal.js';

/** A story a lane took: its steps as the lane's users play them, when it was taken, and how it ended. */
export type Assignment = {
  lane: string;
  n: number;
  key: string;
  assigned: number;
  steps: RunStep[];
  /** the (tenant, refuted) pairs the story tells apart */
  pairs: readonly { tenant: string; refutes: string }[];
  ended?: string;
};

/** The id of a lane's k-th step of its n-th story: what the journal and the steps log name. */
export const stepId = (lane: string, n: number, k: number) => `${lane}#${n}#${k}`;

/**
 * A campaign as its files leave it: the journal's header and events, each lane's last story, the
 * stories taken, and the step begun last. Invariant: made from the files alone (no tenant).
 */
export type CampaignState = {
  readonly start: TraceStart | undefined;
  readonly events: readonly { readonly line: number; readonly step: string; readonly event: TraceEvent }[];
  readonly cut?: { readonly line: number; readonly savedTo: string };
  readonly assignments: Map<string, Assignment>;
  readonly taken: Set<string>;
  /** how many stories each lane has taken */
  readonly counts: Map<string, number>;
  /** the time each journaled step was made */
  readonly lastAt: Map<string, number>;
  /** the last step begun, from the steps log */
  readonly begun: Record<string, unknown> | undefined;
  /** the requests spent by earlier processes */
  readonly requestsBefore: number;
  /** the requests each step made, by step id, where the steps log noted them (not in folders from before, nor for a step a stop cut off) */
  readonly spent: ReadonlyMap<string, number>;
  /** when the campaign ended, ISO, if it has */
  readonly finished: string | undefined;
};

/**
 * Reads a campaign's state from its folder; `cut: false` changes no file (a torn last line is then
 * only named). Invariant: a refusal (a CampaignError naming file and line) changes no file.
 */
export function readCampaignState(dir: string, options: { cut?: boolean } = {}): CampaignState {
  const paths = campaignPaths(dir);
  // all three read before any is cut: a refusal of one leaves the others as they were too
  const journal = readJournal(paths.journal, { cut: false });
  const steps = JsonLog.read(paths.steps, { cut: false });
  const plan = JsonLog.read(paths.plan, { cut: false });
  if (options.cut !== false)
    for (const [path, read] of [
      [paths.journal, journal],
      [paths.steps, steps],
      [paths.plan, plan],
    ] as const)
      if (read.cut !== undefined) JsonLog.cutOff(path, read.cut);
  const { assignments, taken, counts } = lanesOf(plan.lines);
  const lastAt = new Map(journal.events.map((e) => [e.step, e.event.at]));
  return {
    start: journal.start,
    events: journal.events,
    ...(journal.cut === undefined ? {} : { cut: journal.cut }),
    assignments,
    taken,
    counts,
    lastAt,
    begun: [...steps.lines].reverse().find((l) => l.value.begun !== undefined)?.value,
    // the last line, begun or done, holds the running total
    requestsBefore: Number(steps.lines.at(-1)?.value.requests ?? 0),
    spent: new Map(
      steps.lines.flatMap(({ value }) =>
        value.done !== undefined && typeof value.spent === 'number' ? [[String(value.step), value.spent] as const] : [],
      ),
    ),
    finished: finishedOf(plan.lines),
  };
}

/**
 * When the campaign in `dir` ended, ISO, from its plan alone (a damaged journal, which resume puts
 * right, does not hide it); undefined while it runs. Changes no file.
 */
export function campaignFinished(dir: string): string | undefined {
  return finishedOf(JsonLog.read(campaignPaths(dir).plan, { cut: false }).lines);
}

const finishedOf = (lines: readonly LogLine[]) =>
  [...lines].reverse().find((l) => l.value.finished !== undefined)?.value.finished as string | undefined;

function lanesOf(lines: readonly LogLine[]) {
  const assignments = new Map<string, Assignment>();
  const taken = new Set<string>();
  const counts = new Map<string, number>();
  for (const { value } of lines) {
    const lane = String(value.lane);
    if (value.story !== undefined) {
      const a: Assignment = {
        lane,
        n: Number(value.n),
        key: String(value.story),
        assigned: Date.parse(String(value.assigned)),
        steps: value.steps as RunStep[],
        pairs: (value.pairs ?? []) as Assignment['pairs'],
      };
      assignments.set(lane, a);
      taken.add(a.key);
      counts.set(lane, a.n + 1);
    } else if (value.ended !== undefined) {
      const a = assignments.get(lane);
      if (a !== undefined && a.n === Number(value.n)) a.ended = String(value.ended);
    }
  }
  return { assignments, taken, counts };
}

/** A story's next step and when it is due (after the last one made, plus the waits between), or undefined when it is over. */
export function nextStep(a: Assignment, lastAt: ReadonlyMap<string, number>): { k: number; due: number } | undefined {
  let due = a.assigned;
  let k = 0;
  for (let i = 0; i < a.steps.length; i++) {
    const at = lastAt.get(stepId(a.lane, a.n, i));
    if (at !== undefined) [due, k] = [at + 1, i + 1];
  }
  for (; k < a.steps.length; k++) {
    const s = a.steps[k]!;
    if (!isWait(s)) break;
    due += s.ms;
  }
  return k < a.steps.length ? { k, due } : undefined;
}

import { existsSync } from 'node:fs';
import type { LiveAdapter } from '../adapters/live/createLiveAdapter.js';
import { isLook } from '../adapters/RunStep.js';
import { takeStep } from '../harness/takeStep.js';
import { traceEvent } from '../harness/TraceRecorder.js';
import { traceHeader, traceLine } from '../harness/traceFiles.js';
import { ProfileChecker, type TraceStart } from '../model/ProfileChecker.js';
import { findProfile } from '../model/profiles.js';
import type { TraceEvent } from '../model/vocabulary.js';
import { campaignPaths, campaignUntil, type CampaignFile } from './CampaignFile.js';
import { CampaignError } from './CampaignError.js';
import { JsonLog } from './JsonLog.js';
import { nextStory, storySpan, type StoryGroup } from './planStories.js';
import { nextStep, readCampaignState, stepId, type Assignment } from './CampaignState.js';
import { cast } from './CampaignStory.js';
import { lockCampaign } from './campaignLock.js';
import { repairJournal } from './repairJournal.js';
import { MEASURE, measurementStories } from './measurementStories.js';
import { stepWords } from './storyWords.js';
import { restoredLine } from '../adapters/live/restoredLine.js';

/** A step due this long ago is late: the story it belongs to no longer straddles its windows, and is given up. */
export const LATE_MS = 5 * 60_000;

/**
 * What a campaign process ended with: all decided, waiting to be resumed, out of its days or
 * requests, no story left that could finish before its end (over too), or stopped by a Ctrl-C.
 */
export type CampaignOutcome = {
  readonly kind: 'done' | 'sleeping' | 'out-of-time' | 'out-of-requests' | 'no-story-fits' | 'stopped';
  /** for `sleeping`: when the next step is due */
  readonly next?: number;
  /** for `no-story-fits`: the campaign's last instant, which every story left would have outlasted */
  readonly until?: number;
  /** for `stopped`: the step journaled last, which the stop waited for */
  readonly after?: string;
  /** the profiles refuted so far, with the journal line that refuted each */
  readonly refuted: ReadonlyMap<string, number>;
};

/**
 * Between a campaign and whoever may stop it (a Ctrl-C): what is under way, which a stop now would
 * cut short, and whether a stop was asked for once it is done.
 */
export type CampaignStop = {
  /** set by the stopper: the campaign returns `stopped` once what is under way is journaled */
  requested: boolean;
  /** set by the campaign: an action or a look being made (its step id and words), or the originals being put back; undefined when nothing is */
  underWay: { readonly kind: 'act' | 'look'; readonly step: string; readonly what: string } | { readonly kind: 'restore' } | undefined;
};

export type CampaignContext = {
  readonly dir: string;
  readonly file: CampaignFile;
  readonly adapter: LiveAdapter;
  readonly groups: readonly StoryGroup[];
  /** the longest wait this process makes itself; past it, it exits to be resumed (cron, a timer) */
  readonly maxSleepMs: number;
  readonly log: (line: string) => void;
  readonly stop?: CampaignStop;
};

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Runs (or resumes) a campaign from its folder: each test user a lane taking stories one after
 * another, the next story chosen toward the profiles still standing; every step noted before it
 * is made (`steps.jsonl`), journaled after (`journal.jsonl`), then its requests noted (`steps.jsonl`
 * again), each line on disk before the next step. Invariants: no action is made twice (one begun
 * but not journaled is journaled with result `unknown`, never repeated; a look is made again); the
 * journal is a trace `check` reads.
 */
export async function runCampaign(ctx: CampaignContext): Promise<CampaignOutcome> {
  const release = lockCampaign(ctx.dir);
  try {
    return await runLocked(ctx);
  } finally {
    release();
  }
}

async function runLocked(ctx: CampaignContext): Promise<CampaignOutcome> {
  const { dir, file, adapter } = ctx;
  const paths = campaignPaths(dir);
  const clock = adapter.clock;
  const profiles = file.profiles.map((id) => findProfile(id)!);
  const state = await readOrRepair(ctx);
  if (state.cut !== undefined)
    ctx.log(
      `photosync: ${paths.journal}:${state.cut.line} was torn by a crash; cut off (kept in ${state.cut.savedTo}), going on from the line before`,
    );
  const { assignments, taken, counts, lastAt, requestsBefore } = state;
  const journal = JsonLog.open(paths.journal);
  const steps = JsonLog.open(paths.steps);
  const plan = JsonLog.open(paths.plan);
  try {
    // the header: the survey of the tenant as it is, before the first action
    let start: TraceStart | undefined = state.start;
    if (start === undefined) {
      // a tenant photosync changed lately is surveyed once it has settled (a day or three): a long wait is the scheduler's
      const quiet = await adapter.quietAt();
      if (quiet !== undefined && quiet - clock.now() > ctx.maxSleepMs) return { kind: 'sleeping', next: quiet, refuted: new Map() };
      if (quiet !== undefined) await clock.advance(quiet - clock.now());
      // taken as it is: no baseline put back, no setting reset, which would only start another wait
      const found = await adapter.survey!([...file.users]);
      start = { start: clock.now(), users: found.users, photoSettings: found.photoSettings };
      journal.append(traceHeader(start, { campaign: true, tenantId: file.tenantId, seed: file.seed }));
    }
    // the days count from the survey: a wait for the tenant to settle takes none of them
    const until = campaignUntil(file, start.start);
    const checkers = new Map(profiles.map((p) => [p.id, new ProfileChecker(p, start!)]));
    const refuted = new Map<string, number>();
    let line = 1;
    const feed = (event: TraceEvent) => {
      line++;
      for (const [id, checker] of checkers) {
        if (refuted.has(id)) continue;
        const v = checker.feed(event, line);
        if (v?.verdict === 'diverges') refuted.set(id, line);
      }
    };
    const journaled = new Set<string>();
    for (const e of state.events) {
      feed(e.event);
      journaled.add(e.step);
    }

    // a step begun and not journaled: an action's outcome is not known (never made again); a look is made again
    const begun = state.begun;
    if (begun !== undefined && !journaled.has(String(begun.step)) && begun.kind === 'act') {
      const [lane, n, k] = String(begun.step).split('#');
      const a = assignments.get(lane!);
      const step = a !== undefined && a.n === Number(n) ? a.steps[Number(k)] : undefined;
      if (step !== undefined && !isLook(step)) {
        const at = Math.max(Date.parse(String(begun.begun)), state.events.at(-1)?.event.at ?? -Infinity);
        const event = traceEvent(step, at, { status: 'unknown', reason: 'photosync stopped before the outcome was recorded' });
        journal.append({ ...traceLine(event), step: begun.step });
        lastAt.set(String(begun.step), at);
        feed(event);
        ctx.log(
          `photosync: the outcome of step ${String(begun.step)} (${step.do}) was not recorded before photosync stopped: it is journaled as unknown, not made again`,
        );
      }
    }

    const nextOf = (a: Assignment) => nextStep(a, lastAt);
    const viewerOf = (lane: string) => file.users[(file.users.indexOf(lane) + 1) % file.users.length]!;
    const standing = () => new Set(file.profiles.filter((p) => !refuted.has(p)));
    // a replay tells its one profile apart from the tenant observed: decided only once that profile is refuted
    const decidedAt = file.confirms === undefined ? 1 : 0;
    // once no story is left to refute what stands, lanes measure the tenant's timings while the days allow (not in a replay)
    const ladders = file.confirms === undefined ? measurementStories(adapter.capabilities) : [];
    // over: its end on disk first, then the originals back (a resume of a campaign over changes nothing)
    const end = async (kind: 'done' | 'out-of-time' | 'out-of-requests' | 'no-story-fits'): Promise<CampaignOutcome> => {
      plan.append({ finished: iso(clock.now()), refuted: Object.fromEntries(refuted), ...(kind === 'done' ? {} : { ended: kind }) });
      await restore(ctx);
      return { kind, refuted, ...(kind === 'no-story-fits' ? { until } : {}) };
    };
    for (;;) {
      // every profile but one refuted (a replay's one): decided; the stories under way are given up, measurements go on
      if (standing().size <= decidedAt) {
        for (const a of assignments.values())
          if (a.ended === undefined && !a.key.startsWith(MEASURE)) {
            plan.append({ lane: a.lane, n: a.n, ended: 'decided', at: iso(clock.now()) });
            a.ended = 'decided';
          }
      }
      // free lanes take the story that tells apart most of what still stands
      for (const lane of file.users) {
        const a = assignments.get(lane);
        if (a !== undefined && a.ended === undefined && nextOf(a) !== undefined) continue;
        if (a !== undefined && a.ended === undefined) {
          plan.append({ lane, n: a.n, ended: 'done', at: iso(clock.now()) });
          a.ended = 'done';
        }
        // a story whose last step would come after the campaign's end would be cut off, its steps spent for nothing
        const room = until - clock.now();
        const group =
          nextStory(ctx.groups, standing(), taken, room) ?? ladders.find((l) => !taken.has(l.key) && storySpan(l.steps) <= room);
        if (group === undefined) continue;
        const n = counts.get(lane) ?? 0;
        const steps = cast(group.steps, lane, viewerOf(lane));
        const next: Assignment = { lane, n, key: group.key, assigned: clock.now(), steps, pairs: group.pairs };
        plan.append({ lane, n, story: group.key, assigned: iso(next.assigned), pairs: group.pairs, steps });
        assignments.set(lane, next);
        taken.add(group.key);
        counts.set(lane, n + 1);
      }
      let pick: { a: Assignment; k: number; due: number } | undefined;
      for (const lane of file.users) {
        const a = assignments.get(lane);
        if (a === undefined || a.ended !== undefined) continue;
        const next = nextOf(a);
        if (next !== undefined && (pick === undefined || next.due < pick.due)) pick = { a, ...next };
      }
      // every lane idle: over, unless stories that could still tell apart what stands were left for want of time
      if (pick === undefined)
        return end(standing().size > decidedAt && nextStory(ctx.groups, standing(), taken) !== undefined ? 'no-story-fits' : 'done');
      if (pick.due > until) return end('out-of-time');
      const wait = pick.due - clock.now();
      if (wait > ctx.maxSleepMs) return { kind: 'sleeping', next: pick.due, refuted };
      if (wait > 0) await clock.advance(wait);
      if (clock.now() - pick.due > LATE_MS) {
        // the story's waits were chosen to straddle windows: late, it tells less than it should; another is taken
        plan.append({ lane: pick.a.lane, n: pick.a.n, ended: 'late', at: iso(clock.now()) });
        pick.a.ended = 'late';
        continue;
      }
      const requests = requestsBefore + adapter.requests();
      if (ctx.file.budgetRequests !== undefined && requests >= ctx.file.budgetRequests) return end('out-of-requests');
      const id = stepId(pick.a.lane, pick.a.n, pick.k);
      const step = pick.a.steps[pick.k]!;
      const at = clock.now();
      const kind = isLook(step) ? 'look' : 'act';
      steps.append({ step: id, kind, begun: iso(at), requests });
      if (ctx.stop !== undefined) ctx.stop.underWay = { kind, step: id, what: stepWords(step) };
      const event = traceEvent(step, at, await takeStep(adapter, step));
      journal.append({ ...traceLine(event), step: id });
      // what the step cost, for each lane's count; a stop before this line leaves it unknown, never guessed
      const after = requestsBefore + adapter.requests();
      steps.append({ step: id, done: iso(clock.now()), spent: after - requests, requests: after });
      lastAt.set(id, at);
      feed(event);
      if (ctx.stop !== undefined) ctx.stop.underWay = undefined;
      if (ctx.stop?.requested === true) return { kind: 'stopped', after: id, refuted };
    }
  } finally {
    journal.close();
    steps.close();
    plan.close();
  }
}

/**
 * The campaign's state from its files; a damaged journal line that lines follow, which reading
 * refuses, is first put right where the steps log names its step (repairJournal), then read again.
 */
async function readOrRepair(ctx: CampaignContext): Promise<ReturnType<typeof readCampaignState>> {
  try {
    return readCampaignState(ctx.dir);
  } catch (e) {
    if (!(e instanceof CampaignError) || e.code !== 'PHOTOSYNC_CAMPAIGN_BAD_FILE') throw e;
    const repaired = await repairJournal(ctx.dir);
    // not the journal, or nothing a repair can put right: the refusal stands
    if (repaired === undefined) throw e;
    ctx.log(
      `photosync: ${campaignPaths(ctx.dir).journal}:${repaired.line} was damaged (kept in ${repaired.savedTo}): step ${repaired.step} is journaled there with nothing known of it, and the campaign goes on`,
    );
    return readCampaignState(ctx.dir);
  }
}

async function restore(ctx: CampaignContext): Promise<void> {
  if (ctx.stop !== undefined) ctx.stop.underWay = { kind: 'restore' };
  const restored = await ctx.adapter.restoreOriginals();
  if (ctx.stop !== undefined) ctx.stop.underWay = undefined;
  for (const r of restored) ctx.log(restoredLine(r, ctx.file.config));
}

/** Whether a folder holds a campaign's journal already. */
export function hasJournal(dir: string): boolean {
  return existsSync(campaignPaths(dir).journal);
}

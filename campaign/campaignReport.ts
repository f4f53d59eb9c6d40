import { checkEvents } from '../model/checkEvents.js';
import { findProfile } from '../model/profiles.js';
import type { Verdict } from '../model/Verdict.js';
import type { CampaignReport } from '../reports/CampaignReport.js';
import { campaignPaths, campaignUntil, type CampaignFile } from './CampaignFile.js';
import { nextStep, type CampaignState } from './CampaignState.js';
import { storyWords } from './storyWords.js';

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * A campaign's progress and verdicts from its files: each lane's story and next step, and each
 * profile checked against the whole journal. `explain` adds, for a profile refuted, the smallest
 * part of the journal it cannot explain. Invariant: reads no tenant.
 */
export function campaignReport(
  dir: string,
  file: CampaignFile,
  state: CampaignState,
  explain?: (profile: string, verdict: Verdict & { verdict: 'diverges' }) => CampaignReport['profiles'][number]['explanation'],
): CampaignReport {
  const spent = requestsByLane(state);
  const lanes = file.users.map((user) => {
    const a = state.assignments.get(user);
    const open = a !== undefined && a.ended === undefined ? a : undefined;
    const next = open === undefined ? undefined : nextStep(open, state.lastAt);
    const cost = spent.get(user) ?? { requests: 0, recorded: 0, unrecorded: 0 };
    return {
      user,
      stories: state.counts.get(user) ?? 0,
      // its steps in words, not its key (JSON)
      story: open === undefined || next === undefined ? null : storyWords(open.steps),
      done: open === undefined ? 0 : (next?.k ?? open.steps.length),
      of: open?.steps.length ?? 0,
      next: next === undefined || state.finished !== undefined ? null : iso(next.due),
      // none of its steps noted: unknown, not 0
      ...(cost.recorded === 0 && cost.unrecorded > 0 ? {} : { requests: cost.requests }),
      ...(cost.unrecorded === 0 ? {} : { unrecorded: cost.unrecorded }),
    };
  });
  const events = state.events.map((e) => e.event);
  const profiles = file.profiles.map((id) => {
    if (state.start === undefined) return { profile: id, verdict: 'conforms' as const, rules: [] };
    const v = checkEvents(findProfile(id)!, state.start, events);
    if (v.verdict === 'conforms') return { profile: id, verdict: 'conforms' as const, rules: [] };
    if (v.verdict === 'unknown') return { profile: id, verdict: 'unknown' as const, line: Math.max(1, v.line), rules: [] };
    const explanation = explain?.(id, v);
    return {
      profile: id,
      verdict: 'diverges' as const,
      line: v.divergence.line,
      rules: [...v.divergence.rules],
      ...(explanation === undefined ? {} : { explanation }),
    };
  });
  return {
    dir,
    journal: campaignPaths(dir).journal,
    started: file.started,
    until: iso(campaignUntil(file, state.start?.start)),
    state: state.finished === undefined ? 'running' : 'done',
    events: events.length,
    requests: state.requestsBefore,
    lanes,
    profiles,
    ...(state.cut === undefined ? {} : { torn: { line: state.cut.line } }),
  };
}

/** Each lane's requests over the steps it made (journaled), and how many of those steps noted none. */
function requestsByLane(state: CampaignState): Map<string, { requests: number; recorded: number; unrecorded: number }> {
  const out = new Map<string, { requests: number; recorded: number; unrecorded: number }>();
  for (const { step } of state.events) {
    const lane = /^(.*)#\d+#\d+$/.exec(step)?.[1];
    if (lane === undefined) continue;
    const c = out.get(lane) ?? { requests: 0, recorded: 0, unrecorded: 0 };
    const n = state.spent.get(step);
    if (n === undefined) c.unrecorded++;
    else [c.requests, c.recorded] = [c.requests + n, c.recorded + 1];
    out.set(lane, c);
  }
  return out;
}

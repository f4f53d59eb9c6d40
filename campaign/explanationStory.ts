import { findProfile } from '../model/profiles.js';
import type { TraceStart } from '../model/ProfileChecker.js';
import type { TraceEvent } from '../model/vocabulary.js';
import { citation } from '../reports/Citation.js';
import { toStoryWindows, type Story } from '../reports/Story.js';
import { minimalExplanation } from './minimalExplanation.js';

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * The smallest part of a journal that `profile` cannot explain, as a story whose lines are the
 * journal's own (a reader finds each step there); undefined when the journal does not diverge.
 */
export function explanationStory(profileId: string, start: TraceStart, events: readonly TraceEvent[]): Story | undefined {
  const found = minimalExplanation(findProfile(profileId)!, start, events);
  if (found === undefined) return undefined;
  const d = found.verdict.divergence;
  const lineOf = (explained: number) => found.events[explained - 2]?.line ?? explained;
  const steps = found.events.map(({ line, event }, i) => {
    const { at, ...rest } = event;
    const look = 'see' in event;
    return {
      n: i + 1,
      line,
      at: iso(at),
      offset: Math.max(0, at - start.start),
      event: rest as Record<string, unknown>,
      seen: look ? String((event as { photo: string }).photo) : String((event as { result?: string }).result ?? 'ok'),
      ...(lineOf(d.line) === line ? { allowed: [...d.allowed] } : {}),
    };
  });
  return {
    length: found.length,
    users: start.users.map((u) => ({ ...u })),
    ...(start.photoSettings === undefined
      ? {}
      : { photoSettings: { source: start.photoSettings.source, allowedRoles: [...start.photoSettings.allowedRoles] } }),
    start: iso(start.start),
    steps,
    divergence: { line: lineOf(d.line), allowed: [...d.allowed], rules: d.rules.map(citation), windows: toStoryWindows(d.windows) },
  };
}

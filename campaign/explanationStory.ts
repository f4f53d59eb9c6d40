import { findProfile } from '../model/profiles.js';
import type { TraceStart } from '../model/ProfileChecker.js';
import type { TraceEvent } from '../model/vocabulary.js';
import { storyOf, type Story } from '../reports/Story.js';
import { minimalExplanation } from './minimalExplanation.js';

/**
 * The smallest part of a journal that `profile` cannot explain, as a story whose lines are the
 * journal's own (a reader finds each step there); undefined when the journal does not diverge.
 */
export function explanationStory(profileId: string, start: TraceStart, events: readonly TraceEvent[]): Story | undefined {
  const found = minimalExplanation(findProfile(profileId)!, start, events);
  if (found === undefined) return undefined;
  const d = found.verdict.divergence;
  // the explanation's verdict counts its own lines from 2: the journal's are the events'
  const line = found.events[d.line - 2]?.line ?? d.line;
  return storyOf(start, found.events, { ...d, line }, found.length);
}

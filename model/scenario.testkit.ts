import { expect } from 'vitest';
import { checkEvents } from './checkEvents.js';
import { DAY, HOUR, MINUTE, SECOND } from './Params.js';
import { findProfile } from './profiles.js';
import type { Verdict } from './Verdict.js';
import type { RuleId } from './RuleId.js';
import {
  defaultUser,
  type Action,
  type PhotoSettings,
  type ObservationEvent,
  type Surface,
  type TraceEvent,
  type UserInit,
  type Via,
} from './vocabulary.js';

/** Test helper: builds traces in memory with times written as offsets from the start ("+3d2h"). */
export const T0 = Date.parse('2014-04-01T09:00:00Z');

const UNITS: Record<string, number> = { d: DAY, h: HOUR, m: MINUTE, s: SECOND, ms: 1 };

/** "+3d2h30m10s" after the trace start, in milliseconds since the epoch. */
export function at(offset: string): number {
  const re = /(\d+)(ms|d|h|m|s)/g;
  let total = 0;
  for (const m of offset.matchAll(re)) total += Number(m[1]) * UNITS[m[2]!]!;
  return T0 + total;
}

export type Step = (Action & { at: string; result?: 'ok' | 'rejected' | 'unknown' }) | (Omit<ObservationEvent, 'at'> & { at: string });

export function events(steps: readonly Step[]): TraceEvent[] {
  return steps.map((s) => {
    if ('see' in s) return { ...s, at: at(s.at) };
    return { ...s, at: at(s.at), result: s.result ?? 'ok' } as TraceEvent;
  });
}

export function users(...partial: Array<Partial<UserInit> & { id: string }>): UserInit[] {
  return partial.map((u) => ({ ...defaultUser(u.id), ...u }));
}

/** Checks steps against a profile by id, from a header with these users and photo settings; line numbers start at 2 as in a file. */
export function check(profileId: string, people: UserInit[], steps: readonly Step[], photoSettings?: PhotoSettings): Verdict {
  const profile = findProfile(profileId);
  if (profile === undefined) throw new Error(`no profile ${profileId}`);
  return checkEvents(profile, { start: T0, users: people, photoSettings }, events(steps));
}

/** An action's recorded outcome. */
export type Result = 'ok' | 'rejected' | 'unknown';

/** alice shows `photo` on `surface` to bob (or to `viewer`). */
export function see(at: string, surface: Surface, photo: string, viewer = 'bob'): Step {
  return { at, see: surface, user: 'alice', viewer, photo };
}

/** alice opens her My Site. */
export function visit(at: string): Step {
  return { at, do: 'visitMySite', user: 'alice' };
}

/** The verdict of a trace that conforms to `profile`. */
export function conforms(profile: string) {
  return { profile, verdict: 'conforms' };
}

/** A matcher for a divergence at `line` that allowed exactly `allowed` and cites `rule` among its rules. */
export function diverges(line: number, allowed: string[], rule: RuleId) {
  return { verdict: 'diverges', divergence: { line, allowed, rules: expect.arrayContaining([rule]) } };
}

/** alice sets `photo` through `via`, with the given outcome (and, where given, its size in bytes). */
export function setPhoto(at: string, via: Via, photo: string, result: Result = 'ok', bytes?: number): Step {
  return bytes === undefined
    ? { at, do: 'setPhoto', user: 'alice', via, photo, result }
    : { at, do: 'setPhoto', user: 'alice', via, photo, result, bytes };
}

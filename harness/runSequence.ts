import { checkEvents } from '../model/checkEvents.js';
import { findProfile } from '../model/profiles.js';
import type { TraceStart } from '../model/ProfileChecker.js';
import type { Verdict } from '../model/Verdict.js';
import type { TraceEvent } from '../model/vocabulary.js';
import type { Adapter } from '../adapters/Adapter.js';
import { createSimTenant, DEFAULT_START } from '../adapters/sim/SimTenant.js';
import { TraceRecorder } from './TraceRecorder.js';
import type { Mutant, Sequence } from '../adapters/sim/mutants/Mutant.js';

/** A sequence as it ran: the trace's header and events, and the model's verdict on them. */
export type SequenceRun = { readonly start: TraceStart; readonly events: readonly TraceEvent[]; readonly verdict: Verdict };

/**
 * Runs `sequence` on a set-up-free adapter (it sets the users up and tears down), records every
 * step as a trace event and checks the trace against `profile` with the reference model.
 * Invariant: returns data, never throws for a divergence.
 */
export async function runSequence(adapter: Adapter, profile: string, sequence: Sequence): Promise<SequenceRun> {
  const p = findProfile(profile);
  if (p === undefined) throw new RangeError(`no profile ${profile}`);
  const start: TraceStart = { start: adapter.clock.now(), users: sequence.users };
  await adapter.setup(sequence.users);
  const recorder = new TraceRecorder(adapter);
  for (const step of sequence.steps) await recorder.step(step);
  await adapter.teardown();
  return { start, events: recorder.events, verdict: checkEvents(p, start, recorder.events) };
}

/** Runs a sequence on a fresh simulated tenant of `profile`, mutated by `mutant` when given. */
export function runOnSim(profile: string, seed: number, sequence: Sequence, mutant?: Mutant): Promise<SequenceRun> {
  const sim = createSimTenant({ profile, seed, start: DEFAULT_START, ...(mutant === undefined ? {} : { mutant }) });
  return runSequence(sim, profile, sequence);
}

import { UNKNOWN, type ActionEvent, type ObservationEvent, type TraceEvent } from '../model/vocabulary.js';
import type { ActionOutcome, Adapter, ObserveOutcome } from '../adapters/Adapter.js';
import { isLook, type RunStep } from '../adapters/RunStep.js';
import { takeStep } from './takeStep.js';

/**
 * Drives an adapter one step at a time and records each step as a trace event (SPEC section 2),
 * with the action's outcome or the photo seen. Invariant: events are in step order, `at` is the
 * clock when the step began, and a millisecond passes after every step but a `wait`.
 */
export class TraceRecorder {
  readonly events: TraceEvent[] = [];

  constructor(private readonly adapter: Adapter) {}

  async step(step: RunStep): Promise<TraceEvent> {
    const at = this.adapter.clock.now();
    const event = traceEvent(step, at, await takeStep(this.adapter, step));
    this.events.push(event);
    return event;
  }
}

/** A step made at `at` as a trace event (SPEC section 2): the photo a look saw, or the action's result (and why, when it says). */
export function traceEvent(step: RunStep, at: number, outcome: ObserveOutcome | ActionOutcome): TraceEvent {
  if (isLook(step)) {
    const photo = 'photo' in outcome ? outcome.photo : UNKNOWN;
    const e: ObservationEvent = { at, see: step.see, user: step.user, viewer: step.viewer, photo };
    return e;
  }
  const e = { ...step, at, result: outcome.status } as ActionEvent & { reason?: string };
  if ('reason' in outcome) e.reason = outcome.reason;
  return e;
}

import { UNKNOWN, type ActionEvent, type ObservationEvent, type TraceEvent } from '../model/vocabulary.js';
import { perform, type Adapter } from '../adapters/Adapter.js';
import { isLook, type RunStep } from '../adapters/RunStep.js';

/**
 * Drives an adapter one step at a time and records each step as a trace event (SPEC section 2),
 * with the action's outcome or the photo seen. Invariant: events are in step order, `at` is the
 * clock when the step began, and a millisecond passes after every step but a `wait`.
 */
export class TraceRecorder {
  readonly events: TraceEvent[] = [];

  constructor(private readonly adapter: Adapter) {}

  async step(step: RunStep): Promise<TraceEvent> {
    const { adapter } = this;
    const at = adapter.clock.now();
    let event: TraceEvent;
    if (isLook(step)) {
      const seen = await adapter.observe(step.see, step.user, step.viewer);
      const e: ObservationEvent = {
        at,
        see: step.see,
        user: step.user,
        viewer: step.viewer,
        photo: seen.status === 'seen' ? seen.photo : UNKNOWN,
      };
      event = e;
    } else {
      const outcome = await perform(adapter, step);
      const e = { ...step, at, result: outcome.status } as ActionEvent & { reason?: string };
      if (outcome.status !== 'ok') e.reason = outcome.reason;
      event = e;
    }
    this.events.push(event);
    // a harness does one thing at a time: two events on the same instant sit on the boundary of
    // every window the first one opens, where the SPEC's order within an instant is not a tenant's
    if (isLook(step) || step.do !== 'wait') await adapter.clock.advance(1);
    return event;
  }
}

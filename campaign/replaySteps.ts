import type { RunStep } from '../adapters/RunStep.js';
import type { TraceEvent } from '../model/vocabulary.js';

/**
 * Recorded events as steps to make again, with the time between them as waits: what `--confirm`
 * replays of a minimal explanation. Outcomes and times are dropped (the tenant answers anew); a
 * step takes a millisecond, as the harness makes it.
 */
export function replaySteps(events: readonly TraceEvent[]): RunStep[] {
  const steps: RunStep[] = [];
  let last: number | undefined;
  for (const e of events) {
    const gap = last === undefined ? 0 : e.at - last - 1;
    if (gap > 0) steps.push({ do: 'wait', ms: gap });
    last = e.at;
    if ('see' in e) steps.push({ see: e.see, user: e.user, viewer: e.viewer });
    else {
      // a journal's event names its step too: the replay's own steps get ids of their own
      const {
        at: _at,
        result: _result,
        reason: _reason,
        step: _step,
        ...action
      } = e as TraceEvent & {
        result?: string;
        reason?: string;
        step?: string;
      };
      steps.push(action as RunStep);
    }
  }
  return steps;
}

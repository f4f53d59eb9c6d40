import { isLook, type RunStep } from '../adapters/RunStep.js';
import { describeEvent } from '../reports/describeEvent.js';

/** A step in a few words: `setPhoto alice p6 via graph`, `wait 48 h`, `sp-people-picker of alice to bob`. */
export function stepWords(step: RunStep): string {
  // a look has no photo until it is made
  if (isLook(step)) return `${step.see} of ${step.user} to ${step.viewer}`;
  return describeEvent(step);
}

/** A story's steps in words, `; ` between them (a report's text cuts it at a step where it must). */
export function storyWords(steps: readonly RunStep[]): string {
  return steps.map(stepWords).join('; ');
}

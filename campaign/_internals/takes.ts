import type { Capabilities } from '../../adapters/Adapter.js';
import { isLook, isWait, type RunStep } from '../../adapters/RunStep.js';

/** Whether a tenant can take a step: look at its surface, make its action (through its path). */
export function takes(capabilities: Capabilities, s: RunStep): boolean {
  if (isLook(s)) return capabilities.surfaces.includes(s.see);
  if (isWait(s)) return true;
  return capabilities.actions.includes(s.do) && (s.do !== 'setPhoto' || capabilities.vias.includes(s.via));
}

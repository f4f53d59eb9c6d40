import type { Action, Surface, Wait } from '../model/vocabulary.js';

/** An observation point: what `viewer` sees of `user`'s photo on `see`; the photo is whatever the tenant shows. */
export type Look = { readonly see: Surface; readonly user: string; readonly viewer: string };

/** One step of a run on an adapter: an action (a `wait` lets time pass) or a look. */
export type RunStep = Action | Look;

export function isLook(step: RunStep): step is Look {
  return 'see' in step;
}

/** Whether a step only lets time pass: a `wait` is neither an action on the tenant nor a look. */
export function isWait(step: RunStep): step is Wait {
  return !isLook(step) && step.do === 'wait';
}

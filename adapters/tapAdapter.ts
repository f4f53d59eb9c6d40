import type { ActionHandlers, Adapter } from './Adapter.js';
import type { RunStep } from './RunStep.js';

/** The same adapter, telling `listener` of every action (waits included) and look just before carrying it out. */
export function tapAdapter(adapter: Adapter, listener: (step: RunStep) => void): Adapter {
  const perform = Object.fromEntries(
    Object.entries(adapter.perform).map(([kind, handler]: [string, (a: never) => Promise<unknown>]) => [
      kind,
      (a: never) => {
        listener(a);
        return handler(a);
      },
    ]),
  ) as unknown as ActionHandlers;
  return {
    ...adapter,
    perform,
    observe: (see, user, viewer) => {
      listener({ see, user, viewer });
      return adapter.observe(see, user, viewer);
    },
  };
}

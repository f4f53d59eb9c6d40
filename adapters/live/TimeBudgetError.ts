/** A wait that would outlast the config's budget of hours: the run stops rather than overrun it. */
export class TimeBudgetError extends Error {
  readonly code = 'PHOTOSYNC_TIME_SPENT';
  constructor(readonly hours: number) {
    super(`the run would outlast its budget of ${hours} h (budget.hours in the config)`);
    this.name = 'TimeBudgetError';
  }
}

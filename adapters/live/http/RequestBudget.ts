import { HttpUsageError } from './HttpUsageError.js';

/** The run's request budget is spent: not a tenant fault, the run must stop. */
export class BudgetSpentError extends Error {
  readonly code = 'PHOTOSYNC_BUDGET_SPENT';
  constructor(readonly limit: number) {
    super(`the run's budget of ${limit} requests is spent`);
    this.name = 'BudgetSpentError';
  }
}

/** A count of requests a run may still send: `used + left === limit`, and `spend` never takes `used` past `limit`. */
export class RequestBudget {
  #used = 0;

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 0) throw new HttpUsageError(`a request budget is a whole number of requests, not ${limit}`);
  }

  /** Takes one request from the budget; throws BudgetSpentError, spending nothing, when none is left. */
  spend(): void {
    if (this.#used >= this.limit) throw new BudgetSpentError(this.limit);
    this.#used += 1;
  }

  get used(): number {
    return this.#used;
  }

  get left(): number {
    return this.limit - this.#used;
  }
}

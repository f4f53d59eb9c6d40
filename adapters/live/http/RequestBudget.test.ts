import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BudgetSpentError, RequestBudget } from './RequestBudget.js';

describe('RequestBudget', () => {
  it('spends exactly its limit, then throws BudgetSpentError without spending', () => {
    fc.assert(
      fc.property(fc.nat({ max: 50 }), fc.nat({ max: 60 }), (limit, tries) => {
        const budget = new RequestBudget(limit);
        let refused = 0;
        for (let i = 0; i < tries; i += 1) {
          try {
            budget.spend();
          } catch (err) {
            expect(err).toBeInstanceOf(BudgetSpentError);
            refused += 1;
          }
          expect(budget.used + budget.left).toBe(limit);
        }
        expect(budget.used).toBe(Math.min(limit, tries));
        expect(refused).toBe(Math.max(0, tries - limit));
      }),
    );
  });

  it('has a stable code', () => {
    const budget = new RequestBudget(0);
    expect(() => budget.spend()).toThrow(expect.objectContaining({ code: 'PHOTOSYNC_BUDGET_SPENT' }));
  });
});

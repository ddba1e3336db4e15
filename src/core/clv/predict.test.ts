/** CLV and the per-customer prediction table on hand cases. */
import { describe, expect, it } from 'vitest';
import {
  type BgNbdParams,
  daysToLikelyNextOrder,
  expectedPurchases,
  probabilityAlive,
} from './bgnbd.ts';
import { expectedSpend } from './gamma-gamma.ts';
import { customerLifetimeValue, predictCustomers } from './predict.ts';

const BG: BgNbdParams = { r: 0.25, alpha: 4, a: 0.8, b: 2.5 };
const GG = { p: 6, q: 4, v: 15 };

describe('customerLifetimeValue', () => {
  it('H = 3, d = 1%, spend 20 for x = 3, t_x = 6, T = 10 matches mpmath', () => {
    const clv = customerLifetimeValue(BG, 20, 3, 6, 10, { months: 3, monthlyDiscount: 0.01 });
    expect(clv).toBeCloseTo(125.43114701515758, 11);
  });

  it('without discount the monthly increments add up to E[N(30 H)] x spend', () => {
    const clv = customerLifetimeValue(BG, 20, 3, 6, 10, { months: 12, monthlyDiscount: 0 });
    expect(clv).toBeCloseTo(expectedPurchases(BG, 360, 3, 6, 10) * 20, 11);
  });

  it('is 0 over 0 months', () =>
    expect(customerLifetimeValue(BG, 20, 3, 6, 10, { months: 0, monthlyDiscount: 0.01 })).toBe(0));
});

describe('predictCustomers', () => {
  const summary = {
    x: Float64Array.of(0, 3, 1),
    tx: Float64Array.of(0, 6, 1),
    T: Float64Array.of(10, 10, 200),
    m: Float64Array.of(0, 40, 25),
  };

  it.each([12, 2])('every column is the formula for its customer (H = %i)', (months) => {
    const out = predictCustomers(summary, BG, GG, { months, monthlyDiscount: 0.02 });
    for (let i = 0; i < 3; i++) {
      const [x, tx, T, m] = [summary.x[i]!, summary.tx[i]!, summary.T[i]!, summary.m[i]!];
      const spend = expectedSpend(GG, x, m);
      expect(out.pAlive[i]).toBe(probabilityAlive(BG, x, tx, T));
      expect(out.expectedSpend[i]).toBe(spend);
      expect(out.expectedPurchases30[i]).toBeCloseTo(expectedPurchases(BG, 30, x, tx, T), 15);
      expect(out.expectedPurchases90[i]).toBeCloseTo(expectedPurchases(BG, 90, x, tx, T), 15);
      expect(out.expectedPurchases365[i]).toBe(expectedPurchases(BG, 365, x, tx, T));
      expect(out.clv[i]).toBe(
        customerLifetimeValue(BG, spend, x, tx, T, { months, monthlyDiscount: 0.02 }),
      );
      expect(out.nextOrderDays[i]).toBe(daysToLikelyNextOrder(BG, x, tx, T));
    }
    expect(out.expectedSpend[1]).toBeCloseTo((3 / 21) * 30 + (18 / 21) * 40, 12); // w = 18 / 21
    expect(out.nextOrderDays[2]).toBe(Infinity); // P(alive) 0.03: more likely gone
  });
});

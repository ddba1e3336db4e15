/**
 * Per-customer predictions from fitted BG/NBD and Gamma-Gamma parameters (SPEC "Lifetime value"):
 * P(alive), expected purchases, expected spend per purchase and CLV, plus two plain-language
 * derivatives of the same model (chance of no order in 90 days, a likely next-order date).
 */
import {
  type BgNbdParams,
  daysToLikelyNextOrder,
  expectedPurchases,
  probabilityAlive,
  probabilityNoPurchase,
} from './bgnbd.ts';
import { expectedSpend, type GammaGammaParams } from './gamma-gamma.ts';
import type { CustomerSummary } from './summary.ts';

/** A "month" of the CLV sum is 30 days, as lifetimes' `customer_lifetime_value`. */
export const DAYS_PER_MONTH = 30;

export interface ClvHorizon {
  /** H: months summed (default 12). */
  months: number;
  /** d: discount rate per month (default 0.01, i.e. 1%). */
  monthlyDiscount: number;
}

export const DEFAULT_CLV_HORIZON: ClvHorizon = { months: 12, monthlyDiscount: 0.01 };

/** Arrays indexed like the summary's customers. */
export interface CustomerPredictions {
  pAlive: Float64Array;
  expectedPurchases30: Float64Array;
  expectedPurchases90: Float64Array;
  expectedPurchases365: Float64Array;
  /** Expected spend per future purchase (Gamma-Gamma). */
  expectedSpend: Float64Array;
  /** Discounted value of the next `horizon.months` months. */
  clv: Float64Array;
  /** P(no purchase at all in the next 90 days). */
  pNoPurchase90: Float64Array;
  /**
   * Days after the observation end by which the customer has more likely than not ordered again;
   * Infinity when they are more likely gone (P(alive) <= 1/2).
   */
  nextOrderDays: Float64Array;
}

/**
 * CLV over H months at monthly discount d (SPEC): Σ_{i=1..H} (E[N(30 i)] - E[N(30 (i - 1))])
 * x spend / (1 + d)^i. `cumulative[i]` receives E[N(30 i)] for i = 0..H when given.
 */
export function customerLifetimeValue(
  bg: BgNbdParams,
  spend: number,
  x: number,
  tx: number,
  T: number,
  horizon: ClvHorizon,
  cumulative?: Float64Array,
): number {
  let value = 0;
  let previous = 0;
  for (let i = 1; i <= horizon.months; i++) {
    const upTo = expectedPurchases(bg, DAYS_PER_MONTH * i, x, tx, T);
    if (cumulative) cumulative[i] = upTo;
    value += ((upTo - previous) * spend) / (1 + horizon.monthlyDiscount) ** i;
    previous = upTo;
  }
  return value;
}

export function predictCustomers(
  summary: Pick<CustomerSummary, 'x' | 'tx' | 'T' | 'm'>,
  bg: BgNbdParams,
  gg: GammaGammaParams,
  horizon: ClvHorizon = DEFAULT_CLV_HORIZON,
): CustomerPredictions {
  const n = summary.x.length;
  const column = () => new Float64Array(n);
  const out: CustomerPredictions = {
    pAlive: column(),
    expectedPurchases30: column(),
    expectedPurchases90: column(),
    expectedPurchases365: column(),
    expectedSpend: column(),
    clv: column(),
    pNoPurchase90: column(),
    nextOrderDays: column(),
  };
  // The CLV sum already evaluates E[N] at 30 and 90 days when H >= 3: reuse those.
  const cumulative = new Float64Array(horizon.months + 1);
  for (let i = 0; i < n; i++) {
    const x = summary.x[i] as number;
    const tx = summary.tx[i] as number;
    const T = summary.T[i] as number;
    const spend = expectedSpend(gg, x, summary.m[i] as number);
    out.pAlive[i] = probabilityAlive(bg, x, tx, T);
    out.expectedSpend[i] = spend;
    out.clv[i] = customerLifetimeValue(bg, spend, x, tx, T, horizon, cumulative);
    out.expectedPurchases30[i] =
      horizon.months >= 1 ? (cumulative[1] as number) : expectedPurchases(bg, 30, x, tx, T);
    out.expectedPurchases90[i] =
      horizon.months >= 3 ? (cumulative[3] as number) : expectedPurchases(bg, 90, x, tx, T);
    out.expectedPurchases365[i] = expectedPurchases(bg, 365, x, tx, T);
    out.pNoPurchase90[i] = probabilityNoPurchase(bg, 90, x, tx, T);
    out.nextOrderDays[i] = daysToLikelyNextOrder(bg, x, tx, T);
  }
  return out;
}

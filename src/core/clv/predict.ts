/**
 * Per-customer predictions from fitted BG/NBD and Gamma-Gamma parameters (SPEC "Lifetime value"):
 * P(alive), expected purchases, expected spend per purchase and CLV, plus two plain-language
 * derivatives of the same model (chance of no order in 90 days, a likely next-order date).
 */
import {
  type BgNbdParams,
  daysToLikelyNextOrder,
  expectedPurchasesIfAlive,
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
 * x spend / (1 + d)^i.
 */
export function customerLifetimeValue(
  bg: BgNbdParams,
  spend: number,
  x: number,
  tx: number,
  T: number,
  horizon: ClvHorizon,
): number {
  return discountedValue(
    monthlyIfAlive(bg, x, T, horizon.months),
    probabilityAlive(bg, x, tx, T),
    spend,
    horizon,
  );
}

/** E[N(30 i) | alive], i = 0..months. */
function monthlyIfAlive(bg: BgNbdParams, x: number, T: number, months: number): Float64Array {
  const cumulative = new Float64Array(months + 1);
  for (let i = 1; i <= months; i++)
    cumulative[i] = expectedPurchasesIfAlive(bg, DAYS_PER_MONTH * i, x, T);
  return cumulative;
}

function discountedValue(
  cumulativeIfAlive: Float64Array,
  alive: number,
  spend: number,
  horizon: ClvHorizon,
): number {
  let value = 0;
  for (let i = 1; i <= horizon.months; i++) {
    const bought =
      alive * ((cumulativeIfAlive[i] as number) - (cumulativeIfAlive[i - 1] as number));
    value += (bought * spend) / (1 + horizon.monthlyDiscount) ** i;
  }
  return value;
}

/**
 * Every prediction for every customer of the summary. The expected purchases of a customer known
 * to be alive depend on x and T only, so they are computed once per distinct (x, T): one-time
 * buyers who started on the same day share them.
 */
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
  // Per (x, T): E[N(30 i) | alive] for i = 0..max(H, 3), then E[N(365) | alive].
  const months = Math.max(horizon.months, 3);
  const cache = new Map<number, Map<number, Float64Array>>();
  const ifAlive = (x: number, T: number) => {
    let byT = cache.get(x);
    if (byT === undefined) cache.set(x, (byT = new Map()));
    let values = byT.get(T);
    if (values === undefined) {
      values = new Float64Array(months + 2);
      values.set(monthlyIfAlive(bg, x, T, months));
      values[months + 1] = expectedPurchasesIfAlive(bg, 365, x, T);
      byT.set(T, values);
    }
    return values;
  };
  for (let i = 0; i < n; i++) {
    const x = summary.x[i] as number;
    const tx = summary.tx[i] as number;
    const T = summary.T[i] as number;
    const spend = expectedSpend(gg, x, summary.m[i] as number);
    const alive = probabilityAlive(bg, x, tx, T);
    const values = ifAlive(x, T);
    out.pAlive[i] = alive;
    out.expectedSpend[i] = spend;
    out.clv[i] = discountedValue(values, alive, spend, horizon);
    out.expectedPurchases30[i] = alive * (values[1] as number);
    out.expectedPurchases90[i] = alive * (values[3] as number);
    out.expectedPurchases365[i] = alive * (values[months + 1] as number);
    out.pNoPurchase90[i] = probabilityNoPurchase(bg, 90, x, tx, T);
    out.nextOrderDays[i] = daysToLikelyNextOrder(bg, x, tx, T);
  }
  return out;
}

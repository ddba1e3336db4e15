/**
 * Lifetime value summed up for the owner: per segment (value, chance still active, value at risk)
 * and the "valuable but slipping" customers. Customers without a prediction (NaN) are left out.
 */

/** Below this chance of still being a customer, a customer's value counts as at risk. */
export const DEFAULT_AT_RISK_BELOW = 0.5;
/** "Valuable": among this share of customers with the highest predicted value. */
export const VALUABLE_TOP_SHARE = 0.2;

export interface SegmentValue {
  segment: number;
  customers: number;
  /** Sum and mean of the predicted value over the horizon. */
  totalClv: number;
  meanClv: number;
  meanPAlive: number;
  /** Expected orders in the next 90 days, summed. */
  expectedOrders90: number;
  /** Customers with P(alive) below the threshold, and the sum of their predicted value. */
  atRiskCustomers: number;
  atRiskClv: number;
}

interface Values {
  clv: Float64Array;
  pAlive: Float64Array;
  expectedPurchases90: Float64Array;
}

/** One row per segment 0..k-1 (labels outside that range, e.g. -1, are left out). */
export function valueBySegment(
  values: Values,
  labels: Int32Array,
  k: number,
  atRiskBelow = DEFAULT_AT_RISK_BELOW,
): SegmentValue[] {
  const rows: SegmentValue[] = Array.from({ length: k }, (_, segment) => ({
    segment,
    customers: 0,
    totalClv: 0,
    meanClv: 0,
    meanPAlive: 0,
    expectedOrders90: 0,
    atRiskCustomers: 0,
    atRiskClv: 0,
  }));
  for (let i = 0; i < labels.length; i++) {
    const row = rows[labels[i]!];
    const clv = values.clv[i]!;
    const alive = values.pAlive[i]!;
    if (!row || Number.isNaN(clv)) continue;
    row.customers++;
    row.totalClv += clv;
    row.meanPAlive += alive;
    row.expectedOrders90 += values.expectedPurchases90[i]!;
    if (alive < atRiskBelow) {
      row.atRiskCustomers++;
      row.atRiskClv += clv;
    }
  }
  for (const row of rows) {
    row.meanClv = row.customers > 0 ? row.totalClv / row.customers : 0;
    row.meanPAlive = row.customers > 0 ? row.meanPAlive / row.customers : 0;
  }
  return rows;
}

export interface Slipping {
  /** Customer indices, highest value first. */
  customers: Int32Array;
  /** The value at and above which a customer counts as valuable (the top share's lowest). */
  valuableFrom: number;
  atRiskBelow: number;
}

/**
 * "Valuable but slipping": a predicted value among the top `topShare` of customers (at least the
 * value of the customer at that rank) and a chance of still being a customer below `atRiskBelow`.
 */
export function slippingCustomers(
  values: Pick<Values, 'clv' | 'pAlive'>,
  atRiskBelow = DEFAULT_AT_RISK_BELOW,
  topShare = VALUABLE_TOP_SHARE,
): Slipping {
  const known = values.clv.filter((v) => !Number.isNaN(v)).sort();
  const rank = Math.min(known.length - 1, Math.floor(known.length * (1 - topShare)));
  const valuableFrom = known.length > 0 ? known[rank]! : Infinity;
  const kept: number[] = [];
  for (let i = 0; i < values.clv.length; i++)
    if (values.clv[i]! >= valuableFrom && values.pAlive[i]! < atRiskBelow) kept.push(i);
  kept.sort((a, b) => values.clv[b]! - values.clv[a]! || a - b);
  return { customers: Int32Array.from(kept), valuableFrom, atRiskBelow };
}

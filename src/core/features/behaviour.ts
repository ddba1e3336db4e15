/**
 * Behaviour over time, per customer (the README's "Behaviour features" defines each): how steady,
 * varied, growing, seasonal and regular a customer's buying is, as opposed to how much and how
 * recently (RFM). Every value is finite: where a measure has no data to speak of (one active
 * month, one purchase day, no product column) it is 0, which the README says per feature.
 *
 * Months are calendar months of the UTC timestamp (features/monthly.ts `monthIndexOf`); a
 * customer's window runs from the month of their first purchase to the last month of the data,
 * so a customer who stopped buying shows zeros at the end (falling growth, low consistency).
 */
import type { Transactions } from '../ingest/decode.ts';
import type { BehaviourName } from '../types.ts';
import { monthIndexOf } from './monthly.ts';

const DAY_MS = 86_400_000;

/** Population coefficient of variation (std with ddof 0 over the mean); 0 for fewer than 2 values. */
export function coefficientOfVariation(values: ArrayLike<number>, count = values.length): number {
  if (count < 2) return 0;
  let sum = 0;
  for (let i = 0; i < count; i++) sum += values[i]!;
  const mean = sum / count;
  if (!(mean > 0)) return 0;
  let squares = 0;
  for (let i = 0; i < count; i++) squares += (values[i]! - mean) ** 2;
  return Math.sqrt(squares / count) / mean;
}

/**
 * Least-squares slope of `values` against 0, 1, 2, ... divided by their mean: the change per
 * month as a share of the average month. 0 for a single value or a mean that is not positive.
 */
export function normalisedSlope(values: ArrayLike<number>, count = values.length): number {
  if (count < 2) return 0;
  let sum = 0;
  for (let i = 0; i < count; i++) sum += values[i]!;
  const mean = sum / count;
  if (!(mean > 0)) return 0;
  const tMean = (count - 1) / 2;
  let covariance = 0;
  let tSquares = 0;
  for (let i = 0; i < count; i++) {
    covariance += (i - tMean) * (values[i]! - mean);
    tSquares += (i - tMean) ** 2;
  }
  return covariance / tSquares / mean;
}

/** Shannon entropy in bits of the shares `weights[i] / total` (zero weights add nothing). */
export function entropyBits(weights: ArrayLike<number>, count: number, total: number): number {
  if (!(total > 0)) return 0;
  let h = 0;
  for (let i = 0; i < count; i++) {
    const p = weights[i]! / total;
    if (p > 0) h -= p * Math.log2(p);
  }
  // Rounding can leave -0 or a hair below 0 for a single product.
  return Math.max(0, h);
}

/**
 * The behaviour features of every customer, from the cleaned rows grouped by customer (customer c
 * owns `rows[start[c]] .. rows[start[c+1]-1]`). `dataEnd` is the latest cleaned timestamp.
 */
export function behaviourFeatures(
  tx: Transactions,
  rows: Int32Array,
  start: Int32Array,
  dataEnd: number,
): Record<BehaviourName, Float64Array> {
  const n = start.length - 1;
  const out: Record<BehaviourName, Float64Array> = {
    SpendCV: new Float64Array(n),
    Diversity: new Float64Array(n),
    Growth: new Float64Array(n),
    Seasonality: new Float64Array(n),
    Consistency: new Float64Array(n),
    GapCV: new Float64Array(n),
  };
  if (n === 0) return out;
  const { timestamps } = tx;
  const dateCodes = tx.date.codes;
  const qty = tx.quantity;
  const price = tx.money === 'amount' ? tx.amount : tx.unitPrice;
  if (!price) throw new Error('decodeTable guarantees a money column');
  const product = tx.product;
  const lastMonth = monthIndexOf(dataEnd);
  // Month and day per distinct date text, not per row: a Date per row was most of this pass.
  const monthOfCode = Int32Array.from(timestamps, (t) => (Number.isNaN(t) ? 0 : monthIndexOf(t)));
  const dayOfCode = Float64Array.from(timestamps, (t) => Math.floor(t / DAY_MS));

  // Scratch reused customer by customer; only the entries a customer touched are reset.
  let bySlot = new Float64Array(64); // spend per month of the window
  let activeSlot = new Uint8Array(64);
  const byProduct = new Float64Array(product ? product.values.length : 0);
  const seenBy = new Int32Array(byProduct.length).fill(-1);
  const touched: number[] = [];
  // Purchase days of the customer's rows, sorted as numbers in place (a typed array's sort).
  let days = new Float64Array(64);
  const quarter = new Float64Array(4);
  const spendOfActive: number[] = [];
  const gaps: number[] = [];

  for (let c = 0; c < n; c++) {
    const from = start[c]!;
    const to = start[c + 1]!;
    let firstMonth = Infinity;
    for (let r = from; r < to; r++)
      firstMonth = Math.min(firstMonth, monthOfCode[dateCodes[rows[r]!]!]!);
    const span = lastMonth - firstMonth + 1;
    if (span > bySlot.length) {
      bySlot = new Float64Array(span * 2);
      activeSlot = new Uint8Array(span * 2);
    }
    bySlot.fill(0, 0, span);
    activeSlot.fill(0, 0, span);
    quarter.fill(0);
    touched.length = 0;
    if (to - from > days.length) days = new Float64Array((to - from) * 2);
    let total = 0;

    for (let r = from; r < to; r++) {
      const row = rows[r]!;
      const dateCode = dateCodes[row]!;
      const p = price.values[price.codes[row]!]!;
      const spend = tx.money === 'amount' ? p : (qty ? qty.values[qty.codes[row]!]! : 1) * p;
      const month = monthOfCode[dateCode]!;
      bySlot[month - firstMonth]! += spend;
      activeSlot[month - firstMonth] = 1;
      quarter[Math.floor((month % 12) / 3)]! += spend;
      total += spend;
      days[r - from] = dayOfCode[dateCode]!;
      if (product) {
        const code = product.codes[row]!;
        if (seenBy[code] !== c) {
          seenBy[code] = c;
          byProduct[code] = 0;
          touched.push(code);
        }
        byProduct[code]! += spend;
      }
    }

    spendOfActive.length = 0;
    for (let m = 0; m < span; m++) if (activeSlot[m]) spendOfActive.push(bySlot[m]!);
    out.SpendCV[c] = coefficientOfVariation(spendOfActive);
    out.Growth[c] = normalisedSlope(bySlot, span);
    out.Consistency[c] = spendOfActive.length / span;
    out.Seasonality[c] = total > 0 ? Math.max(...quarter) / total : 0;

    if (product) {
      let productTotal = 0;
      const weights = touched.map((code) => byProduct[code]!);
      for (const w of weights) productTotal += w;
      out.Diversity[c] = entropyBits(weights, weights.length, productTotal);
    }

    const sorted = days.subarray(0, to - from).sort();
    gaps.length = 0;
    for (let i = 1; i < sorted.length; i++)
      if (sorted[i] !== sorted[i - 1]) gaps.push(sorted[i]! - sorted[i - 1]!);
    out.GapCV[c] = coefficientOfVariation(gaps);
  }
  return out;
}

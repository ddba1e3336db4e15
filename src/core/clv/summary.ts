/**
 * Per-customer purchase history in the form the lifetime-value models take (SPEC "Lifetime value"),
 * the same as Python lifetimes' `summary_data_from_transaction_data(freq='D')`: purchases are
 * counted in distinct calendar days, and times are whole days.
 */
import type { Transactions } from '../ingest/decode.ts';
import type { CustomerGroups } from '../features/customers.ts';

export const DAY_MS = 86_400_000;

/** Cleaned order lines, columnar. Line i belongs to customer `customer[i]`. */
export interface ClvLines {
  /** Customer of each line, an index 0 .. customerCount - 1 (the app uses CustomerTable order). */
  customer: Int32Array;
  /** When the line was bought: naive wall-clock time read as UTC, in ms. */
  timestamp: Float64Array;
  /** Line total: quantity x unit price, or the amount column. */
  total: Float64Array;
  customerCount: number;
}

/** The day number (days since 1970-01-01) of a UTC ms timestamp: its date part. */
export const dayOf = (timestamp: number) => Math.floor(timestamp / DAY_MS);

/** Arrays indexed like `customer`: one entry per customer with a purchase up to the end day. */
export interface CustomerSummary {
  /** Index (into ClvLines) of each summarised customer, ascending. */
  customer: Int32Array;
  /** Repeat purchase days: distinct purchase days - 1. */
  x: Float64Array;
  /** Days from the first to the last purchase day. */
  tx: Float64Array;
  /** Days from the first purchase day to the observation end. */
  T: Float64Array;
  /** Mean spend over the repeat purchase days (first day left out); 0 when x = 0. */
  m: Float64Array;
  /** Observation end, as a day number; lines after it were ignored. */
  endDay: number;
  /** Distinct calendar days with a purchase, over all customers. */
  purchaseDays: number;
  /** Customers with x > 0. */
  repeatCustomers: number;
}

/** Line indices grouped by customer (counting sort), so each customer is one contiguous run. */
function groupLines(lines: ClvLines, keep: (i: number) => boolean) {
  const count = new Int32Array(lines.customerCount + 1);
  for (let i = 0; i < lines.customer.length; i++)
    if (keep(i)) count[(lines.customer[i] as number) + 1]!++;
  for (let c = 0; c < lines.customerCount; c++) count[c + 1]! += count[c] as number;
  const start = count.slice();
  const order = new Int32Array(start[lines.customerCount] as number);
  const next = start.slice(0, lines.customerCount);
  for (let i = 0; i < lines.customer.length; i++)
    if (keep(i)) order[next[lines.customer[i] as number]!++] = i;
  return { order, start };
}

/**
 * x, t_x, T and m for every customer with a line on or before `endDay` (default: the date of the
 * latest line). Lines after `endDay` are ignored, as lifetimes truncates at
 * `observation_period_end`. Linear in the number of lines: no sorting, distinct days are found
 * with a stamp per day.
 */
export function summariseCustomers(lines: ClvLines, endDay?: number): CustomerSummary {
  const n = lines.timestamp.length;
  const day = new Float64Array(n);
  let latest = -Infinity;
  let earliest = Infinity;
  for (let i = 0; i < n; i++) {
    const d = dayOf(lines.timestamp[i] as number);
    day[i] = d;
    if (d > latest) latest = d;
    if (d < earliest) earliest = d;
  }
  const end = endDay ?? latest;
  const { order, start } = groupLines(lines, (i) => (day[i] as number) <= end);

  const span = n > 0 ? Math.max(0, Math.min(end, latest) - earliest + 1) : 0;
  const lastCustomerOnDay = new Int32Array(span).fill(-1);
  const anyoneOnDay = new Uint8Array(span);
  const capacity = lines.customerCount;
  const customer = new Int32Array(capacity);
  const x = new Float64Array(capacity);
  const tx = new Float64Array(capacity);
  const T = new Float64Array(capacity);
  const m = new Float64Array(capacity);
  let count = 0;
  let repeatCustomers = 0;
  for (let c = 0; c < lines.customerCount; c++) {
    const from = start[c] as number;
    const to = start[c + 1] as number;
    if (from === to) continue;
    let firstDay = Infinity;
    let lastDay = -Infinity;
    for (let k = from; k < to; k++) {
      const d = day[order[k] as number] as number;
      if (d < firstDay) firstDay = d;
      if (d > lastDay) lastDay = d;
    }
    let days = 0;
    let repeatSpend = 0;
    for (let k = from; k < to; k++) {
      const i = order[k] as number;
      const slot = (day[i] as number) - earliest;
      if (lastCustomerOnDay[slot] !== c) {
        lastCustomerOnDay[slot] = c;
        anyoneOnDay[slot] = 1;
        days++;
      }
      // The first purchase day's spend is left out of m, as lifetimes does.
      if (day[i] !== firstDay) repeatSpend += lines.total[i] as number;
    }
    customer[count] = c;
    x[count] = days - 1;
    tx[count] = lastDay - firstDay;
    T[count] = end - firstDay;
    m[count] = days > 1 ? repeatSpend / (days - 1) : 0;
    if (days > 1) repeatCustomers++;
    count++;
  }
  return {
    customer: customer.slice(0, count),
    x: x.slice(0, count),
    tx: tx.slice(0, count),
    T: T.slice(0, count),
    m: m.slice(0, count),
    endDay: end,
    purchaseDays: anyoneOnDay.reduce((s, v) => s + v, 0),
    repeatCustomers,
  };
}

/**
 * Distinct purchase days per customer index strictly after `afterDay` and up to `untilDay`
 * (lifetimes' `frequency_holdout`).
 */
export function purchaseDaysBetween(
  lines: ClvLines,
  afterDay: number,
  untilDay: number,
): Float64Array {
  // One number per holdout line, customer-major: sorting them puts each customer's days together,
  // so distinct (customer, day) pairs are the changes between neighbours. A typed-array sort
  // beats a Set per customer by far on hundreds of thousands of lines.
  const span = untilDay - afterDay;
  const keys: number[] = [];
  for (let i = 0; i < lines.timestamp.length; i++) {
    const d = dayOf(lines.timestamp[i] as number);
    if (d > afterDay && d <= untilDay)
      keys.push((lines.customer[i] as number) * span + (d - afterDay - 1));
  }
  const sorted = Float64Array.from(keys).sort();
  const counts = new Float64Array(lines.customerCount);
  for (let k = 0; k < sorted.length; k++)
    if (k === 0 || sorted[k] !== sorted[k - 1]) counts[Math.floor((sorted[k] as number) / span)]!++;
  return counts;
}

/**
 * The cleaned lines of a prepared file, customer by customer in CustomerTable order, so that
 * summary.customer indexes `groups.table.ids`.
 */
export function clvLinesFromGroups(tx: Transactions, groups: CustomerGroups): ClvLines {
  const { rows, start } = groups;
  const customerCount = start.length - 1;
  const customer = new Int32Array(rows.length);
  const timestamp = new Float64Array(rows.length);
  const total = new Float64Array(rows.length);
  const quantity = tx.quantity;
  const price = tx.money === 'amount' ? tx.amount : tx.unitPrice;
  if (!price) throw new Error('decodeTable guarantees a money column');
  for (let c = 0; c < customerCount; c++)
    for (let r = start[c] as number; r < (start[c + 1] as number); r++) {
      const row = rows[r] as number;
      customer[r] = c;
      timestamp[r] = tx.timestamps[tx.date.codes[row] as number] as number;
      const p = price.values[price.codes[row] as number] as number;
      const q = quantity ? (quantity.values[quantity.codes[row] as number] as number) : 1;
      // SPEC "Line total": the amount column as it is, otherwise quantity x unit price.
      total[r] = tx.money === 'amount' ? p : q * p;
    }
  return { customer, timestamp, total, customerCount };
}

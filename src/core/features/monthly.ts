import type { Transactions } from '../ingest/decode.ts';
import type { Codes } from '../ingest/intern.ts';
import type { CustomerGroups } from './customers.ts';

/**
 * Each customer's revenue and orders per calendar month, stored sparsely (only months with a
 * purchase): customer c's months are `month[offsets[c]] .. month[offsets[c+1]-1]`, as month
 * indices (year * 12 + month). Small enough to keep with a saved analysis, so the customer
 * profile's monthly chart works without the original file.
 */
export interface MonthlyActivity {
  offsets: Int32Array;
  month: Int32Array;
  revenue: Float64Array;
  orders: Int32Array;
}

export const monthIndexOf = (ms: number): number => {
  const d = new Date(ms);
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
};

export const monthLabel = (index: number): string =>
  `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;

/** Maps each distinct date text to the first text of the same instant (`8:26` and `08:26`). */
export function sameInstant(timestamps: Float64Array): Int32Array {
  const firstOf = new Map<number, number>();
  const canonical = new Int32Array(timestamps.length);
  timestamps.forEach((t, code) => {
    const seen = firstOf.get(t);
    if (seen === undefined) firstOf.set(t, code);
    canonical[code] = seen ?? code;
  });
  return canonical;
}

/**
 * The smallest of `unitOfCode` (a day or month number per date code; NaN is passed over) over the
 * grouped rows, and how many units there are from it to the largest (0 without rows): the slots a
 * pass over the customers' rows needs, one per day or month.
 */
export function unitRange(
  rows: Int32Array,
  dateCodes: Codes,
  unitOfCode: ArrayLike<number>,
): { first: number; span: number } {
  let first = Infinity;
  let last = -Infinity;
  for (let r = 0; r < rows.length; r++) {
    const unit = unitOfCode[dateCodes[rows[r]!]!]!;
    if (unit < first) first = unit;
    if (unit > last) last = unit;
  }
  return rows.length > 0 ? { first, span: last - first + 1 } : { first: 0, span: 0 };
}

/**
 * One pass over the rows, customer by customer, with no allocation per customer: a month's
 * revenue and order count sit in a slot of the file's month range, and an order is counted in the
 * first month the customer's rows show it by marking its code with the customer and that month;
 * an order the same customer also has in another month (lines dated apart) goes into a set, the
 * rare case. (A Map of months with a Set of orders each took 40 to 70 ms of the CLI's 2 s on the
 * UCI file, before the k sweep could start.) Revenue is added in row order within each month, as
 * before, so the sums are the same to the bit.
 */
export function monthlyActivity(tx: Transactions, groups: CustomerGroups): MonthlyActivity {
  const { rows, start } = groups;
  const customers = groups.table.ids.length;
  const monthOfCode = Int32Array.from(tx.timestamps, (t) =>
    Number.isNaN(t) ? 0 : monthIndexOf(t),
  );
  const price = tx.money === 'amount' ? tx.amount : tx.unitPrice;
  if (!price) throw new Error('decodeTable guarantees a money column');
  const quantity = tx.money === 'amount' ? null : tx.quantity;
  // An order is an invoice, or a distinct timestamp without an invoice column (SPEC Frequency),
  // however its time is written (`8:26` and `08:26`), as the customer's Frequency counts it.
  const orderCodes = tx.invoice ? tx.invoice.codes : tx.date.codes;
  const instant = tx.invoice ? null : sameInstant(tx.timestamps);
  const orderCount = tx.invoice ? tx.invoice.values.length : tx.timestamps.length;

  const { first, span } = unitRange(rows, tx.date.codes, monthOfCode);
  const monthRevenue = new Float64Array(span);
  const monthOrders = new Int32Array(span);
  /** 1 + the customer whose month slot holds its revenue; 0 when free. */
  const slotOwner = new Int32Array(span);
  /** 1 + the last customer whose rows counted the order, and the month slot it was counted in. */
  const orderOwner = new Int32Array(orderCount);
  const orderSlot = new Int32Array(orderCount);
  const touched = new Int32Array(span);

  const offsets = new Int32Array(customers + 1);
  const month: number[] = [];
  const revenue: number[] = [];
  const orders: number[] = [];
  for (let c = 0; c < customers; c++) {
    let used = 0;
    /** code * span + slot of the customer's orders seen in more than one month. */
    let elsewhere: Set<number> | null = null;
    for (let r = start[c]!; r < start[c + 1]!; r++) {
      const row = rows[r]!;
      const slot = monthOfCode[tx.date.codes[row]!]! - first;
      if (slotOwner[slot] !== c + 1) {
        slotOwner[slot] = c + 1;
        monthRevenue[slot] = 0;
        monthOrders[slot] = 0;
        touched[used++] = slot;
      }
      const p = price.values[price.codes[row]!]!;
      // SPEC "Line total": the amount column as it is, otherwise quantity x unit price.
      monthRevenue[slot]! += quantity ? quantity.values[quantity.codes[row]!]! * p : p;
      const code = instant ? instant[orderCodes[row]!]! : orderCodes[row]!;
      if (orderOwner[code] !== c + 1) {
        orderOwner[code] = c + 1;
        orderSlot[code] = slot;
        monthOrders[slot]!++;
      } else if (orderSlot[code] !== slot) {
        const key = code * span + slot;
        elsewhere ??= new Set();
        if (!elsewhere.has(key)) {
          elsewhere.add(key);
          monthOrders[slot]!++;
        }
      }
    }
    const slots = touched.subarray(0, used).sort();
    for (const slot of slots) {
      month.push(first + slot);
      revenue.push(monthRevenue[slot]!);
      orders.push(monthOrders[slot]!);
    }
    offsets[c + 1] = month.length;
  }
  return {
    offsets,
    month: Int32Array.from(month),
    revenue: Float64Array.from(revenue),
    orders: Int32Array.from(orders),
  };
}

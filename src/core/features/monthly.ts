import type { Transactions } from '../ingest/decode.ts';
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

export function monthlyActivity(tx: Transactions, groups: CustomerGroups): MonthlyActivity {
  const { rows, start } = groups;
  const customers = groups.table.ids.length;
  const monthOfCode = Int32Array.from(tx.timestamps, (t) =>
    Number.isNaN(t) ? 0 : monthIndexOf(t),
  );
  const price = tx.money === 'amount' ? tx.amount : tx.unitPrice;
  if (!price) throw new Error('decodeTable guarantees a money column');
  // An order is an invoice, or a distinct timestamp without an invoice column (SPEC Frequency),
  // however its time is written (`8:26` and `08:26`), as the customer's Frequency counts it.
  const orderCodes = tx.invoice ? tx.invoice.codes : tx.date.codes;
  const instant = tx.invoice ? null : sameInstant(tx.timestamps);

  const offsets = new Int32Array(customers + 1);
  const month: number[] = [];
  const revenue: number[] = [];
  const orders: number[] = [];
  for (let c = 0; c < customers; c++) {
    const byMonth = new Map<number, { revenue: number; orders: Set<number> }>();
    for (let r = start[c]!; r < start[c + 1]!; r++) {
      const row = rows[r]!;
      const m = monthOfCode[tx.date.codes[row]!]!;
      let bucket = byMonth.get(m);
      if (!bucket) byMonth.set(m, (bucket = { revenue: 0, orders: new Set() }));
      const p = price.values[price.codes[row]!]!;
      const q = tx.quantity ? tx.quantity.values[tx.quantity.codes[row]!]! : 1;
      bucket.revenue += tx.money === 'amount' ? p : q * p;
      const code = orderCodes[row]!;
      bucket.orders.add(instant ? instant[code]! : code);
    }
    for (const [m, bucket] of [...byMonth].sort((a, b) => a[0] - b[0])) {
      month.push(m);
      revenue.push(bucket.revenue);
      orders.push(bucket.orders.size);
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

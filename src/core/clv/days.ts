/**
 * The cleaned lines reduced to one entry per customer and purchase day: all the lifetime-value
 * models read (SPEC "Lifetime value" counts distinct calendar days and a day's spend), and small
 * enough to keep with an analysis once its rows are gone (about 17,000 days for the 400,000 lines
 * of the UCI file), so the models can be fitted, refitted and restored without the file.
 */
import type { CustomerGroups } from '../features/customers.ts';
import { unitRange } from '../features/monthly.ts';
import type { Transactions } from '../ingest/decode.ts';
import { type ClvLines, DAY_MS, dayOf } from './summary.ts';

/**
 * Each customer's purchase days (timestamp = the day's midnight) with the day's spend, in
 * CustomerTable order. Summarising these gives the same x, t_x, T and m as the lines themselves.
 * One pass over the rows: a stamp per calendar day finds a customer's distinct days without a
 * map or a sort.
 */
export function purchaseDaysOf(tx: Transactions, groups: CustomerGroups): ClvLines {
  const { rows, start } = groups;
  const customerCount = start.length - 1;
  const dayOfCode = Float64Array.from(tx.timestamps, (t) => (Number.isNaN(t) ? NaN : dayOf(t)));
  const { first: earliest, span } = unitRange(rows, tx.date.codes, dayOfCode);
  const owner = new Int32Array(span).fill(-1);
  const entry = new Int32Array(span);
  const price = tx.money === 'amount' ? tx.amount : tx.unitPrice;
  if (!price) throw new Error('decodeTable guarantees a money column');
  const quantity = tx.money === 'amount' ? undefined : tx.quantity;

  const customer: number[] = [];
  const timestamp: number[] = [];
  const total: number[] = [];
  for (let c = 0; c < customerCount; c++)
    for (let r = start[c]!; r < start[c + 1]!; r++) {
      const row = rows[r]!;
      const d = dayOfCode[tx.date.codes[row]!]!;
      const slot = d - earliest;
      if (owner[slot] !== c) {
        owner[slot] = c;
        entry[slot] = total.length;
        customer.push(c);
        timestamp.push(d * DAY_MS);
        total.push(0);
      }
      const p = price.values[price.codes[row]!]!;
      // SPEC "Line total": the amount column as it is, otherwise quantity x unit price.
      const lineTotal = quantity ? quantity.values[quantity.codes[row]!]! * p : p;
      total[entry[slot]!]! += lineTotal;
    }
  return {
    customer: Int32Array.from(customer),
    timestamp: Float64Array.from(timestamp),
    total: Float64Array.from(total),
    customerCount,
  };
}

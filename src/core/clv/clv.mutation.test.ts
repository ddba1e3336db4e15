/**
 * Lifetime-value edges found by a mutation run (README, Mutation testing), on hand-made cases:
 * the holdout window's ends belong to the right customer, a file whose money is a line amount, and
 * the "valuable but slipping" list at its edges (the very top, the threshold itself, ties).
 */
import { describe, expect, it } from 'vitest';
import { lines as csv, prepareText } from '../testing/fixtures.ts';
import { slippingCustomers } from './segments.ts';
import {
  type ClvLines,
  clvLinesFromGroups,
  DAY_MS,
  dayOf,
  purchaseDaysBetween,
} from './summary.ts';

const D = dayOf(Date.parse('2011-03-01T00:00:00Z'));
const at = (day: number) => (D + day) * DAY_MS + 12 * 3_600_000;

describe('purchaseDaysBetween', () => {
  it('counts only days after the start and up to the end, each for its own customer', () => {
    // Customer 0 has no line in (D + 3, D + 15]. Customer 1 bought on the start day itself, before
    // it, and after the end; customer 2 on the end day and twice on one day inside.
    const lines: ClvLines = {
      customer: Int32Array.of(1, 1, 1, 2, 2, 2, 0),
      timestamp: Float64Array.of(at(3), at(1), at(16), at(15), at(7), at(7), at(2)),
      total: Float64Array.of(1, 1, 1, 1, 1, 1, 1),
      customerCount: 3,
    };
    expect(Array.from(purchaseDaysBetween(lines, D + 3, D + 15))).toEqual([0, 0, 2]);
  });
});

describe('clvLinesFromGroups', () => {
  it('takes an amount column as the line total, quantity or not', async () => {
    const data = await prepareText(
      csv(
        'CustomerID,InvoiceDate,Quantity,Amount',
        'a,2011-01-05,3,12.5',
        'b,2011-01-06,2,7',
        'a,2011-01-09,1,4',
      ),
      { mapping: { customer: 0, date: 1, quantity: 2, amount: 3 } },
    );
    expect(data.tx.money).toBe('amount');
    const lines = clvLinesFromGroups(data.tx, data.groups);
    expect(lines.customerCount).toBe(2);
    expect(Array.from(lines.customer)).toEqual([0, 0, 1]);
    expect(Array.from(lines.total)).toEqual([12.5, 4, 7]);
  });
});

describe('slippingCustomers at the edges', () => {
  const values = {
    clv: Float64Array.of(50, 200, 200, 10, 200),
    pAlive: Float64Array.of(0.1, 0.3, 0.5, 0.2, 0.4),
  };

  it('a customer exactly at the threshold is not slipping; ties by value keep file order', () => {
    // Top 40%: rank floor(5 x 0.6) = 3 of 10, 50, 200, 200, 200: valuable from 200.
    const slipping = slippingCustomers(values, 0.5, 0.4);
    expect(slipping.valuableFrom).toBe(200);
    expect(Array.from(slipping.customers)).toEqual([1, 4]);
  });

  it('a top share of 0 still takes the highest value', () => {
    const top = slippingCustomers({ clv: Float64Array.of(5, 90, 30), pAlive: Float64Array.of(0.1, 0.1, 0.1) }, 0.5, 0); // prettier-ignore
    expect(top.valuableFrom).toBe(90);
    expect(Array.from(top.customers)).toEqual([1]);
  });
});

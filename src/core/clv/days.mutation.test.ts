/**
 * purchaseDaysOf on hand-made files, fast enough for a mutation run (README, Mutation testing):
 * a customer's lines out of date order, customers sharing days, and an amount column.
 */
import { describe, expect, it } from 'vitest';
import { lines as csv, prepareText, UCI_HEADER } from '../testing/fixtures.ts';
import { purchaseDaysOf } from './days.ts';
import { DAY_MS, dayOf } from './summary.ts';

const MARCH = dayOf(Date.UTC(2011, 2, 1));

/** [customer id, day from 1 March 2011, total] per entry, in the order purchaseDaysOf gives. */
function entries(days: ReturnType<typeof purchaseDaysOf>, ids: readonly string[]) {
  return Array.from(days.customer, (c, i) => [
    ids[c],
    days.timestamp[i]! / DAY_MS - MARCH,
    days.total[i],
  ]);
}

describe('purchaseDaysOf', () => {
  it('adds a line to its own customer’s day even when another day or customer came between', async () => {
    const data = await prepareText(
      csv(
        UCI_HEADER,
        '1,A,x,1,3/3/11 8:00,5,C1,UK',
        '2,A,x,2,3/3/11 9:00,5,C2,UK', // C2 on C1's day
        '3,A,x,1,3/1/11 9:00,7,C1,UK', // C1's earliest day, after a later one
        '4,A,x,3,3/3/11 17:00,1,C1,UK', // back to C1's first day: 5 + 3
        '5,A,x,1,3/9/11 10:00,2,C2,UK', // the latest day of the file
        '6,A,x,4,3/1/11 12:00,0.5,C2,UK',
      ),
    );
    const ids = data.groups.table.ids;
    const got = entries(purchaseDaysOf(data.tx, data.groups), ids);
    expect(got).toHaveLength(5);
    expect(got).toEqual(
      expect.arrayContaining([
        ['C1', 2, 8],
        ['C1', 0, 7],
        ['C2', 2, 10],
        ['C2', 8, 2],
        ['C2', 0, 2],
      ]),
    );
    // Customer by customer, in CustomerTable order.
    const order = Array.from(purchaseDaysOf(data.tx, data.groups).customer);
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it('takes an amount column as the line total, whatever the quantity', async () => {
    const data = await prepareText(
      csv(
        'CustomerID,InvoiceDate,Quantity,Amount',
        'a,2011-03-05,3,12.5',
        'b,2011-03-06,2,7',
        'a,2011-03-05,10,4',
        'a,2011-03-02,1,1.25',
      ),
      { mapping: { customer: 0, date: 1, quantity: 2, amount: 3 } },
    );
    const days = purchaseDaysOf(data.tx, data.groups);
    expect(days.customerCount).toBe(2);
    expect(entries(days, data.groups.table.ids)).toEqual(
      expect.arrayContaining([
        ['a', 4, 16.5],
        ['a', 1, 1.25],
        ['b', 5, 7],
      ]),
    );
    expect(days.total).toHaveLength(3);
  });
});

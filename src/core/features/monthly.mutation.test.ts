/**
 * Monthly activity (monthly.ts), behind the customer profile's monthly chart: revenue and orders
 * per calendar month (UTC), only the months with a purchase, customer by customer.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lines, prepareText, UCI_HEADER } from '../testing/fixtures.ts';
import { monthIndexOf, monthLabel, monthlyActivity, unitRange } from './monthly.ts';

const JANUARY_2011 = 2011 * 12;

describe('month indices and labels', () => {
  it('counts months from year 0 in UTC and labels them YYYY-MM', () => {
    expect(monthIndexOf(Date.UTC(2011, 0, 1))).toBe(JANUARY_2011);
    expect(monthIndexOf(Date.UTC(2011, 11, 31, 23, 59))).toBe(JANUARY_2011 + 11);
    expect(monthIndexOf(Date.UTC(2012, 0, 1))).toBe(JANUARY_2011 + 12);
    expect(monthLabel(JANUARY_2011)).toBe('2011-01');
    expect(monthLabel(JANUARY_2011 + 9)).toBe('2011-10');
    expect(monthLabel(JANUARY_2011 + 11)).toBe('2011-12');
    expect(monthLabel(JANUARY_2011 + 12)).toBe('2012-01');
  });
});

describe('unitRange', () => {
  it("the grouped rows' first unit and the units from it to the last, NaN passed over", () => {
    const unitOfCode = [7, NaN, 3, 12, 1];
    // Rows 0..3 have date codes 0, 1, 2, 3; row 4's code (4, unit 1) is not among the rows.
    const dateCodes = new Int32Array([0, 1, 2, 3, 4]);
    expect(unitRange(new Int32Array([2, 0, 1, 3]), dateCodes, unitOfCode)).toEqual({
      first: 3,
      span: 10,
    });
    expect(unitRange(new Int32Array([0]), dateCodes, unitOfCode)).toEqual({ first: 7, span: 1 });
    expect(unitRange(new Int32Array(0), dateCodes, unitOfCode).span).toBe(0);
  });
});

describe('monthlyActivity', () => {
  it('quantity x price per month and distinct invoices as orders, months in order', async () => {
    const data = await prepareText(
      lines(
        UCI_HEADER,
        // A: March first in the file, then two invoices in January (one of two lines).
        '3,P3,Vase,4,2011-03-02 12:00,10,A,France',
        '1,P1,Mug,2,2011-01-05 10:00,3.5,A,France',
        '1,P2,Cup,1,2011-01-05 10:00,1.0,A,France',
        '2,P1,Mug,1,2011-01-20 09:00,3.5,A,France',
        '4,P1,Mug,3,2010-12-10 08:00,2,B,Spain',
      ),
    );
    const activity = monthlyActivity(data.tx, data.groups);
    expect(data.groups.table.ids).toEqual(['A', 'B']);
    expect(Array.from(activity.offsets)).toEqual([0, 2, 3]);
    expect(Array.from(activity.month)).toEqual([JANUARY_2011, JANUARY_2011 + 2, JANUARY_2011 - 1]);
    expect(Array.from(activity.revenue)).toEqual([2 * 3.5 + 1 + 3.5, 40, 6]);
    expect(Array.from(activity.orders)).toEqual([2, 1, 1]);
  });

  it('an invoice dated in two months is one order in each, however its lines alternate', async () => {
    // Found by the property test below: counting an order by the last month it was seen in
    // counted February twice.
    const data = await prepareText(
      lines(
        'Invoice,Customer,Date,Quantity,Price',
        '5,D,2005-02-01 8:26,1,0.1',
        '5,D,2005-01-01 8:26,1,0.1',
        '5,D,2005-02-01 8:26,1,0.1',
        '1,A,2005-01-01 8:26,1,0.1',
      ),
    );
    expect(data.groups.table.ids).toEqual(['A', 'D']);
    const activity = monthlyActivity(data.tx, data.groups);
    expect(Array.from(activity.month)).toEqual([2005 * 12, 2005 * 12, 2005 * 12 + 1]);
    expect(Array.from(activity.orders)).toEqual([1, 1, 1]);

    // Three months, each again later: still one order in each.
    const three = await prepareText(
      lines(
        'Invoice,Customer,Date,Quantity,Price',
        '5,D,2005-02-01 8:26,1,0.1',
        '5,D,2005-01-01 8:26,1,0.1',
        '5,D,2005-03-01 8:26,1,0.1',
        '5,D,2005-01-01 8:26,2,0.1',
        '5,D,2005-03-01 8:26,2,0.1',
        '5,D,2005-02-01 8:26,2,0.1',
      ),
    );
    const months = monthlyActivity(three.tx, three.groups);
    expect(Array.from(months.month)).toEqual([2005 * 12, 2005 * 12 + 1, 2005 * 12 + 2]);
    expect(Array.from(months.orders)).toEqual([1, 1, 1]);
  });

  it('no customers: no months', async () => {
    const data = await prepareText(lines('Customer,Date,Amount', 'A,2011-01-05 10:00,5'));
    const none = {
      ...data.groups,
      table: { ...data.groups.table, ids: [] },
      rows: new Int32Array(0),
      start: new Int32Array(1),
    };
    const activity = monthlyActivity(data.tx, none);
    expect(Array.from(activity.offsets)).toEqual([0]);
    expect(activity.month).toHaveLength(0);
  });

  it('a line amount is the revenue; without invoices each timestamp is an order', async () => {
    const data = await prepareText(
      lines(
        'Customer,Date,Amount',
        'A,2011-01-05 10:00,10',
        'A,2011-01-05 10:00,5', // the same timestamp: the same order
        'A,2011-01-20 09:00,7',
        'A,2011-03-02 12:00,40',
        'B,2011-02-28 23:00,3',
      ),
    );
    expect(data.tx.money).toBe('amount');
    expect(data.tx.quantity).toBeNull();
    const activity = monthlyActivity(data.tx, data.groups);
    expect(Array.from(activity.offsets)).toEqual([0, 2, 3]);
    expect(Array.from(activity.month)).toEqual([JANUARY_2011, JANUARY_2011 + 2, JANUARY_2011 + 1]);
    expect(Array.from(activity.revenue)).toEqual([22, 40, 3]);
    expect(Array.from(activity.orders)).toEqual([2, 1, 1]);
  });

  it('with a line amount and a quantity, the amount is the line total', async () => {
    const data = await prepareText(
      lines(
        'Order,Customer,Date,Quantity,Amount',
        '1,A,2011-05-01 10:00,3,10',
        '1,A,2011-05-01 10:00,2,6',
      ),
    );
    expect(data.tx.money).toBe('amount');
    expect(data.tx.quantity).not.toBeNull();
    const activity = monthlyActivity(data.tx, data.groups);
    expect(Array.from(activity.revenue)).toEqual([16]);
    expect(Array.from(activity.orders)).toEqual([1]);
  });

  it('without invoices, one instant written two ways is one order, as in Frequency', async () => {
    // Found by this test: the chart counted date texts, so December showed 3 orders while the
    // customer's Frequency (features/customers.ts) said 2.
    const data = await prepareText(
      lines(
        'Customer,Date,Quantity,Price',
        'a,12/1/10 8:26,1,2',
        'a,12/01/10 08:26,1,3', // the same instant as the line above
        'a,12/5/10 8:26,1,4',
        'a,12/1/10 08:26,1,5', // a third way of writing the first instant
      ),
    );
    const activity = monthlyActivity(data.tx, data.groups);
    expect(data.groups.table.features.Frequency[0]).toBe(2);
    expect(Array.from(activity.orders)).toEqual([2]);
    expect(Array.from(activity.revenue)).toEqual([14]);
  });
});

/** The plain way: a Map of months per customer with a Set of orders each (the code before). */
function monthlyByMaps(data: Awaited<ReturnType<typeof prepareText>>) {
  const { tx, groups } = data;
  const price = tx.money === 'amount' ? tx.amount! : tx.unitPrice!;
  const instantOf = new Map<number, number>();
  const result: { month: number; revenue: number; orders: number }[][] = [];
  for (let c = 0; c + 1 < groups.start.length; c++) {
    const byMonth = new Map<number, { revenue: number; orders: Set<number | string> }>();
    for (let r = groups.start[c]!; r < groups.start[c + 1]!; r++) {
      const row = groups.rows[r]!;
      const t = tx.timestamps[tx.date.codes[row]!]!;
      const m = monthIndexOf(t);
      if (!byMonth.has(m)) byMonth.set(m, { revenue: 0, orders: new Set() });
      const bucket = byMonth.get(m)!;
      const p = price.values[price.codes[row]!]!;
      const q =
        tx.money === 'amount' || !tx.quantity ? 1 : tx.quantity.values[tx.quantity.codes[row]!]!;
      bucket.revenue += q * p;
      if (tx.invoice) bucket.orders.add(tx.invoice.values[tx.invoice.codes[row]!]!);
      else bucket.orders.add(instantOf.get(t) ?? (instantOf.set(t, t), t));
    }
    result.push(
      [...byMonth]
        .sort((a, b) => a[0] - b[0])
        .map(([month, b]) => ({ month, revenue: b.revenue, orders: b.orders.size })),
    );
  }
  return result;
}

describe('monthlyActivity against the plain way', () => {
  const line = fc.record({
    invoice: fc.integer({ min: 1, max: 12 }),
    customer: fc.constantFrom('A', 'B', 'C', 'D'),
    // Years apart as well as days: a range of months far wider than the customers use; and
    // often the same few weeks, so customers share months, dates and invoice numbers.
    day: fc.oneof(fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 0, max: 40 })),
    hour: fc.constantFrom('8:26', '08:26', '14:05'),
    quantity: fc.integer({ min: 1, max: 9 }),
    price: fc.constantFrom('0.1', '0.2', '1.25', '3.5', '7'),
  });
  const dateOf = (day: number, hour: string) => {
    const d = new Date(Date.UTC(2005, 0, 1) + day * 86_400_000);
    return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')} ${hour}`;
  };

  it('the same months, revenue to the bit and orders, with and without invoices', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(line, { minLength: 1, maxLength: 40 }),
        fc.boolean(),
        async (rows, withInvoices) => {
          const text = withInvoices
            ? lines(
                'Invoice,Customer,Date,Quantity,Price',
                ...rows.map(
                  (r) =>
                    `${r.invoice},${r.customer},${dateOf(r.day, r.hour)},${r.quantity},${r.price}`,
                ),
              )
            : lines(
                'Customer,Date,Quantity,Price',
                ...rows.map(
                  (r) => `${r.customer},${dateOf(r.day, r.hour)},${r.quantity},${r.price}`,
                ),
              );
          const data = await prepareText(text);
          const activity = monthlyActivity(data.tx, data.groups);
          const got = monthlyByMaps(data).map((_, c) =>
            Array.from({ length: activity.offsets[c + 1]! - activity.offsets[c]! }, (_, i) => {
              const at = activity.offsets[c]! + i;
              return {
                month: activity.month[at]!,
                revenue: activity.revenue[at]!,
                orders: activity.orders[at]!,
              };
            }),
          );
          expect(got).toEqual(monthlyByMaps(data));
        },
      ),
      { numRuns: 400 },
    );
  });
});

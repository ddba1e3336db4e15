/**
 * Sales aggregated by month (issue 13): year + month columns or one period column make the date
 * (the 1st of the month), shop / outlet / store / retailer / account ids are customers, and without
 * an order id Frequency counts active months. Hand cases, then the UCI file aggregated by month
 * (testing/monthly-fixture.ts) against the reference customers.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatDateExample } from './date-example.ts';
import { guessMapping } from './columns.ts';
import { parseDate } from './dates.ts';
import { monthNumber } from './year-month.ts';
import { lines, prepareText } from '../testing/fixtures.ts';
import { monthlySalesCsv } from '../testing/monthly-fixture.ts';
import { loadReferenceCustomers, sharedPath } from '../testing/reference.ts';

describe('month and period values', () => {
  it('reads periods as the first of the month', () => {
    const first = (s: string) => formatDateExample(parseDate(s, 'year-month'));
    expect(first('2011-01')).toBe('2011-01-01 00:00:00');
    expect(first('201112')).toBe('2011-12-01 00:00:00');
    expect(first('2011/3')).toBe('2011-03-01 00:00:00');
    expect(first('2011-Mar')).toBe('2011-03-01 00:00:00');
    expect(first('2011')).toBe('2011-01-01 00:00:00');
    for (const bad of ['2011-13', '201113', '2011-00', '1850-01', '12345', '2011-01-05', 'x'])
      expect(parseDate(bad, 'year-month'), bad).toBeNaN();
  });

  it('month numbers and English month names', () => {
    expect(['1', '01', '12', 'Jan', 'january', 'SEPT.', 'Dec'].map(monthNumber)).toEqual([
      1, 1, 12, 1, 1, 9, 12,
    ]);
    expect(['0', '13', 'ja', 'Janvier', ''].map(monthNumber)).toEqual([-1, -1, -1, -1, -1]);
  });
});

describe('recognising a monthly file', () => {
  it('shop id is the customer, year the date, month the month, sales_qty and sales_value money', () => {
    const headers = ['shop_id', 'product_id', 'year', 'month', 'sales_qty', 'sales_value'];
    const sample = {
      rows: ['S1,P1,2011,1,3,9.5', 'S2,P2,2011,2,1,4'].map((r) => r.split(',')),
      delimiter: ',' as const,
    };
    expect(guessMapping(headers, sample)).toEqual({
      customer: 0,
      product: 1,
      date: 2,
      month: 3,
      quantity: 4,
      amount: 5,
    });
  });

  it.each(['outlet_id', 'store', 'retailer', 'Account', 'client_code'])(
    '%s is the customer',
    (h) => {
      expect(guessMapping([h, 'period', 'value']).customer).toBe(0);
    },
  );

  it('a month column beside a full date is left alone', () => {
    const sample = {
      rows: [['a', '2011-01-05', '1', '10']],
      delimiter: ',' as const,
    };
    const mapping = guessMapping(['customer', 'date', 'month', 'amount'], sample);
    expect(mapping.date).toBe(1);
    expect(mapping.month).toBeUndefined();
  });
});

describe('analysing a monthly file', () => {
  const text = lines(
    'shop_id,product_id,year,month,sales_qty,sales_value',
    'S1,P1,2011,1,3,30',
    'S1,P2,2011,1,1,10', // same month: one active month
    'S1,P1,2011,3,2,20',
    'S2,P1,2011,Feb,1,5',
    'S2,P1,2011,13,1,5', // not a month: a counted bad date
  );

  it('dates are the 1st of the month; Frequency counts active months; Recency in whole months', async () => {
    const data = await prepareText(text);
    expect(data.tx.dateFormat).toBe('year-month');
    expect(data.cleaned.report.bad_date).toBe(1);
    const { table } = data.groups;
    expect(table.ids).toEqual(['S1', 'S2']);
    // The latest date is 2011-03-01, the snapshot a day later.
    expect(formatDateExample(table.snapshot)).toBe('2011-03-02 00:00:00');
    expect(Array.from(table.features.Frequency)).toEqual([2, 1]);
    expect(Array.from(table.features.Monetary)).toEqual([60, 5]);
    // S2's last month is February: 28 days + 1 to the snapshot.
    expect(Array.from(table.features.Recency)).toEqual([1, 29]);
    expect(data.warnings.map((w) => w.code)).toContain('monthly-dates');
    expect(data.warnings.find((w) => w.code === 'monthly-dates')!.message).toMatch(
      /recency is accurate to a month and, with no order number, frequency counts the months/,
    );
    // Behaviour features come from the monthly rows: S1 active in 2 of 3 months.
    expect(table.behaviour!.Consistency[0]).toBeCloseTo(2 / 3, 14);
  });

  it('one period column reads the same', async () => {
    const period = lines(
      'outlet,sku,period,qty,amount',
      'S1,P1,2011-01,3,30',
      'S1,P2,201101,1,10',
      'S1,P1,2011-03,2,20',
    );
    const data = await prepareText(period);
    expect(data.tx.dateFormat).toBe('year-month');
    expect(Array.from(data.groups.table.features.Frequency)).toEqual([2]);
  });
});

describe('the UCI file aggregated by month', () => {
  const uci = readFileSync(sharedPath('data', 'online_retail.csv'), 'utf8');
  const reference = loadReferenceCustomers();

  it.each(['year-month', 'period'] as const)(
    '%s: every reference customer, with its Monetary and its months as Frequency',
    async (layout) => {
      const monthly = monthlySalesCsv(uci, { layout });
      const data = await prepareText(monthly);
      expect(data.sniff.mapping).toMatchObject(
        layout === 'period'
          ? { customer: 0, product: 1, date: 2, quantity: 3, amount: 4 }
          : { customer: 0, product: 1, date: 2, month: 3, quantity: 4, amount: 5 },
      );
      const { table } = data.groups;
      expect(table.ids).toEqual(reference.customerIds);
      const monetary = reference.column('Monetary');
      let worst = 0;
      table.ids.forEach((_, i) => {
        const expected = monetary[i]!;
        worst = Math.max(worst, Math.abs(table.features.Monetary[i]! - expected) / expected);
      });
      expect(worst).toBeLessThan(1e-9);
      // Frequency is the number of months with a purchase: at most the UCI orders, and 13 months.
      const orders = reference.column('Frequency');
      table.ids.forEach((_, i) => {
        const months = table.features.Frequency[i]!;
        expect(months).toBeGreaterThanOrEqual(1);
        expect(months).toBeLessThanOrEqual(Math.min(13, orders[i]!));
      });
      expect(formatDateExample(table.dateMax)).toBe('2011-12-01 00:00:00');
    },
    120_000,
  );
});

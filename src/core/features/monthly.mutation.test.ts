/**
 * Monthly activity (monthly.ts), behind the customer profile's monthly chart: revenue and orders
 * per calendar month (UTC), only the months with a purchase, customer by customer.
 */
import { describe, expect, it } from 'vitest';
import { lines, prepareText, UCI_HEADER } from '../testing/fixtures.ts';
import { monthIndexOf, monthLabel, monthlyActivity } from './monthly.ts';

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

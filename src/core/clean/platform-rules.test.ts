/**
 * Issue 10's cleaning: which invoice ids are UCI cancellations, platform status and refund
 * markers, order-level fields written once per order, refunds netted, a separate time column.
 * Small files through the real reader, each row commented with the rule that must take it.
 */
import { describe, expect, it } from 'vitest';
import { customer, lines, prepareText } from '../testing/fixtures.ts';
import { statusOutcome } from './status.ts';

describe('cancelled (SPEC rule 1) only for UCI-style invoice numbers', () => {
  const file = (...invoices: string[]) =>
    lines(
      'Invoice,Customer,Date,Quantity,Price',
      ...invoices.map((id, i) => `${id},A,2011-01-${String(10 + i).padStart(2, '0')},1,2`),
    );

  it('numbers with C-numbers: the C-numbers are cancellations', async () => {
    const data = await prepareText(file('536365', '536366', 'C536365', 'c536367', 'A536368'));
    expect(data.cleaned.report).toMatchObject({ cancelled: 2, rows_kept: 3 });
    expect(data.cleaned.report.rules_applied).toContain('cancelled');
  });

  it('random ids that start with C (Square) are orders, not cancellations', async () => {
    const data = await prepareText(file('Cx8Yz2kQ', 'C12345', 'b7QpL0aa', 'Zt5mN1cc', 'C98765'));
    expect(data.cleaned.report).toMatchObject({ cancelled: 0, rows_kept: 5 });
    expect(data.cleaned.report.rules_applied).not.toContain('cancelled');
    expect(customer(data, 'A').Frequency).toBe(5);
  });

  it('Stripe charge ids and Shopify order names never cancel', async () => {
    for (const ids of [
      ['ch_3Kx', 'ch_C11', 'ch_9Zq'],
      ['#1001', '#1002', 'C1003'],
    ]) {
      const data = await prepareText(file(...ids));
      expect(data.cleaned.report.cancelled).toBe(0);
    }
  });

  it('needs more than half of the other ids to be numbers', async () => {
    const half = await prepareText(file('100', '101', 'X1', 'X2', 'C100'));
    expect(half.cleaned.report.cancelled).toBe(0);
    const most = await prepareText(file('100', '101', '102', 'X1', 'X2', 'C100'));
    expect(most.cleaned.report.cancelled).toBe(1);
  });

  it('a C followed by more than digits is not a UCI cancellation', async () => {
    const data = await prepareText(file('536365', '536366', 'C53636X', 'C536365'));
    expect(data.cleaned.report).toMatchObject({ cancelled: 1, rows_kept: 3 });
  });
});

describe('status values', () => {
  it('are matched after trimming, ignoring case, accents, _ and -', () => {
    expect(statusOutcome('  Refunded ')).toBe('refunded');
    expect(statusOutcome('REFUND')).toBe('refunded');
    expect(statusOutcome('Remboursé')).toBe('refunded');
    expect(statusOutcome('voided')).toBe('cancelled_status');
    expect(statusOutcome('Annulé')).toBe('cancelled_status');
    expect(statusOutcome('Canceled')).toBe('cancelled_status');
    expect(statusOutcome('Failed')).toBe('failed_payment');
    expect(statusOutcome('Payment_Error')).toBe('failed_payment');
    expect(statusOutcome('Erreur de paiement')).toBe('failed_payment');
    // Runs of separators are one space.
    expect(statusOutcome('Payment -_ error')).toBe('failed_payment');
    expect(statusOutcome('erreur  de   paiement')).toBe('failed_payment');
  });

  it('that are unknown or mean a sale are kept', () => {
    for (const kept of ['paid', 'Paid', 'partially_refunded', 'Completed', 'Livré', 'pending', ''])
      expect(statusOutcome(kept), kept).toBeNull();
  });
});

describe('status and refund rules', () => {
  const header = 'Order,Customer,Date,Amount,Status';
  const mapping = { invoice: 0, customer: 1, date: 2, amount: 3, status: 4 };

  it('drop failed, cancelled and refunded orders, each under its own name, before SPEC 2-5', async () => {
    const data = await prepareText(
      lines(
        header,
        'o1,A,2011-01-10 10:00,10.00,Paid', // kept
        'o2,A,2011-01-11 10:00,20.00,Failed', // failed_payment
        'o3,,2011-01-12 10:00,0,failed', // failed_payment (not missing_customer)
        'o4,B,2011-01-12 10:00,30.00,voided', // cancelled_status
        'o5,B,2011-01-13 10:00,40.00,Refunded', // refunded
        'o6,B,2011-01-13 11:00,-40.00,Completed', // refund_lines: negative money
        'o7,B,2011-01-14 10:00,50.00,Someday', // kept: unknown status
      ),
      { mapping },
    );
    expect(data.cleaned.report).toMatchObject({
      cancelled: 0,
      failed_payment: 2,
      cancelled_status: 1,
      refunded: 1,
      refund_lines: 1,
      missing_customer: 0,
      nonpositive_quantity_or_price: 0,
      rows_kept: 2,
    });
    expect(data.cleaned.report.rules_applied).toEqual([
      'failed_payment',
      'cancelled_status',
      'refunded',
      'refund_lines',
      'missing_customer',
      'nonpositive_quantity_or_price',
      'bad_date',
    ]);
    expect(customer(data, 'A').Monetary).toBe(10);
    expect(customer(data, 'B').Monetary).toBe(50);
  });

  it('without a status or refund column a negative line is SPEC rule 3, not a refund line', async () => {
    const data = await prepareText(
      lines('Order,Customer,Date,Amount', 'o1,A,2011-01-10,10', 'o2,A,2011-01-11,-10'),
    );
    expect(data.cleaned.report).toMatchObject({
      refund_lines: 0,
      nonpositive_quantity_or_price: 1,
    });
    expect(data.cleaned.report.rules_applied).not.toContain('refund_lines');
  });
});

describe('order-level fields written on the first line of an order only', () => {
  const header = 'Name,Email,Financial Status,Created at,Lineitem quantity,Lineitem price,Country';
  const mapping = { invoice: 0, customer: 1, status: 2, date: 3, quantity: 4, unitPrice: 5 };

  it('apply to every line of the order: a refunded order drops all lines, a customer keeps all', async () => {
    const data = await prepareText(
      lines(
        header,
        '#1001,a@x.com,paid,2011-06-01 12:05:00 +0100,1,10.00,GB',
        '#1001,,,2011-06-01 12:05:00 +0100,2,5.00,', // a@x.com, paid
        '#1001,,,2011-06-01 12:05:00 +0100,1,2.50,', // a@x.com, paid
        '#1002,b@x.com,refunded,2011-06-02 09:00:00 +0100,1,7.00,GB', // refunded
        '#1002,,,2011-06-02 09:00:00 +0100,3,1.00,', // refunded with its order
        '#1003,b@x.com,paid,2011-06-03 09:00:00 +0100,1,4.00,GB', // kept
        ',,,2011-06-03 09:30:00 +0100,1,4.00,', // no order id: nothing to take, missing_customer
      ),
      { mapping: { ...mapping, country: 6 } },
    );
    expect(data.cleaned.report).toMatchObject({
      refunded: 2,
      missing_customer: 1,
      rows_kept: 4,
      lines_filled_from_order: 3,
    });
    expect(customer(data, 'a@x.com')).toMatchObject({ Frequency: 1, Monetary: 22.5 });
    expect(customer(data, 'b@x.com')).toMatchObject({ Frequency: 1, Monetary: 4 });
    expect(data.warnings.map((w) => w.code)).toContain('order-fields-filled');
  });

  it('are not guessed when the other lines of the order disagree', async () => {
    const data = await prepareText(
      lines(
        header,
        '#1,a@x.com,paid,2011-06-01 12:00,1,1,GB',
        '#1,b@x.com,paid,2011-06-01 12:00,1,1,GB',
        '#1,,paid,2011-06-01 12:00,1,1,GB', // a or b: left empty, missing_customer
      ),
      { mapping },
    );
    expect(data.cleaned.report).toMatchObject({
      missing_customer: 1,
      lines_filled_from_order: 0,
    });
  });
});

describe('refunded amounts', () => {
  it('net a charge (Stripe): amount - refunded; refunded in full is a refund', async () => {
    const data = await prepareText(
      lines(
        'id,Customer ID,Created (UTC),Amount,Amount Refunded,Status',
        'ch_1,cus_A,2011-01-10 10:00,100.00,30.00,Paid', // 70.00 counts
        'ch_2,cus_A,2011-01-11 10:00,50.00,0.00,Paid', // 50.00
        'ch_3,cus_B,2011-01-12 10:00,40.00,40.00,Paid', // refunded: all of it
        'ch_4,cus_B,2011-01-13 10:00,12.50,0.00,Paid', // 12.50
      ),
      { mapping: { invoice: 0, customer: 1, date: 2, amount: 3, refund: 4, status: 5 } },
    );
    expect(data.cleaned.report).toMatchObject({
      refunded: 1,
      rows_kept: 3,
      lines_net_of_refunds: 1,
    });
    expect(customer(data, 'cus_A')).toMatchObject({ Frequency: 2, Monetary: 120 });
    expect(customer(data, 'cus_B')).toMatchObject({ Frequency: 1, Monetary: 12.5 });
    expect(data.warnings.map((w) => w.code)).toContain('refunds-netted');
  });

  it('of an order, written once, are shared over its lines by value', async () => {
    const data = await prepareText(
      lines(
        'Name,Email,Created at,Lineitem quantity,Lineitem price,Refunded Amount',
        '#1,a@x.com,2011-06-01 12:00,2,10.00,6.00', // 20 of 30, less 4
        '#1,a@x.com,2011-06-01 12:00,1,10.00,', // 10 of 30, less 2
        '#2,a@x.com,2011-06-02 12:00,1,8.00,0.00', // 8
      ),
      { mapping: { invoice: 0, customer: 1, date: 2, quantity: 3, unitPrice: 4, refund: 5 } },
    );
    expect(customer(data, 'a@x.com')).toMatchObject({ Frequency: 2, TotalQuantity: 4 });
    expect(customer(data, 'a@x.com').Monetary).toBeCloseTo(24 + 8, 10);
    expect(data.cleaned.report.lines_net_of_refunds).toBe(2);
  });

  it('of an order, repeated on each of its lines, count once', async () => {
    const data = await prepareText(
      lines(
        'Order,Customer,Date,Amount,Refunded',
        'o1,A,2011-06-01,30.00,5.00', // 30 of 50, less 3
        'o1,A,2011-06-01,20.00,5.00', // 20 of 50, less 2: the same 5.00, not another
      ),
      { mapping: { invoice: 0, customer: 1, date: 2, amount: 3, refund: 4 } },
    );
    expect(customer(data, 'A').Monetary).toBeCloseTo(50 - 5, 10);
  });

  it('that differ between the lines of an order are per line and add up', async () => {
    const data = await prepareText(
      lines(
        'Order,Customer,Date,Amount,Refunded',
        'o1,A,2011-06-01,30.00,5.00',
        'o1,A,2011-06-01,20.00,2.00',
      ),
      { mapping: { invoice: 0, customer: 1, date: 2, amount: 3, refund: 4 } },
    );
    expect(customer(data, 'A').Monetary).toBeCloseTo(50 - 7, 10);
  });
});

describe('a separate time column (Square)', () => {
  const header = 'Date,Time,Customer ID,Net Sales,Transaction ID';
  const mapping = { date: 0, time: 1, customer: 2, amount: 3, invoice: 4 };

  it('is the time of day of the date; recency and distinct orders see it', async () => {
    const data = await prepareText(
      lines(
        header,
        '2011-06-01,14:05:33,A,£1.00,t1',
        '2011-06-02,23:30:00,B,£2.00,t2', // the latest purchase: snapshot 2011-06-03 23:30
        '2011-06-02,09:00:00,A,"£1,234.56",t3',
      ),
      { mapping },
    );
    const { table } = data.groups;
    expect(table.snapshot).toBe(Date.UTC(2011, 5, 3, 23, 30));
    // A's last purchase 2011-06-02 09:00: 1 day 14.5 hours before the snapshot.
    expect(customer(data, 'A')).toMatchObject({ Recency: 1, Frequency: 2, Monetary: 1235.56 });
    expect(customer(data, 'B').Recency).toBe(1);
    expect(table.firstPurchase[table.ids.indexOf('A')]).toBe(Date.UTC(2011, 5, 1, 14, 5, 33));
  });

  it('an unreadable time is a bad date, never a silent midnight; an empty one is midnight', async () => {
    const data = await prepareText(
      lines(
        header,
        '2011-06-01,noon,A,£1.00,t1', // bad_date
        '2011-06-01,,A,£2.00,t2', // 2011-06-01 00:00
        '2011-06-03 10:00,08:00,B,£2.00,t3', // the date's own time stays: 10:00
      ),
      { mapping },
    );
    expect(data.cleaned.report).toMatchObject({ bad_date: 1, rows_kept: 2 });
    expect(data.cleaned.badDateExamples).toEqual(['2011-06-01 noon']);
    const { table } = data.groups;
    expect(table.lastPurchase[table.ids.indexOf('A')]).toBe(Date.UTC(2011, 5, 1));
    expect(table.lastPurchase[table.ids.indexOf('B')]).toBe(Date.UTC(2011, 5, 3, 10));
  });
});

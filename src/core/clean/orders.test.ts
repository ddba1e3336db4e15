/**
 * Order-level resolution (orders.ts) at its edges: which cells count as empty, when lines of an
 * order agree, how refunds are shared when lines are returns, carry a zero refund, have no order
 * id, or the money is a line amount beside a quantity. Each case is small enough to check by hand.
 */
import { describe, expect, it } from 'vitest';
import { customer, expectAnalysisError, lines, prepareText } from '../testing/fixtures.ts';

describe('order-level fields', () => {
  const header = 'Order,Customer,Date,Amount,Country';
  const mapping = { invoice: 0, customer: 1, date: 2, amount: 3, country: 4 };

  it('are taken when every other line of the order carries the same value', async () => {
    const data = await prepareText(
      lines(
        header,
        'o1,A,2011-06-01,1,GB',
        'o1,A,2011-06-01,2,GB',
        'o1,,2011-06-01,4,GB', // A: both other lines say A
      ),
      { mapping },
    );
    expect(data.cleaned.report).toMatchObject({ lines_filled_from_order: 1, missing_customer: 0 });
    expect(customer(data, 'A').Monetary).toBe(7);
  });

  it('a cell of spaces is empty and filled like an empty one', async () => {
    const data = await prepareText(
      lines(header, 'o1,A,2011-06-01,1,GB', 'o1,   ,2011-06-01,2,GB'),
      { mapping },
    );
    expect(data.cleaned.report).toMatchObject({ lines_filled_from_order: 1, missing_customer: 0 });
    expect(customer(data, 'A').Monetary).toBe(3);
  });

  it('an order id of spaces groups nothing: its lines are not filled from each other', async () => {
    const data = await prepareText(lines(header, '  ,A,2011-06-01,1,GB', '  ,,2011-06-01,2,GB'), {
      mapping,
    });
    expect(data.cleaned.report).toMatchObject({ lines_filled_from_order: 0, missing_customer: 1 });
  });

  it('the country alone is filled too, and counted', async () => {
    const data = await prepareText(lines(header, 'o1,A,2011-06-01,1,DE', 'o1,A,2011-06-01,2,'), {
      mapping,
    });
    expect(data.cleaned.report.lines_filled_from_order).toBe(1);
  });
});

describe('refunds', () => {
  const amountMapping = { invoice: 0, customer: 1, date: 2, amount: 3, refund: 4 };

  it('are shared over the positive lines only: a returned line adds nothing to the order', async () => {
    const data = await prepareText(
      lines(
        'Order,Customer,Date,Amount,Refunded',
        'o1,A,2011-06-01,30.00,10.00', // the order's 30 less 10: 20
        'o1,A,2011-06-01,-10.00,10.00', // a return line: dropped, not part of the order's 30
      ),
      { mapping: amountMapping },
    );
    expect(customer(data, 'A').Monetary).toBeCloseTo(20, 10);
    expect(data.cleaned.report.lines_net_of_refunds).toBe(1);
  });

  it('a zero refund on one line does not make the order`s repeated refund per line', async () => {
    const data = await prepareText(
      lines(
        'Order,Customer,Date,Amount,Refunded',
        'o1,A,2011-06-01,10.00,0.00',
        'o1,A,2011-06-01,20.00,6.00',
        'o1,A,2011-06-01,30.00,6.00', // 6.00 written twice: the order's refund, once
      ),
      { mapping: amountMapping },
    );
    expect(customer(data, 'A').Monetary).toBeCloseTo(60 - 6, 10);
  });

  it('of a line without an order id are that line`s own, in part or in full', async () => {
    const data = await prepareText(
      lines(
        'Order,Customer,Date,Amount,Refunded',
        ',A,2011-06-01,40.00,10.00', // 30 kept
        ',A,2011-06-02,25.00,25.00', // refunded in full
        'o3,A,2011-06-03,5.00,0.00',
      ),
      { mapping: amountMapping },
    );
    expect(data.cleaned.report).toMatchObject({ refunded: 1, lines_net_of_refunds: 1 });
    expect(customer(data, 'A').Monetary).toBeCloseTo(30 + 5, 10);
  });

  it('without an order column every line is its own order', async () => {
    const data = await prepareText(
      lines(
        'Customer,Date,Amount,Refunded',
        'A,2011-06-01,40.00,10.00', // 30
        'A,2011-06-02,40.00,10.00', // 30: the same refund again is this line's own
        'A,2011-06-03,8.00,8.00', // refunded in full
      ),
      { mapping: { customer: 0, date: 1, amount: 2, refund: 3 } },
    );
    expect(data.cleaned.report).toMatchObject({ refunded: 1, lines_net_of_refunds: 2 });
    expect(customer(data, 'A').Monetary).toBeCloseTo(60, 10);
  });

  it('scale a line amount, never the amount times a quantity beside it', async () => {
    const data = await prepareText(
      lines(
        'Order,Customer,Date,Quantity,Amount,Refunded',
        'o1,A,2011-06-01,2,30.00,10.00', // the line's total is 30 (2 items): 20 kept
      ),
      { mapping: { invoice: 0, customer: 1, date: 2, quantity: 3, amount: 4, refund: 5 } },
    );
    expect(customer(data, 'A').Monetary).toBeCloseTo(20, 10);
    expect(customer(data, 'A').TotalQuantity).toBe(2);
  });
});

describe('cleaning rules at their edges', () => {
  const file = (...rows: string[]) => lines('Invoice,Customer,Date,Quantity,Price', ...rows);

  it('empty invoice ids do not count against the UCI numbering', async () => {
    const data = await prepareText(
      file(
        ',A,2011-01-10,1,2',
        ',A,2011-01-11,1,2',
        'C100,A,2011-01-12,1,2',
        '100,A,2011-01-13,1,2',
      ),
    );
    expect(data.cleaned.report.cancelled).toBe(1);
  });

  it('a file of C-numbers only is all cancellations, and says so', async () => {
    const error = await expectAnalysisError(
      prepareText(file('C100,A,2011-01-10,1,2', 'C101,B,2011-01-11,1,2')),
      'all-rows-removed',
    );
    expect(error.message).toContain(
      '(2 by "Cancelled invoices (invoice number starts with C)"). Check',
    );
  });

  it('the all-removed message names only the rules that removed rows, comma separated', async () => {
    const error = await expectAnalysisError(
      prepareText(file('1,,2011-01-10,1,2', '2,A,2011-01-11,0,2', '3,,2011-01-12,1,2')),
      'all-rows-removed',
    );
    expect(error.message).toContain(
      '(2 by "No customer ID", 1 by "Zero, negative or missing quantity or price"). Check',
    );
  });

  it('an empty code among the non-product codes never drops lines without a product', async () => {
    const data = await prepareText(
      lines(
        'Invoice,Customer,Date,Quantity,Price,Product',
        '1,A,2011-01-10,1,2,',
        '2,A,2011-01-11,1,2,POST',
      ),
      { nonProductCodes: ['  ', 'POST'] },
    );
    expect(data.cleaned.report).toMatchObject({ non_product_codes: 1, rows_kept: 1 });
  });

  it('a refund column alone makes negative lines refund lines; a zero line is not one', async () => {
    const data = await prepareText(
      lines(
        'Order,Customer,Date,Amount,Refunded',
        'o1,A,2011-01-10,10,0',
        'o2,A,2011-01-11,-10,0', // refund line
        'o3,A,2011-01-12,0,0', // zero: rule 3
      ),
      { mapping: { invoice: 0, customer: 1, date: 2, amount: 3, refund: 4 } },
    );
    expect(data.cleaned.report).toMatchObject({
      refund_lines: 1,
      nonpositive_quantity_or_price: 1,
    });
  });

  it('keeps five examples of unreadable dates, the first five', async () => {
    const bad = ['x1', 'x2', 'x3', 'x4', 'x5', 'x6', 'x7'];
    // Enough readable dates for the column to be a date column.
    const good = Array.from({ length: 20 }, (_, i) => `g${i},A,2011-01-${10 + i},1,2`);
    const data = await prepareText(file(...good, ...bad.map((d, i) => `b${i},A,${d},1,2`)));
    expect(data.cleaned.report.bad_date).toBe(7);
    expect(data.cleaned.badDateExamples).toEqual(bad.slice(0, 5));
  });
});

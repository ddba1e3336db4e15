/**
 * SPEC "Cleaning" on small files, through the real reader and decoder. Each fixture row says in a
 * comment which rule must drop it, so every count can be checked by eye.
 */
import { describe, expect, it } from 'vitest';
import {
  customer,
  expectAnalysisError,
  lines,
  prepareText,
  UCI_HEADER,
} from '../testing/fixtures.ts';

const KEEP = (invoice: string, customerId = '100', stock = 'A1') =>
  `${invoice},${stock},Mug,2,2011-01-10 10:00:00,1.50,${customerId},UK`;

describe('each rule on its own', () => {
  it('cancelled: C or c then digits after trimming, where invoice numbers are digits', async () => {
    const data = await prepareText(
      lines(
        UCI_HEADER,
        KEEP('536365'),
        KEEP('536371'),
        KEEP('536373'),
        KEEP('C536366'), // cancelled
        KEEP('c536367'), // cancelled: lowercase
        KEEP('   C536368'), // cancelled: leading spaces
        KEEP('"  c536369"'), // cancelled: quoted, lowercase, leading spaces
        KEEP('\u00a0C536372'), // cancelled: a leading no-break space
        KEEP('A536370'), // kept: other letters are not cancellations
        KEEP('5363C71'), // kept: C not first
      ),
    );
    expect(data.cleaned.report).toMatchObject({
      rows_in: 10,
      cancelled: 5,
      rows_kept: 5,
      missing_customer: 0,
      nonpositive_quantity_or_price: 0,
      non_product_codes: 0,
      bad_date: 0,
    });
  });

  it('cancelled does not apply without an invoice column', async () => {
    const data = await prepareText(
      lines('Customer,Date,Quantity,Price', 'C1,2011-01-10,1,2', 'c2,2011-01-10,1,2'),
    );
    expect(data.cleaned.report.cancelled).toBe(0);
    expect(data.cleaned.report.rules_applied).not.toContain('cancelled');
    expect(data.groups.table.ids).toEqual(['C1', 'c2']);
  });

  it('missing_customer: empty, whitespace-only and quoted blank ids', async () => {
    const data = await prepareText(
      lines(
        UCI_HEADER,
        KEEP('1'),
        KEEP('2', ''), // missing
        KEEP('3', '   '), // missing: spaces only
        KEEP('4', '"  "'), // missing: quoted spaces
        KEEP('5', '\t'), // missing: a tab
        KEEP('7', '\u00a0'), // missing: a no-break space
        KEEP('6', '0'), // kept: "0" is an id
      ),
    );
    expect(data.cleaned.report).toMatchObject({ rows_in: 7, missing_customer: 5, rows_kept: 2 });
    expect(data.groups.table.ids).toEqual(['0', '100']);
  });

  it('nonpositive_quantity_or_price: <= 0, empty or not a number, in either column', async () => {
    const row = (q: string, p: string) => `1,A1,Mug,${q},2011-01-10 10:00:00,${p},100,UK`;
    const data = await prepareText(
      lines(
        UCI_HEADER,
        row('1', '1.5'), // kept
        row('0', '1.5'), // quantity 0
        row('-2', '1.5'), // quantity negative
        row('', '1.5'), // quantity empty
        row('two', '1.5'), // quantity not a number
        row('1', '0'), // price 0
        row('1', '0.00'), // price 0 written with decimals
        row('1', '-1.5'), // price negative
        row('1', 'n/a'), // price not a number
        row('1', ''), // price empty
        row('3', '0.01'), // kept
      ),
    );
    expect(data.cleaned.report).toMatchObject({
      rows_in: 11,
      nonpositive_quantity_or_price: 9,
      rows_kept: 2,
    });
    expect(customer(data, '100').Monetary).toBeCloseTo(1.5 + 0.03, 12);
    expect(customer(data, '100').TotalQuantity).toBe(4);
  });

  it('with a line amount instead of a unit price: amount <= 0, and quantity <= 0 when mapped', async () => {
    const data = await prepareText(
      lines(
        'Order ID,Customer ID,Order Date,Quantity,Amount',
        'O1,7,2011-01-10,2,10.00', // kept: Monetary is the amount, not 2 x 10
        'O2,7,2011-01-11,1,0', // amount 0
        'O3,7,2011-01-12,1,-5', // amount negative
        'O4,7,2011-01-13,0,5', // quantity 0
        'O5,7,2011-01-14,-1,5', // quantity negative
        'O6,7,2011-01-15,1,', // amount empty
        'O7,8,2011-01-16,3,4.5', // kept
      ),
    );
    expect(data.tx.money).toBe('amount');
    expect(data.cleaned.report).toMatchObject({
      rows_in: 7,
      nonpositive_quantity_or_price: 5,
      rows_kept: 2,
    });
    expect(customer(data, '7')).toMatchObject({ Monetary: 10, TotalQuantity: 2, Frequency: 1 });
    expect(customer(data, '8')).toMatchObject({ Monetary: 4.5, TotalQuantity: 3 });
  });

  it('with only a line amount (no quantity): amount <= 0 drops; TotalQuantity counts lines', async () => {
    const data = await prepareText(
      lines(
        'client,order_date,dollar_value',
        'a,2011-01-10,5',
        'a,2011-01-11,7.25',
        'a,2011-01-12,-1', // amount negative
        'b,2011-01-12,0', // amount 0
      ),
    );
    expect(data.tx.quantity).toBeNull();
    expect(data.cleaned.report).toMatchObject({ nonpositive_quantity_or_price: 2, rows_kept: 2 });
    expect(customer(data, 'a')).toMatchObject({ Monetary: 12.25, TotalQuantity: 2, Frequency: 2 });
    expect(data.groups.table.fallbacks.TotalQuantity).toBeDefined();
  });

  it('non_product_codes: the default list, exact after trimming', async () => {
    const data = await prepareText(
      lines(
        UCI_HEADER,
        KEEP('1', '100', 'POST'), // dropped
        KEEP('2', '100', 'D'), // dropped
        KEEP('3', '100', ' M '), // dropped: trimmed
        KEEP('4', '100', 'DOT'), // dropped
        KEEP('5', '100', 'BANK CHARGES'), // dropped: a code with a space
        KEEP('9', '100', '\u00a0POST\u00a0'), // dropped: no-break spaces trimmed
        KEEP('6', '100', 'POSTAGE'), // kept: not exactly POST
        KEEP('7', '100', 'AMAZONFEE'), // kept: not on the default list
        KEEP('8', '100', '85123A'), // kept
      ),
    );
    expect(data.cleaned.report).toMatchObject({ rows_in: 9, non_product_codes: 6, rows_kept: 3 });
    expect(customer(data, '100').UniqueProducts).toBe(3);
  });

  it('non_product_codes: a custom list replaces the default', async () => {
    const data = await prepareText(
      lines(
        UCI_HEADER,
        KEEP('1', '100', 'POST'), // kept: not on the custom list
        KEEP('2', '100', 'AMAZONFEE'), // dropped
        KEEP('3', '100', 'GIFT WRAP'), // dropped
        KEEP('4', '100', '85123A'), // kept
      ),
      { nonProductCodes: ['AMAZONFEE', ' GIFT WRAP '] },
    );
    expect(data.cleaned.report).toMatchObject({ non_product_codes: 2, rows_kept: 2 });
  });

  it('non_product_codes does not apply without a stock code column', async () => {
    const data = await prepareText(lines('Customer,Date,Quantity,Price', 'POST,2011-01-10,1,2'));
    expect(data.cleaned.report.rules_applied).not.toContain('non_product_codes');
    expect(data.cleaned.report.rows_kept).toBe(1);
  });

  it('bad_date: unreadable and impossible dates are dropped, counted and reported', async () => {
    const row = (date: string) => `1,A1,Mug,1,${date},2,100,UK`;
    const data = await prepareText(
      lines(
        UCI_HEADER,
        row('2011-01-10 10:00:00'),
        row('2011-01-11 10:00:00'),
        row('2011-01-12 10:00:00'),
        row('not a date'), // bad
        row('2011-02-30 10:00:00'), // bad: 30 February
        row(''), // bad: empty
      ),
    );
    expect(data.cleaned.report).toMatchObject({ rows_in: 6, bad_date: 3, rows_kept: 3 });
    const warning = data.warnings.find((w) => w.code === 'bad-dates');
    expect(warning?.message).toMatch(/^3 rows had dates we could not read/);
    expect(warning?.message).toContain('"not a date"');
    expect(data.groups.table.ids).toEqual(['100']);
  });

  it('a date column of which no format reads even half fails with no-dates', async () => {
    const row = (date: string) => `1,A1,Mug,1,${date},2,100,UK`;
    await expectAnalysisError(
      prepareText(lines(UCI_HEADER, row('soon'), row('later'), row('2011-01-10'))),
      'no-dates',
    );
  });

  it('every row removed is an error that says by which rules', async () => {
    const error = await expectAnalysisError(
      prepareText(lines(UCI_HEADER, KEEP('C1'), KEEP('2', ''))),
      'all-rows-removed',
    );
    expect(error.message).toContain('1 by "Cancelled invoices');
    expect(error.message).toContain('1 by "No customer ID"');
  });
});

describe('rule order: a row that matches several rules counts for the first only', () => {
  it('cancelled > missing_customer > money > non-product > bad date', async () => {
    const row = (inv: string, stock: string, q: string, date: string, p: string, cust: string) =>
      `${inv},${stock},Mug,${q},${date},${p},${cust},UK`;
    const good = '2011-01-10 10:00:00';
    const data = await prepareText(
      lines(
        UCI_HEADER,
        row('C1', 'POST', '-1', 'bad', '0', ''), // all five -> cancelled
        row('2', 'POST', '-1', 'bad', '0', ''), // four -> missing_customer
        row('3', 'POST', '-1', 'bad', '0', '100'), // three -> nonpositive
        row('4', 'POST', '1', 'bad', '2', '100'), // two -> non_product_codes
        row('5', 'A1', '1', 'bad', '2', '100'), // bad_date
        row('6', 'A1', '1', good, '2', '100'), // kept
        row('7', 'A1', '1', '2011-01-11 10:00:00', '2', '100'), // kept
        row('8', 'A1', '1', '2011-01-12 10:00:00', '2', '100'), // kept
      ),
    );
    expect(data.cleaned.report).toEqual({
      rows_in: 8,
      cancelled: 1,
      missing_customer: 1,
      nonpositive_quantity_or_price: 1,
      non_product_codes: 1,
      bad_date: 1,
      failed_payment: 0,
      cancelled_status: 0,
      refunded: 0,
      refund_lines: 0,
      rows_kept: 3,
      share_kept: 3 / 8,
      lines_filled_from_order: 0,
      lines_net_of_refunds: 0,
      rules_applied: [
        'cancelled',
        'missing_customer',
        'nonpositive_quantity_or_price',
        'non_product_codes',
        'bad_date',
      ],
    });
    expect(Array.from(data.cleaned.kept)).toEqual([5, 6, 7]);
  });
});

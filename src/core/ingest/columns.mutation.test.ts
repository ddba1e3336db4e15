/**
 * Cases written for the survivors of a mutation run on columns.ts, content.ts and layout.ts
 * (README "Mutation testing"): the limits of a prefix match, a month column beside a year or a
 * date, each rejection reported once, the content checks at their thresholds, and where a header
 * row is found above the data and a totals row below it.
 */
import { describe, expect, it } from 'vitest';
import { checkMapping, guessColumns, guessMapping, moneySource } from './columns.ts';
import { contentProblem, type MappingSample, quoteValue } from './content.ts';
import { findHeaderRow, isTotalsLabel, isTotalsRow } from './layout.ts';

const sample = (...rows: string[][]): MappingSample => ({ rows, delimiter: ',' });
const column = (...values: string[]): MappingSample => sample(...values.map((v) => [v]));

describe('guessColumns: names', () => {
  it('a synonym of three letters matches the whole name only, never a prefix', () => {
    // 'qty' is a quantity synonym; 'Qty Shipped' is not the quantity.
    expect(guessMapping(['Customer', 'Date', 'Qty Shipped', 'Amount'])).toEqual({
      customer: 0,
      date: 1,
      amount: 3,
    });
    expect(guessMapping(['Customer', 'Date', 'Qty', 'Price'])).toEqual({
      customer: 0,
      date: 1,
      quantity: 2,
      unitPrice: 3,
    });
  });

  it('a role named exactly is not taken again by a prefix match', () => {
    expect(guessMapping(['Customer', 'Date', 'Amount', 'Customer Name'])).toEqual({
      customer: 0,
      date: 1,
      amount: 2,
    });
  });

  it('a price without a quantity leaves the line amount mapped', () => {
    expect(guessMapping(['Customer', 'Date', 'Price', 'Total'])).toEqual({
      customer: 0,
      date: 1,
      unitPrice: 2,
      amount: 3,
    });
  });

  it('a month column makes the date only beside a column of years', () => {
    const headers = ['Customer', 'Year', 'Month', 'Amount'];
    expect(guessMapping(headers, sample(['a', '2011', '3', '5'], ['b', '', 'Apr', '6']))).toEqual({
      customer: 0,
      date: 1,
      month: 2,
      amount: 3,
    });
    // Names alone (no rows) keep the month with the year.
    expect(guessMapping(headers).month).toBe(2);
    // Beside full dates, or with no date column at all, the month is left alone.
    const dated = guessMapping(
      ['Customer', 'Date', 'Month', 'Amount'],
      sample(['a', '2011-03-05', '3', '5']),
    );
    expect(dated).toEqual({ customer: 0, date: 1, amount: 3 });
    expect(guessMapping(['Customer', 'Month', 'Amount']).month).toBeUndefined();
  });

  it('a column refused by name and again by prefix is reported once', () => {
    const { mapping, report } = guessColumns(
      ['Invoice', 'Customer', 'Date', 'Amount'],
      sample(['', 'a', '2011-01-01', '5'], ['', 'b', '2011-01-02', '6']),
    );
    expect(mapping.invoice).toBeUndefined();
    expect(report.find((r) => r.role === 'invoice')?.rejected).toEqual([
      { column: 0, header: 'Invoice', reason: 'always empty' },
    ]);
    expect(report.find((r) => r.role === 'invoice')?.chosen).toBeNull();
    expect(report.find((r) => r.role === 'country')?.rejected).toEqual([]);
  });
});

describe('checkMapping and moneySource', () => {
  it('counts only columns inside the table as used twice', () => {
    expect(
      checkMapping({ customer: 0, date: 1, amount: 5, refund: 5, product: -1, country: -1 }, 3),
    ).toEqual({
      missing: [],
      duplicates: [],
    });
    expect(checkMapping({ customer: 2, date: 1, amount: 2, refund: 1 }, 3).duplicates).toEqual([
      2, 1,
    ]);
  });

  it('quantity alone or a price alone is no money', () => {
    expect(moneySource({ quantity: 1 })).toBeNull();
    expect(moneySource({ unitPrice: 1 })).toBeNull();
    expect(moneySource({ unitPrice: 1, amount: 2 })).toBe('amount');
    expect(checkMapping({ customer: 0, date: 1, quantity: 2 }, 3).missing).toEqual(['money']);
    expect(checkMapping({ date: 1, amount: 2 }, 3).missing).toEqual(['customer']);
  });
});

describe('contentProblem at its thresholds', () => {
  it('an order id empty on exactly half the rows is kept, on more it is refused', () => {
    expect(contentProblem('invoice', 0, column('1', '', '2', ''))).toBeNull();
    expect(contentProblem('invoice', 0, column('1', '', '', ''))).toBe('empty on 3 of 4 rows');
  });

  it('one order id alone may be constant; two equal ones are refused', () => {
    expect(contentProblem('invoice', 0, column('A'))).toBeNull();
    expect(contentProblem('invoice', 0, column('A', 'A', ''))).toBe(
      "the same value on every row ('A')",
    );
    expect(contentProblem('invoice', 0, column('A', 'B', 'A'))).toBeNull();
  });

  it('one word in ten numbers is tolerated, two are not', () => {
    const numbers = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];
    expect(contentProblem('amount', 0, column(...numbers, 'n/a'))).toBeNull();
    expect(contentProblem('amount', 0, column(...numbers.slice(1), 'n/a', 'none'))).toBe(
      "not numbers (e.g. 'n/a')",
    );
  });

  it('decimal commas are read as the delimiter says', () => {
    // A tie of evidence is a decimal comma in a semicolon file only: then 2.5 is the bad value.
    expect(contentProblem('unitPrice', 0, column('1,25', '2,5', '3'))).toBeNull();
    expect(contentProblem('refund', 0, { rows: [['1,25'], ['2.5']], delimiter: ';' })).toBe(
      "not numbers (e.g. '2.5')",
    );
    expect(contentProblem('refund', 0, { rows: [['1,25'], ['2.5']], delimiter: ',' })).toBe(
      "not numbers (e.g. '1,25')",
    );
  });

  it('a month column may hold up to half bad months', () => {
    expect(contentProblem('month', 0, column('1', 'Feb', 'x', 'y'))).toBeNull();
    expect(contentProblem('month', 0, column('1', 'x', 'y'))).toBe("not months (e.g. 'x')");
  });

  it('a time column with one time of day is one; the example is its first value', () => {
    expect(contentProblem('time', 0, column('n/a', '14.05'))).toBeNull();
    expect(contentProblem('time', 0, column('9:05:07,5 p.m.'))).toBeNull();
    expect(contentProblem('time', 0, column('noon', '1405'))).toBe("no times of day (e.g. 'noon')");
  });

  it('a short row reads as an empty cell; roles without checks take any text', () => {
    expect(contentProblem('customer', 2, sample(['a'], ['b', 'c', 'd']))).toBeNull();
    expect(contentProblem('customer', 2, sample(['a'], ['b']))).toBe('always empty');
  });

  it('quotes values of 30 characters whole, and cuts longer ones to 27', () => {
    const thirty = 'x'.repeat(30);
    expect(quoteValue(thirty)).toBe(`'${thirty}'`);
    expect(quoteValue(`${thirty}y`)).toBe(`'${'x'.repeat(27)}...'`);
  });
});

describe('findHeaderRow', () => {
  const data = (n: number) =>
    Array.from({ length: n }, (_, i) => [`C${i}`, `2011-01-0${(i % 9) + 1}`, `${i}.5`]);
  const header = ['Customer', 'Date', 'Amount'];

  it('looks at the first 30 rows only', () => {
    const title = (n: number) => Array.from({ length: n }, (_, i) => [`Report line ${i}`]);
    expect(findHeaderRow([...title(29), header, ...data(3)])).toBe(29);
    expect(findHeaderRow([...title(30), header, ...data(3)])).toBe(0);
  });

  it('a header of two names below a title is found; a last row is no header', () => {
    expect(findHeaderRow([['Sales'], ['Customer', 'Amount'], ['a', '5']])).toBe(1);
    expect(findHeaderRow([['Sales'], ['Customer', 'Amount']])).toBe(0);
  });

  it('three quarters of the cells must be names: three of four is enough', () => {
    expect(
      findHeaderRow([['Sales'], ['Customer', 'Date', 'Amount', '2011'], ['a', 'b', 'c', 'd']]),
    ).toBe(1);
    expect(
      findHeaderRow([['Sales'], ['Customer', 'Date', '5', '2011'], ['a', 'b', 'c', 'd']]),
    ).toBe(0);
  });

  it('names must cover the most common width below, the wider on a tie', () => {
    const below = [
      ['a', '2011-01-01', '5'],
      ['b', '2011-01-02', '6', 'x'],
      ['c', '2011-01-03', '7'],
      ['d', '2011-01-04', '8', 'y'],
    ];
    expect(findHeaderRow([['Sales'], header, ...below])).toBe(0);
    expect(findHeaderRow([['Sales'], header, ...below, ['e', '2011-01-05', '9']])).toBe(1);
  });

  it('the most common width wins over a wider one, whichever comes first', () => {
    const below = [
      ['a', '2011-01-01', '5', 'x'],
      ['b', '2011-01-02', '6'],
      ['c', '2011-01-03', '7', 'y'],
      ['d', '2011-01-04', '8'],
    ];
    expect(findHeaderRow([['Sales'], header, ...below])).toBe(0);
    expect(findHeaderRow([['Sales'], header, ...below, ['e', '2011-01-05', '9']])).toBe(1);
  });

  it('below the first row, names must cover every column of the rows below', () => {
    const wider = [
      ['a', '2011-01-01', '5', 'x'],
      ['b', '2011-01-02', '6', 'y'],
    ];
    expect(findHeaderRow([['Sales'], header, ...wider])).toBe(0);
    // A header's width ends at its last name: empty cells after it cover nothing.
    expect(findHeaderRow([['Sales'], [...header, ''], ...wider])).toBe(0);
  });

  it('only the rows below a candidate decide its width, not the title rows above', () => {
    const period = ['Period', '2011', '2012', '2013', '2014'];
    // Four wide rows above and four of the table's width: the rows above would tip the tie.
    expect(findHeaderRow([period, period, period, period, header, ...data(3)])).toBe(4);
  });

  it('a header needs two filled names: empty cells and padded numbers are neither', () => {
    expect(findHeaderRow([['Report'], ['Sales', ''], ['a', '']])).toBe(0);
    expect(findHeaderRow([['Sales'], ['Qty', '12  ', '13  ', '14  '], ['1', '2', '3', '4']])).toBe(
      0,
    );
  });
});

describe('totals', () => {
  it('labels of 3 up to 19 characters ("total général" is 15 bytes, 4 to spare), a colon allowed', () => {
    for (const label of ['Sum', 'sum:', 'Total :', 'Grand      Totals :', 'SUB  TOTAL'])
      expect(isTotalsLabel(label), label).toBe(true);
    expect(isTotalsLabel(`${' '.repeat(10)}Total${' '.repeat(10)}`)).toBe(true);
    for (const label of ['Grand       Totals :', 'Su', 'Total::', ':Total'])
      expect(isTotalsLabel(label), label).toBe(false);
  });

  it('a totals row without a customer cell at all, and a row with nothing in it', () => {
    expect(isTotalsRow(['Total', '5'], 4)).toBe(true);
    expect(isTotalsRow(['', '', ''], 0)).toBe(false);
    expect(isTotalsRow(['', 'Totals', 'C1'], 2)).toBe(false);
    expect(isTotalsRow(['', 'Totals', ' '], 2)).toBe(true);
  });
});

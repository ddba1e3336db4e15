/**
 * decodeTable on hand-made tables: which money columns it uses, how it settles the date format
 * (detected, chosen by the user, the most-read fallback, none), a separate month or time-of-day
 * column folded into the date, and numbers parsed with the column's own decimal separator. The
 * readers' and pipeline's tests reach it through whole files; these state each rule by itself.
 */
import { describe, expect, it } from 'vitest';
import { expectAnalysisError } from '../testing/fixtures.ts';
import type { ColumnRole } from '../types.ts';
import { textDecoder, textEncoder } from './bytes.ts';
import { decodeTable } from './decode.ts';
import { ColumnBuilder, type InternedColumn } from './intern.ts';
import type { RawTable } from './read.ts';

/** A column as the readers intern it (ColumnBuilder: trimmed, in order of first appearance). */
function column(cells: readonly string[]): InternedColumn {
  const builder = new ColumnBuilder(textDecoder('utf-8'), textEncoder('utf-8'));
  cells.forEach((cell, row) => builder.push(row, cell));
  return builder.finish(cells.length);
}

function table(cells: Partial<Record<ColumnRole, readonly string[]>>): RawTable {
  const columns = Object.fromEntries(
    Object.entries(cells).map(([role, values]) => [role, column(values)]),
  ) as RawTable['columns'];
  return {
    rowCount: Object.values(cells)[0]?.length ?? 0,
    columns,
    malformedRows: 0,
    malformedExamples: [],
    encoding: 'utf-8',
    encodingFallback: false,
    totalsRows: 0,
    nulBytes: 0,
  };
}

const utc = (y: number, m: number, d: number, h = 0, min = 0) => Date.UTC(y, m - 1, d, h, min);
/** Each row's value through its code. */
const perRow = (c: { codes: ArrayLike<number>; values: ArrayLike<number> }) =>
  Array.from(c.codes, (code) => c.values[code]);

describe('decodeTable: columns and money', () => {
  it('refuses a table without customer, date or money, naming what to choose', async () => {
    const all = { customer: ['a'], date: ['2011-01-02'], quantity: ['1'], unitPrice: ['2'] };
    for (const missing of ['customer', 'date', 'quantity'] as const) {
      const { [missing]: _gone, ...rest } = all;
      const decoding = (async () => decodeTable(table(rest), { delimiter: ',' }))();
      const error = await expectAnalysisError(decoding, 'bad-mapping');
      expect(error.message).toBe('Choose the customer, date and money columns first.');
    }
  });

  it('uses quantity times price when both are there, and ignores an amount then', () => {
    const tx = decodeTable(
      table({
        customer: ['a', 'b'],
        date: ['2011-01-02', '2011-01-03'],
        quantity: ['2', '3'],
        unitPrice: ['1.5', '2'],
        amount: ['9', '9'],
      }),
      { delimiter: ',' },
    );
    expect(tx.money).toBe('quantityTimesPrice');
    expect(perRow(tx.quantity!)).toEqual([2, 3]);
    expect(perRow(tx.unitPrice!)).toEqual([1.5, 2]);
    expect(tx.amount).toBeNull();
    expect(tx.rowCount).toBe(2);
  });

  it('uses the amount without a price, and then no price even beside a quantity', () => {
    const tx = decodeTable(
      table({
        customer: ['a'],
        date: ['2011-01-02'],
        quantity: ['2'],
        amount: ['12,50'],
        refund: ['1,25'],
      }),
      { delimiter: ';' },
    );
    expect(tx.money).toBe('amount');
    expect(perRow(tx.amount!)).toEqual([12.5]);
    expect(tx.amount!.decimal).toBe(',');
    expect(perRow(tx.refund!)).toEqual([1.25]);
    expect(perRow(tx.quantity!)).toEqual([2]);
    expect(tx.unitPrice).toBeNull();
  });

  it('a unit price without a quantity is not read: the amount is the money', () => {
    const tx = decodeTable(
      table({ customer: ['a'], date: ['2011-01-02'], unitPrice: ['3'], amount: ['4'] }),
      { delimiter: ',' },
    );
    expect(tx.money).toBe('amount');
    expect(tx.unitPrice).toBeNull();
    expect(tx.quantity).toBeNull();
    expect(perRow(tx.amount!)).toEqual([4]);
  });

  it('passes the text columns through and leaves the absent ones null', () => {
    const raw = table({
      customer: ['a'],
      date: ['2011-01-02'],
      amount: ['1'],
      invoice: ['I1'],
      country: ['France'],
    });
    const tx = decodeTable(raw, { delimiter: ',' });
    expect(tx.customer).toBe(raw.columns.customer);
    expect(tx.invoice).toBe(raw.columns.invoice);
    expect(tx.country).toBe(raw.columns.country);
    for (const absent of ['product', 'description', 'email', 'status', 'refund', 'quantity'])
      expect(tx[absent as keyof typeof tx]).toBeNull();
  });
});

describe('decodeTable: the date format', () => {
  it('detects month-first as ambiguous when both readings fit, and the user can switch', () => {
    const cells = { customer: ['a', 'b'], date: ['01/02/2011', '03/04/2011'], amount: ['1', '2'] };
    const detected = decodeTable(table(cells), { delimiter: ',' });
    expect(detected.dateFormat).toBe('mdy');
    expect(detected.dateAmbiguous).toBe(true);
    expect(detected.dateCandidates).toEqual(['mdy', 'dmy']);
    expect(Array.from(detected.timestamps)).toEqual([utc(2011, 1, 2), utc(2011, 3, 4)]);

    const switched = decodeTable(table(cells), { delimiter: ',', dateFormat: 'dmy' });
    expect(switched.dateFormat).toBe('dmy');
    expect(switched.dateAmbiguous).toBe(true);
    expect(Array.from(switched.timestamps)).toEqual([utc(2011, 2, 1), utc(2011, 4, 3)]);
  });

  it('reads ISO dates once, as detected, unless the user chose another format', () => {
    const cells = { customer: ['a', 'b'], date: ['2011-01-02 10:30', ''], amount: ['1', '2'] };
    const detected = decodeTable(table(cells), { delimiter: ',' });
    expect(detected.dateFormat).toBe('iso');
    expect(detected.timestamps[0]).toBe(utc(2011, 1, 2) + 10.5 * 3_600_000);
    expect(Number.isNaN(detected.timestamps[1])).toBe(true);
    const chosen = decodeTable(table(cells), { delimiter: ',', dateFormat: 'ymd-compact' });
    expect(chosen.dateFormat).toBe('ymd-compact');
    expect(Array.from(chosen.timestamps, Number.isNaN)).toEqual([true, true]);
  });

  it('falls back to the format that reads the most when none reads 99%, leaving the rest unread', () => {
    // 3 of 4 read as day-first (13 and 14 cannot be months); "soon" reads as nothing.
    const cells = {
      customer: ['a', 'b', 'c', 'd'],
      date: ['13/01/2011', '14/01/2011', '15/01/2011', 'soon'],
      amount: ['1', '1', '1', '1'],
    };
    const tx = decodeTable(table(cells), { delimiter: ',' });
    expect(tx.dateFormat).toBe('dmy');
    expect(tx.dateAmbiguous).toBe(false);
    expect(tx.dateCandidates).toEqual(['dmy']);
    expect(Array.from(tx.timestamps).slice(0, 3)).toEqual([
      utc(2011, 1, 13),
      utc(2011, 1, 14),
      utc(2011, 1, 15),
    ]);
    expect(tx.timestamps[3]).toBeNaN();
  });

  it('calls the fallback ambiguous when month-first and day-first read as many', () => {
    // 2 of 3 read either way: detection gives up (1% rule), the fallback keeps month-first.
    const cells = {
      customer: ['a', 'b', 'c'],
      date: ['01/02/2011', '03/04/2011', 'later'],
      amount: ['1', '1', '1'],
    };
    const tx = decodeTable(table(cells), { delimiter: ',' });
    expect(tx.dateFormat).toBe('mdy');
    expect(tx.dateAmbiguous).toBe(true);
    expect(tx.dateCandidates).toEqual(['mdy']);
  });

  it('refuses a column that reads as dates for less than half its values, quoting one', () => {
    const cells = {
      customer: ['a', 'b', 'c'],
      date: ['', 'pending', '2011-01-02'],
      amount: ['1', '1', '1'],
    };
    // Half of the non-empty values read: still a date column.
    expect(decodeTable(table(cells), { delimiter: ',' }).dateFormat).toBe('iso');
    cells.date = ['', 'pending', 'shipped'];
    expect(() => decodeTable(table(cells), { delimiter: ',' })).toThrow(
      'The column chosen as the order date does not contain dates we can read (for example "pending"). Choose another date column, or export dates as 2011-12-09 or 12/9/2011.',
    );
    cells.date = ['', 'x', 'y'];
    expect(() => decodeTable(table(cells), { delimiter: ',' })).toThrow('(for example "x")');
  });
});

describe('decodeTable: a month column beside a year', () => {
  it('makes the first of each month, one code per year and month, names and numbers alike', () => {
    const tx = decodeTable(
      table({
        customer: ['a', 'b', 'c', 'd', 'e'],
        date: ['2011', '2011', ' 2012 ', '2011', '2011'],
        month: ['3', 'Mar', 'December', '13', '3'],
        amount: ['1', '1', '1', '1', '1'],
      }),
      { delimiter: ',' },
    );
    expect(tx.dateFormat).toBe('year-month');
    expect(tx.dateAmbiguous).toBe(false);
    expect(tx.dateCandidates).toEqual(['year-month']);
    expect(tx.date.values).toEqual(['2011-03', '2011-03', '2012-12', '2011-13']);
    expect(Array.from(tx.date.codes)).toEqual([0, 1, 2, 3, 0]);
    expect(perRow({ codes: tx.date.codes, values: tx.timestamps })).toEqual([
      utc(2011, 3, 1),
      utc(2011, 3, 1),
      utc(2012, 12, 1),
      NaN,
      utc(2011, 3, 1),
    ]);
  });

  it('more years than months: every (year, month) pair is a period of its own', () => {
    const years = ['2010', '2010', '2011', '2011', '2012', '2012'];
    const tx = decodeTable(
      table({
        customer: years.map((_, i) => `c${i}`),
        date: years,
        month: ['1', '2', '1', '2', '1', '2'],
        amount: years.map(() => '1'),
      }),
      { delimiter: ',' },
    );
    expect(tx.date.values).toEqual([
      '2010-01',
      '2010-02',
      '2011-01',
      '2011-02',
      '2012-01',
      '2012-02',
    ]);
    expect(Array.from(tx.date.codes)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('an empty year makes the row unreadable; without only years, the month column is not used', () => {
    const withEmpty = decodeTable(
      table({
        customer: ['a', 'b'],
        date: ['2011', ''],
        month: ['1', '2'],
        amount: ['1', '1'],
      }),
      { delimiter: ',' },
    );
    expect(withEmpty.dateFormat).toBe('year-month');
    expect(withEmpty.date.values).toEqual(['2011-01', '-02']);
    expect(Array.from(withEmpty.timestamps)).toEqual([utc(2011, 1, 1), NaN]);

    const days = decodeTable(
      table({
        customer: ['a', 'b'],
        date: ['2011-05-06', '2011'],
        month: ['1', '2'],
        amount: ['1', '1'],
      }),
      { delimiter: ',' },
    );
    expect(days.dateFormat).not.toBe('year-month');
    expect(days.date.values).toEqual(['2011-05-06', '2011']);
  });
});

describe('decodeTable: a time-of-day column beside the date', () => {
  it('adds the time, keeps a date’s own time, leaves an empty time at midnight, and an unreadable one unread', () => {
    const tx = decodeTable(
      table({
        customer: ['a', 'b', 'c', 'd', 'e', 'f'],
        date: [
          '2011-01-02',
          '2011-01-02',
          '2011-01-02 08:30',
          '2011-01-03',
          '2011-01-03',
          '2011-01-02',
        ],
        time: ['14:05', '9:00', '14:05', '', 'noon', '14:05'],
        amount: ['1', '1', '1', '1', '1', '1'],
      }),
      { delimiter: ',' },
    );
    expect(tx.dateFormat).toBe('iso');
    expect(tx.date.values).toEqual([
      '2011-01-02 14:05',
      '2011-01-02 9:00',
      '2011-01-02 08:30 14:05',
      '2011-01-03',
      '2011-01-03 noon',
    ]);
    expect(Array.from(tx.date.codes)).toEqual([0, 1, 2, 3, 4, 0]);
    expect(Array.from(tx.timestamps)).toEqual([
      utc(2011, 1, 2, 14, 5),
      utc(2011, 1, 2, 9),
      utc(2011, 1, 2, 8, 30),
      utc(2011, 1, 3),
      NaN,
    ]);
  });

  it('more dates than times: every (date, time) pair is a moment of its own', () => {
    const dates = [
      '2011-01-01',
      '2011-01-01',
      '2011-01-02',
      '2011-01-02',
      '2011-01-03',
      '2011-01-03',
    ];
    const tx = decodeTable(
      table({
        customer: dates.map((_, i) => `c${i}`),
        date: dates,
        time: ['10:00', '11:00', '10:00', '11:00', '10:00', '11:00'],
        amount: dates.map(() => '1'),
      }),
      { delimiter: ',' },
    );
    expect(Array.from(tx.date.codes)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(perRow({ codes: tx.date.codes, values: tx.timestamps })).toEqual([
      utc(2011, 1, 1, 10),
      utc(2011, 1, 1, 11),
      utc(2011, 1, 2, 10),
      utc(2011, 1, 2, 11),
      utc(2011, 1, 3, 10),
      utc(2011, 1, 3, 11),
    ]);
  });

  it('an empty date stays empty, and unread, whatever its time', () => {
    const tx = decodeTable(
      table({
        customer: ['a', 'b'],
        date: ['2011-01-02', ''],
        time: ['10:00', '10:00'],
        amount: ['1', '1'],
      }),
      { delimiter: ',' },
    );
    expect(tx.date.values).toEqual(['2011-01-02 10:00', '']);
    expect(tx.timestamps[0]).toBe(utc(2011, 1, 2, 10));
    expect(tx.timestamps[1]).toBeNaN();
  });
});

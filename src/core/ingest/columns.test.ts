import { describe, expect, it } from 'vitest';
import type { ColumnRole } from '../types.ts';
import {
  checkMapping,
  guessColumns,
  guessMapping,
  moneySource,
  normaliseHeader,
  ROLES,
} from './columns.ts';
import type { MappingSample } from './content.ts';

const sample = (...rows: string[][]): MappingSample => ({ rows, delimiter: ',' });
const rejected = (report: ReturnType<typeof guessColumns>['report'], role: ColumnRole) =>
  report.find((r) => r.role === role)?.rejected;

describe('guessMapping', () => {
  it('recognises the UCI header', () => {
    const headers = [
      'InvoiceNo',
      'StockCode',
      'Description',
      'Quantity',
      'InvoiceDate',
      'UnitPrice',
      'CustomerID',
      'Country',
    ];
    expect(guessMapping(headers)).toEqual({
      invoice: 0,
      product: 1,
      description: 2,
      quantity: 3,
      date: 4,
      unitPrice: 5,
      customer: 6,
      country: 7,
    });
  });

  it('ignores case, spaces, _ and - and accents', () => {
    expect(normaliseHeader(' Customer_ID ')).toBe('customerid');
    expect(normaliseHeader('Order-Date')).toBe('orderdate');
    expect(normaliseHeader('Stückpreis')).toBe('stuckpreis');
  });

  it('maps a line amount only when there is no unit price', () => {
    const m = guessMapping(['client', 'date', 'Sales']);
    expect(m).toEqual({ customer: 0, date: 1, amount: 2 });
    expect(moneySource(m)).toBe('amount');
    const both = guessMapping(['Customer ID', 'Order Date', 'Qty', 'Price', 'Total']);
    expect(both.amount).toBeUndefined();
    expect(moneySource(both)).toBe('quantityTimesPrice');
  });

  it('reads a header that starts with a synonym, e.g. a currency suffix', () => {
    expect(guessMapping(['Customer ID', 'Date', 'Quantity', 'Unit Price (GBP)']).unitPrice).toBe(3);
  });

  it('recognises German, French and Spanish exports', () => {
    expect(
      guessMapping(['Rechnungsnummer', 'Kundennummer', 'Datum', 'Menge', 'Stückpreis', 'Land']),
    ).toEqual({
      invoice: 0,
      customer: 1,
      date: 2,
      quantity: 3,
      unitPrice: 4,
      country: 5,
    });
    expect(
      guessMapping(['Numéro facture', 'Client', 'Date', 'Quantité', 'Prix unitaire', 'Pays']),
    ).toMatchObject({
      invoice: 0,
      customer: 1,
      date: 2,
      quantity: 3,
      unitPrice: 4,
      country: 5,
    });
    expect(guessMapping(['Factura', 'Cliente', 'Fecha', 'Importe'])).toEqual({
      invoice: 0,
      customer: 1,
      date: 2,
      amount: 3,
    });
  });

  it('names what is missing and columns used twice', () => {
    expect(checkMapping({ customer: 0 }, 3).missing).toEqual(['date', 'money']);
    expect(checkMapping({ customer: 0, date: 0, amount: 1 }, 3)).toEqual({
      missing: [],
      duplicates: [0],
    });
  });
});

describe('guessColumns checks candidates by their sample values', () => {
  it('never takes an empty order id, and says why', () => {
    const { mapping, report } = guessColumns(
      ['Receipt Number', 'Customer', 'Date', 'Amount'],
      sample(['', 'a', '2011-01-01', '5'], ['', 'b', '2011-01-02', '6']),
    );
    expect(mapping).toEqual({ customer: 1, date: 2, amount: 3 });
    expect(rejected(report, 'invoice')).toEqual([
      { column: 0, header: 'Receipt Number', reason: 'always empty' },
    ]);
  });

  it('never takes a constant order id, nor one empty on most rows', () => {
    const constant = guessColumns(
      ['Invoice ID', 'Customer', 'Date', 'Amount'],
      sample(['0', 'a', '2011-01-01', '5'], ['0', 'b', '2011-01-02', '6']),
    );
    expect(constant.mapping.invoice).toBeUndefined();
    expect(rejected(constant.report, 'invoice')).toEqual([
      { column: 0, header: 'Invoice ID', reason: "the same value on every row ('0')" },
    ]);
    const sparse = guessColumns(
      ['Invoice', 'Customer', 'Date', 'Amount'],
      sample(
        ['7', 'a', '2011-01-01', '5'],
        ['', 'b', '2011-01-02', '6'],
        ['', 'c', '2011-01-03', '1'],
      ),
    );
    expect(sparse.mapping.invoice).toBeUndefined();
    expect(rejected(sparse.report, 'invoice')?.[0]?.reason).toBe('empty on 2 of 3 rows');
  });

  it("never takes a column of words as a price: Square's Price Point Name", () => {
    const headers = ['Date', 'Item', 'Qty', 'Price Point Name', 'Net Sales', 'Customer ID'];
    const { mapping, report } = guessColumns(
      headers,
      sample(
        ['2026-08-15', 'Mug', '2', 'Regular', '$36.00', 'C1'],
        ['2026-08-16', 'Print', '1', '', '$1,215.00', 'C2'],
      ),
    );
    expect(mapping).toEqual({ date: 0, quantity: 2, amount: 4, customer: 5 });
    expect(rejected(report, 'unitPrice')).toEqual([
      { column: 3, header: 'Price Point Name', reason: "not numbers (e.g. 'Regular')" },
    ]);
  });

  it('refuses a price column of text, but tolerates a stray word among numbers', () => {
    const headers = ['Customer', 'Date', 'Quantity', 'Price'];
    const words = guessColumns(
      headers,
      sample(['a', '2011-01-01', '1', 'free'], ['b', '2011-01-02', '2', '3.50']),
    );
    expect(words.mapping.unitPrice).toBeUndefined();
    expect(rejected(words.report, 'unitPrice')?.[0]?.reason).toBe("not numbers (e.g. 'free')");
    const rows = Array.from({ length: 20 }, (_, i) => ['a', '2011-01-01', '1', `${i + 1},50`]);
    rows[3] = ['a', '2011-01-01', '1', 'n/a'];
    const stray = guessColumns(headers, { rows, delimiter: ';' });
    expect(stray.mapping.unitPrice).toBe(3);
  });

  it('never takes a date column without dates; a time column must hold times', () => {
    const { mapping, report } = guessColumns(
      ['Customer', 'Date', 'Order Date', 'Time Zone', 'Amount'],
      sample(['a', 'soon', '01.12.2010', 'Europe/Berlin', '5']),
    );
    expect(mapping.date).toBe(2);
    expect(mapping.time).toBeUndefined();
    expect(rejected(report, 'date')).toEqual([
      { column: 1, header: 'Date', reason: "no dates (e.g. 'soon')" },
    ]);
    expect(rejected(report, 'time')?.[0]?.reason).toBe("no times of day (e.g. 'Europe/Berlin')");
  });

  it('exact names for every role before any prefix match', () => {
    // Prefix first, 'sales' (a line amount) would take 'Sales Order' (the order id's exact name).
    expect(guessMapping(['Sales Order', 'Customer', 'Date', 'Sales'])).toEqual({
      invoice: 0,
      customer: 1,
      date: 2,
      amount: 3,
    });
    // Both by prefix: the refund claims its column before the line amount can.
    expect(
      guessMapping(['Customer', 'Date', 'Amount Refunded (USD)', 'Amount (USD)', 'Status']),
    ).toEqual({ customer: 0, date: 1, refund: 2, amount: 3, status: 4 });
  });

  it('recognises status, refund and time columns by name', () => {
    expect(
      guessMapping(['Kunde', 'Datum', 'Uhrzeit', 'Betrag', 'Bestellstatus', 'Erstattet']),
    ).toEqual({ customer: 0, date: 1, time: 2, amount: 3, status: 4, refund: 5 });
    expect(guessMapping(['Client', 'Date', 'Heure', 'Montant', 'Statut'])).toEqual({
      customer: 0,
      date: 1,
      time: 2,
      amount: 3,
      status: 4,
    });
  });

  it('reports every role, chosen or not', () => {
    const { report } = guessColumns(
      ['Customer', 'Date', 'Amount'],
      sample(['a', '2011-01-01', '1']),
    );
    expect(report.map((r) => r.role)).toEqual(ROLES);
    expect(report.filter((r) => r.chosen !== null).map((r) => [r.role, r.chosen])).toEqual([
      ['customer', 0],
      ['date', 1],
      ['amount', 2],
    ]);
  });
});

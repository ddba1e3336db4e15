import { describe, expect, it } from 'vitest';
import { checkMapping, guessMapping, moneySource, normaliseHeader } from './columns.ts';

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

/**
 * Layout recognition on headers made to match two layouts at once (the one with more signature
 * groups wins, the first on a tie), Stripe's time-zone date column found by its prefix whatever
 * the column order, Shopify's blank status and refund columns still mapped, and which files are
 * refused as customer lists: no layout, no date and a totals column, with no written dates.
 */
import { describe, expect, it } from 'vitest';
import { isAnalysisError } from '../errors.ts';
import type { MappingSample } from './content.ts';
import { recogniseColumns, recogniseLayout } from './platforms.ts';

const sample = (...rows: string[][]): MappingSample => ({ rows, delimiter: ',' });

const SHOPIFY = ['Name', 'Created at', 'Lineitem quantity', 'Lineitem price'];
const STRIPE = ['id', 'Created (UTC)', 'Amount', 'Amount Refunded'];
const PRESTASHOP = ['ID', 'Reference', 'New client', 'Customer', 'Total', 'Payment', 'Date'];
const SQUARE = ['Date', 'Time', 'Time Zone', 'Item', 'Qty', 'Net Sales', 'Transaction ID'];
const WOO = ['Order #', 'Status', 'Customer', 'Customer type'];

describe('recogniseLayout: the most specific layout wins', () => {
  it.each([
    // Four groups each: the first listed wins a tie.
    ['shopify and stripe', [...STRIPE, ...SHOPIFY], 'shopify-orders'],
    // Seven groups against four: the later, larger one wins.
    ['stripe and prestashop', [...STRIPE, ...PRESTASHOP.slice(1)], 'prestashop-orders'],
    // Seven against six: the earlier, larger one is kept.
    ['square and woocommerce', [...SQUARE, ...WOO], 'square-items'],
    ['woocommerce alone', ['Date', 'Net Sales', ...WOO], 'woocommerce-orders'],
    ['none', ['Customer', 'When', 'Paid'], null],
  ])('%s', (_, headers, id) => {
    expect(recogniseLayout(headers)?.id ?? null).toBe(id);
  });
});

describe('recogniseColumns on a recognised layout', () => {
  it("finds Stripe's date column by its prefix, wherever the columns are", () => {
    const headers = ['Amount Refunded', 'Customer ID', 'id', 'Created (Europe/Berlin)', 'Amount'];
    const { platform, mapping } = recogniseColumns(
      headers,
      sample(
        ['0.00', 'cus_1', 'ch_1', '2026-01-05 10:00', '12.00'],
        ['2.00', 'cus_2', 'ch_2', '2026-01-06 11:00', '8.00'],
      ),
    );
    expect(platform).toStrictEqual({
      id: 'stripe-payments',
      label: 'Stripe payments export',
      hint: 'Each payment counts as one order; payments with neither a Customer ID nor an email are left out.',
    });
    expect(mapping).toEqual({ invoice: 2, customer: 1, date: 3, amount: 4, refund: 0 });
  });

  it('maps Shopify status and refund columns blank in the sample; no hint', () => {
    const headers = [...SHOPIFY, 'Email', 'Financial Status', 'Refunded Amount'];
    const { platform, mapping, report } = recogniseColumns(
      headers,
      sample(
        ['#1001', '2026-01-05 10:00:00', '2', '9.50', 'a@b.c', '', ''],
        ['#1002', '2026-01-06 10:00:00', '1', '4.00', 'd@e.f', '', ''],
      ),
    );
    expect(platform).toStrictEqual({ id: 'shopify-orders', label: 'Shopify orders export' });
    expect(mapping).toEqual({
      invoice: 0,
      customer: 4,
      date: 1,
      quantity: 2,
      unitPrice: 3,
      status: 5,
      refund: 6,
    });
    expect(report.find((r) => r.role === 'customer')?.rejected).toEqual([]);
  });

  it('a layout with a totals column and no usable date is not taken for a customer list', () => {
    const headers = [...SHOPIFY, 'Email', 'Total Orders'];
    const rows = sample(
      ['#1001', '', '2', '9.50', 'a@b.c', '3'],
      ['#1002', '', '1', '4', 'd', '1'],
    );
    const { platform, mapping } = recogniseColumns(headers, rows);
    expect(platform?.id).toBe('shopify-orders');
    expect(mapping.date).toBeUndefined();
  });
});

describe('recogniseColumns: customer lists', () => {
  const totals = ['Client', 'Amount Spent', 'Orders Count'];
  const rows = sample(['A', '10', '1'], ['B', '20', '2']);

  it('refuses per-customer totals without dates, with the general message', () => {
    let message = '';
    try {
      recogniseColumns(totals, rows);
    } catch (error) {
      expect(isAnalysisError(error) && error.code).toBe('customer-list');
      message = (error as Error).message;
    }
    expect(message).toMatch(/^This looks like a customer list: .*export the orders/);
  });

  it('takes a file with totals and a date column, or with written dates anywhere', () => {
    const dated = sample(['A', '2026-01-05', '10'], ['B', '2026-01-06', '20']);
    expect(() => recogniseColumns(['Client', 'Date', 'Amount Spent'], dated)).not.toThrow();
    const written = sample(['A', 'since 2026-01-05', '10'], ['B', '2026-01-06', '20']);
    expect(() => recogniseColumns(['Client', 'Note', 'Amount Spent'], written)).not.toThrow();
    // Dates as Excel serial numbers are no written dates, but a mapped date column is enough.
    const serials = sample(['A', '40513', '10'], ['B', '40600', '20']);
    expect(recogniseColumns(['Client', 'Date', 'Total Spent'], serials).mapping.date).toBe(1);
    // No totals column among the headers: not a customer list, whatever else it lacks.
    const plain = sample(['A', '1'], ['B', '2']);
    expect(() => recogniseColumns(['Client', 'Spent'], plain)).not.toThrow();
  });
});

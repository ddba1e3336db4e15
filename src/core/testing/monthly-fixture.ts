/**
 * Test-only: a distributor's monthly sales file cut from the UCI Online Retail file (issue 13, "Sales
 * aggregated by month"): one row per (shop, product, year, month) with quantity and value, no
 * order id and no day. Rows are the lines SPEC cleaning keeps (no cancellations, a customer,
 * positive quantity and price, no postage or fee codes), summed; the UCI customer is the shop.
 * scripts/make-monthly-fixture.mjs writes it to a file; the tests build it in memory.
 */
import Papa from 'papaparse';

export const MONTHLY_HEADER = 'shop_id,product_id,year,month,sales_qty,sales_value';
export const PERIOD_HEADER = 'shop_id,product_id,period,sales_qty,sales_value';

const NON_PRODUCT_CODES = new Set(['POST', 'D', 'M', 'DOT', 'BANK CHARGES']);

export interface MonthlyFixtureOptions {
  /** Only the first `customers` customer ids in order of appearance (all when absent). */
  customers?: number;
  /** `year` + `month` columns (default), or one `period` column written `2011-01`. */
  layout?: 'year-month' | 'period';
}

/** The monthly file's text, rows in the order their (shop, product, month) first appears. */
export function monthlySalesCsv(uciText: string, options: MonthlyFixtureOptions = {}): string {
  const parsed = Papa.parse<string[]>(uciText.trim(), { skipEmptyLines: true });
  const [header, ...rows] = parsed.data;
  const at = (name: string) => header!.indexOf(name);
  const [inv, code, qty, date, price, cust] = [
    'InvoiceNo',
    'StockCode',
    'Quantity',
    'InvoiceDate',
    'UnitPrice',
    'CustomerID',
  ].map(at) as [number, number, number, number, number, number];
  const shops = new Set<string>();
  // Value in thousandths, so sums are exact (UCI prices have at most three decimals).
  const cells = new Map<string, { qty: number; milli: number }>();
  for (const r of rows) {
    const customer = (r[cust] ?? '').trim();
    const q = Number(r[qty]);
    const p = Number(r[price]);
    const stock = (r[code] ?? '').trim();
    if ((r[inv] ?? '').trim().toUpperCase().startsWith('C') || customer === '') continue;
    if (!(q > 0 && p > 0) || NON_PRODUCT_CODES.has(stock)) continue;
    if (!shops.has(customer)) {
      if (options.customers !== undefined && shops.size >= options.customers) continue;
      shops.add(customer);
    }
    const [year, month] = (r[date] ?? '').split('-');
    const key = [customer, stock, year, Number(month)].join('\u0000');
    const cell = cells.get(key) ?? { qty: 0, milli: 0 };
    cell.qty += q;
    cell.milli += Math.round(q * p * 1000);
    cells.set(key, cell);
  }
  const csv = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const lines = [...cells].map(([key, { qty: q, milli }]) => {
    const [customer, stock, year, month] = key.split('\u0000') as [string, string, string, string];
    const when =
      options.layout === 'period' ? `${year}-${month.padStart(2, '0')}` : `${year},${month}`;
    return `${csv(customer)},${csv(stock)},${when},${q},${(milli / 1000).toFixed(3)}`;
  });
  return [options.layout === 'period' ? PERIOD_HEADER : MONTHLY_HEADER, ...lines].join('\n') + '\n';
}

/**
 * Test files in the layouts shop owners export (Shopify, Square, Stripe, PrestaShop, WooCommerce,
 * Etsy, a German spreadsheet), all cut from the same fixed choice of UCI Online Retail customers so
 * that the right answer is known without the file itself: the chosen UCI lines go through the
 * plain UCI path, and the per-customer Recency, Frequency and Monetary must come out the same from
 * every layout. Each layout also carries rows the cleaning must remove (failed charges, refunds,
 * voided orders), counted by construction in `expected`.
 *
 * Pure text in, text out: tests read the UCI file and call `platformFixtures`, the e2e specs can do
 * the same, and scripts/make-platform-fixtures.mjs writes the files to a folder.
 */
import type { CleaningReport } from '../clean/clean.ts';
import type { ColumnMapping, ColumnRole } from '../types.ts';
import { csvCell, linePence } from './platforms/common.ts';
import { etsy, german } from './platforms/etsy-german.ts';
import { prestashop, stripe, woocommerce } from './platforms/order-level.ts';
import { shopify } from './platforms/shopify.ts';
import { square } from './platforms/square.ts';

export { linePence };

/** One line of the UCI file, its numbers as written. */
export interface UciLine {
  invoice: string;
  stock: string;
  description: string;
  quantity: string;
  /** `YYYY-MM-DD HH:MM:SS`, as in the ISO copy of the UCI file. */
  date: string;
  price: string;
  customer: string;
  country: string;
}

/** The lines of one UCI invoice, in file order. */
export interface UciOrder {
  invoice: string;
  customer: string;
  date: string;
  country: string;
  /** A UCI cancellation (`C536379`): the platforms write it as their own kind of refund. */
  cancelled: boolean;
  lines: UciLine[];
  /** Sum of |quantity| x price, in pence (exact). */
  pence: number;
}

export const PLATFORMS = [
  'shopify',
  'square',
  'stripe',
  'prestashop',
  'woocommerce',
  'etsy',
  'german',
] as const;
export type PlatformName = (typeof PLATFORMS)[number];

/** An order added to one customer that cleaning keeps, net of a partial refund. */
export interface ExtraOrder {
  /** UCI customer id. */
  customer: string;
  /** Money the order adds to the customer's Monetary, after the refund. */
  money: number;
}

export interface PlatformFixture {
  platform: PlatformName;
  fileName: string;
  content: string;
  delimiter: ',' | ';';
  /** Header of the column each role is read from, for an explicit mapping. */
  roles: Partial<Record<ColumnRole, string>>;
  /** UCI customer id -> the customer id this file uses. */
  customerIds: Map<string, string>;
  /** The file has dates without a time of day (Etsy): compare with the UCI dates cut to the day. */
  dateOnly: boolean;
  /** Cleaning counts known by construction (rows of each kind written). */
  expected: Partial<CleaningReport>;
  /** Orders added on top of the UCI lines (same timestamp as one of the customer's orders). */
  extraOrders: ExtraOrder[];
}

const NON_PRODUCT = new Set(['POST', 'D', 'M', 'DOT', 'BANK CHARGES']);
const CUSTOMERS_WITH_CANCELLATIONS = 8;
const CUSTOMERS = 50;

/** Splits a UCI line: descriptions may hold quoted commas, the other fields never do. */
function parseUciLine(line: string): UciLine | null {
  const fields = line.split(',');
  if (fields.length < 8) return null;
  const tail = fields.slice(-5);
  let description = fields.slice(2, -5).join(',');
  if (description.startsWith('"') && description.endsWith('"'))
    description = description.slice(1, -1).replace(/""/g, '"');
  return {
    invoice: fields[0] as string,
    stock: fields[1] as string,
    description,
    quantity: tail[0] as string,
    date: tail[1] as string,
    price: tail[2] as string,
    customer: (tail[3] as string).trim(),
    country: (tail[4] as string).trim(),
  };
}

/** A line a shop would really have sold: no postage or fee codes, positive, priced in pence. */
function isSale(line: UciLine): boolean {
  return (
    !line.invoice.startsWith('C') &&
    !NON_PRODUCT.has(line.stock) &&
    Number(line.quantity) > 0 &&
    Number(line.price) > 0 &&
    /^\d+(\.\d{1,2})?$/.test(line.price)
  );
}

const evenlySpaced = <T>(items: readonly T[], count: number): T[] =>
  Array.from({ length: Math.min(count, items.length) }, (_, i) => {
    return items[Math.floor((i * items.length) / Math.min(count, items.length))] as T;
  });

/**
 * The fixed choice: customers with 3 to 12 sale lines (so each file has a few hundred rows),
 * eight of them with cancellations and 42 without, evenly spaced in customer id order; all of
 * their sale lines and cancellation lines, in file order.
 */
export function selectUciLines(uciText: string): UciLine[] {
  const lines = uciText.split(/\r?\n/).slice(1);
  const sales = new Map<string, number>();
  const withCancellation = new Set<string>();
  for (const text of lines) {
    const line = text && parseUciLine(text);
    if (!line || line.customer === '') continue;
    if (line.invoice.startsWith('C')) withCancellation.add(line.customer);
    else if (isSale(line)) sales.set(line.customer, (sales.get(line.customer) ?? 0) + 1);
  }
  const candidates = [...sales]
    .filter(([, n]) => n >= 3 && n <= 12)
    .map(([id]) => id)
    .sort((a, b) => Number(a) - Number(b));
  const chosen = new Set([
    ...evenlySpaced(
      candidates.filter((id) => withCancellation.has(id)),
      CUSTOMERS_WITH_CANCELLATIONS,
    ),
    ...evenlySpaced(
      candidates.filter((id) => !withCancellation.has(id)),
      CUSTOMERS - CUSTOMERS_WITH_CANCELLATIONS,
    ),
  ]);
  const out: UciLine[] = [];
  for (const text of lines) {
    const line = text && parseUciLine(text);
    if (line && chosen.has(line.customer) && (line.invoice.startsWith('C') || isSale(line)))
      out.push(line);
  }
  return out;
}

/** The lines grouped by invoice, in order of first appearance. */
export function uciOrders(lines: readonly UciLine[]): UciOrder[] {
  const orders = new Map<string, UciOrder>();
  for (const line of lines) {
    let order = orders.get(line.invoice);
    if (!order) {
      order = {
        invoice: line.invoice,
        customer: line.customer,
        date: line.date,
        country: line.country,
        cancelled: line.invoice.startsWith('C'),
        lines: [],
        pence: 0,
      };
      orders.set(line.invoice, order);
    }
    order.lines.push(line);
    order.pence += linePence(line);
  }
  return [...orders.values()];
}

/** The lines as a UCI-layout CSV (dates cut to the day with `dateOnly`): the plain UCI path. */
export function uciCsv(lines: readonly UciLine[], dateOnly = false): string {
  const header =
    'InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country';
  const rows = lines.map((l) =>
    [
      l.invoice,
      l.stock,
      csvCell(l.description),
      l.quantity,
      dateOnly ? l.date.slice(0, 10) : l.date,
      l.price,
      l.customer,
      l.country,
    ].join(','),
  );
  return [header, ...rows].join('\n') + '\n';
}

/** Every platform's file, made from the same fixed UCI lines. */
export function platformFixtures(uciText: string): Record<PlatformName, PlatformFixture> {
  return platformFixturesOf(selectUciLines(uciText));
}

/** Every platform's file, made from `lines` (of `selectUciLines`). */
export function platformFixturesOf(
  lines: readonly UciLine[],
): Record<PlatformName, PlatformFixture> {
  const orders = uciOrders(lines);
  return {
    shopify: shopify(orders),
    square: square(orders),
    stripe: stripe(orders),
    prestashop: prestashop(orders),
    woocommerce: woocommerce(orders),
    etsy: etsy(orders),
    german: german(lines),
  };
}

/** The fixture's roles as indices of its header columns: the mapping a user would choose. */
export function explicitMapping(fixture: PlatformFixture): ColumnMapping {
  const header = fixture.content.slice(0, fixture.content.indexOf('\n')).split(fixture.delimiter);
  const mapping: ColumnMapping = {};
  for (const [role, name] of Object.entries(fixture.roles) as [ColumnRole, string][]) {
    const index = header.indexOf(name);
    if (index < 0) throw new Error(`${fixture.platform}: no column ${name}`);
    mapping[role] = index;
  }
  return mapping;
}

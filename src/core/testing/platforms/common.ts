/**
 * What the export writers of platform-fixtures.ts share: seeded ids, money forms, customer names.
 * Headers and value forms follow each platform's export (public documentation and sample
 * exports); only the columns the analysis could use are filled with care, the others hold
 * plausible constants.
 */
import type { CleaningReport } from '../../clean/clean.ts';
import type { ColumnRole } from '../../types.ts';
import type {
  ExtraOrder,
  PlatformFixture,
  PlatformName,
  UciLine,
  UciOrder,
} from '../platform-fixtures.ts';

/** |quantity| x price of a line in pence: exact, prices have at most two decimals. */
export function linePence(line: UciLine): number {
  return Math.abs(Number(line.quantity)) * Math.round(Number(line.price) * 100);
}

export const csvCell = (value: string) =>
  /[",;\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;

export const row = (cells: readonly (string | number)[], delimiter = ',') =>
  cells.map((c) => csvCell(String(c))).join(delimiter);

/** A small seeded generator (mulberry32): the same random-looking ids on every run. */
export function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const ALPHANUMERIC = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz0123456789';
export function randomId(random: () => number, length: number, alphabet = ALPHANUMERIC): string {
  let id = '';
  for (let i = 0; i < length; i++) id += alphabet[Math.floor(random() * alphabet.length)];
  return id;
}

export const pounds = (pence: number) => (pence / 100).toFixed(2);
/** `£1,234.56`, `-£12.50`: Square's money. */
export const sterling = (pence: number) =>
  `${pence < 0 ? '-' : ''}£${(Math.abs(pence) / 100).toLocaleString('en-GB', {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  })}`;
/** `1 234,56 €`: French money. */
export const euros = (pence: number) =>
  `${(pence / 100).toLocaleString('fr-FR', { minimumFractionDigits: 2 }).replace(/\s/g, ' ')} €`;

export const FIRST = [
  'Ada',
  'Ben',
  'Chloe',
  'Dev',
  'Emma',
  'Femi',
  'Grace',
  'Hugo',
  'Iris',
  'Jonas',
];
export const LAST = ['Abbott', 'Baker', 'Carter', 'Dixon', 'Evans', 'Fisher', 'Grant', 'Hughes'];

/** Customers in order of first appearance, each with a name unique among the 80 possible. */
export function customerList(orders: readonly UciOrder[]): string[] {
  return [...new Set(orders.map((o) => o.customer))];
}
export function fullName(index: number): [string, string] {
  return [FIRST[index % FIRST.length] as string, LAST[Math.floor(index / FIRST.length)] as string];
}

/** Every UCI customer's id in this file, from `make(index)`. */
export function idsOf(orders: readonly UciOrder[], make: (index: number) => string) {
  return new Map(customerList(orders).map((id, i) => [id, make(i)]));
}

const COUNTRY_CODES: Record<string, string> = {
  'United Kingdom': 'GB',
  France: 'FR',
  Germany: 'DE',
  Spain: 'ES',
  Belgium: 'BE',
  Switzerland: 'CH',
  Portugal: 'PT',
  Netherlands: 'NL',
  Norway: 'NO',
  Italy: 'IT',
  EIRE: 'IE',
};
export const countryCode = (country: string) =>
  COUNTRY_CODES[country] ?? country.slice(0, 2).toUpperCase();

/** The orders that cleaning keeps (not cancellations), in order. */
export const sales = (orders: readonly UciOrder[]) => orders.filter((o) => !o.cancelled);

export function fixture(
  platform: PlatformName,
  fileName: string,
  header: readonly string[],
  rows: string[],
  extra: {
    delimiter?: ',' | ';';
    roles: Partial<Record<ColumnRole, string>>;
    customerIds: Map<string, string>;
    expected: Partial<CleaningReport>;
    extraOrders?: ExtraOrder[];
    dateOnly?: boolean;
  },
): PlatformFixture {
  return {
    platform,
    fileName,
    content: [row(header, extra.delimiter), ...rows].join('\n') + '\n',
    delimiter: extra.delimiter === ';' ? ';' : ',',
    roles: extra.roles,
    customerIds: extra.customerIds,
    dateOnly: extra.dateOnly ?? false,
    expected: extra.expected,
    extraOrders: extra.extraOrders ?? [],
  };
}

import type { ColumnMapping, ColumnRole } from '../types.ts';
import { contentProblem, type MappingSample, sampleColumn } from './content.ts';
import { isYear } from './year-month.ts';
import { SYNONYMS } from './synonyms.ts';

/** Case, spaces, `_`, `-` and other punctuation are ignored (SPEC "Input"). */
export function normaliseHeader(header: string): string {
  return header
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/** Every role, in the order the mapping screen and the mapping report list them. */
export const ROLES: readonly ColumnRole[] = [
  'customer',
  'date',
  'invoice',
  'quantity',
  'unitPrice',
  'amount',
  'product',
  'description',
  'country',
  'email',
  'status',
  'refund',
  'time',
  'month',
];

/**
 * Roles in the order they claim columns: required and more specific roles first. The refunded
 * amount claims before the line amount, so `Amount Refunded (USD)` is never read as the sales.
 */
const CLAIM_ORDER: readonly ColumnRole[] = [
  'customer',
  'invoice',
  'date',
  'month',
  'time',
  'quantity',
  'unitPrice',
  'refund',
  'amount',
  'status',
  'product',
  'description',
  'country',
  // After the customer, which takes an email column when there is no customer number.
  'email',
];

/** A column considered for a role and passed over, with the reason in the owner's words. */
export interface Rejection {
  column: number;
  header: string;
  reason: string;
}

/** For one role: the column chosen (null: none) and the columns considered and refused. */
export interface RoleReport {
  role: ColumnRole;
  chosen: number | null;
  rejected: Rejection[];
}

export interface MappingGuess {
  mapping: ColumnMapping;
  report: RoleReport[];
}

/** The report of a mapping, in ROLES order, from the rejections collected while choosing. */
export function mappingReport(
  mapping: ColumnMapping,
  rejected: ReadonlyMap<ColumnRole, Rejection[]>,
): RoleReport[] {
  return ROLES.map((role) => ({
    role,
    chosen: mapping[role] ?? null,
    rejected: rejected.get(role) ?? [],
  }));
}

/**
 * Guesses which header column plays which role. Exact (normalised) matches for every role first;
 * only then a header that starts with a synonym of four or more letters (`Unit Price (GBP)`), so a
 * prefix match never takes a column another role names exactly. A candidate is then checked
 * against the sample rows (content.ts): an empty or constant order id, a price column of words, a
 * date column without dates are passed over and the next candidate is tried. A column serves one
 * role. A line amount is only mapped when there is no unit price, because quantity x unit price
 * is the line total when both exist (SPEC "Cleaning"). Without sample rows, names alone decide.
 */
export function guessColumns(
  headers: readonly string[],
  sample: MappingSample = { rows: [], delimiter: ',' },
): MappingGuess {
  const normalised = headers.map(normaliseHeader);
  const taken = new Set<number>();
  const mapping: ColumnMapping = {};
  const rejected = new Map<ColumnRole, Rejection[]>();
  const judged = new Set<string>();

  const usable = (role: ColumnRole, column: number): boolean => {
    const problem = contentProblem(role, column, sample);
    if (problem === null) return true;
    const key = `${role}:${column}`;
    if (!judged.has(key)) {
      judged.add(key);
      const list = rejected.get(role) ?? [];
      list.push({ column, header: headers[column] ?? '', reason: problem });
      rejected.set(role, list);
    }
    return false;
  };

  const claim = (role: ColumnRole, match: (header: string, synonym: string) => boolean) => {
    if (mapping[role] !== undefined) return;
    for (const synonym of SYNONYMS[role]) {
      for (let i = 0; i < normalised.length; i++) {
        const h = normalised[i] as string;
        if (taken.has(i) || h === '' || !match(h, synonym) || !usable(role, i)) continue;
        mapping[role] = i;
        taken.add(i);
        return;
      }
    }
  };

  for (const role of CLAIM_ORDER) claim(role, (h, s) => h === s);
  for (const role of CLAIM_ORDER) claim(role, (h, s) => s.length >= 4 && h.startsWith(s));

  if (mapping.unitPrice !== undefined && mapping.quantity !== undefined) delete mapping.amount;
  // A month column makes the date only with a date column of years (`year` + `month`); beside a
  // full date it is a helper column and is left alone.
  if (mapping.month !== undefined && !yearsOnly(sample, mapping.date)) delete mapping.month;
  return { mapping, report: mappingReport(mapping, rejected) };
}

function yearsOnly(sample: MappingSample, column: number | undefined): boolean {
  if (column === undefined) return false;
  const filled = sampleColumn(sample, column).filter((v) => v !== '');
  // Without sample rows, names alone decide (as for every role).
  return filled.every(isYear);
}

/** The guessed mapping alone (see guessColumns). */
export function guessMapping(headers: readonly string[], sample?: MappingSample): ColumnMapping {
  return guessColumns(headers, sample).mapping;
}

export interface MappingProblem {
  /** Roles that must be mapped but are not. `money` stands for quantity + unit price or amount. */
  missing: ('customer' | 'date' | 'money')[];
  /** Columns mapped to more than one role. */
  duplicates: number[];
}

/** The money of a line is quantity x unit price when both are mapped, else the amount column. */
export function moneySource(mapping: ColumnMapping): 'quantityTimesPrice' | 'amount' | null {
  if (mapping.quantity !== undefined && mapping.unitPrice !== undefined)
    return 'quantityTimesPrice';
  if (mapping.amount !== undefined) return 'amount';
  return null;
}

export function checkMapping(mapping: ColumnMapping, columnCount: number): MappingProblem {
  const missing: MappingProblem['missing'] = [];
  if (mapping.customer === undefined) missing.push('customer');
  if (mapping.date === undefined) missing.push('date');
  if (moneySource(mapping) === null) missing.push('money');
  const seen = new Map<number, number>();
  for (const index of Object.values(mapping)) {
    if (index === undefined || index < 0 || index >= columnCount) continue;
    seen.set(index, (seen.get(index) ?? 0) + 1);
  }
  const duplicates = [...seen].filter(([, n]) => n > 1).map(([i]) => i);
  return { missing, duplicates };
}

export const ROLE_LABELS: Record<ColumnRole, string> = {
  customer: 'Customer ID',
  date: 'Order date',
  invoice: 'Invoice / order ID',
  quantity: 'Quantity',
  unitPrice: 'Unit price',
  amount: 'Line amount',
  product: 'Product code',
  description: 'Product description',
  country: 'Country',
  email: 'Email',
  status: 'Order / payment status',
  refund: 'Refunded amount',
  time: 'Time of day',
  month: 'Month (the date column then holds the year)',
};

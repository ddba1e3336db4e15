import { AnalysisError } from '../errors.ts';
import type { InternedColumn } from '../ingest/read.ts';
import type { NumericColumn, Transactions } from '../ingest/decode.ts';

/** Stock codes that are not products (postage, discounts, manual adjustments, fees). SPEC rule 4. */
export const DEFAULT_NON_PRODUCT_CODES: readonly string[] = [
  'POST',
  'D',
  'M',
  'DOT',
  'BANK CHARGES',
];

export interface CleanOptions {
  nonProductCodes?: readonly string[] | undefined;
}

/** Rows dropped by each SPEC rule, in the order the rules apply; a row counts for its first rule. */
export interface CleaningReport {
  rows_in: number;
  cancelled: number;
  missing_customer: number;
  nonpositive_quantity_or_price: number;
  non_product_codes: number;
  bad_date: number;
  rows_kept: number;
  /** rows_kept / rows_in. */
  share_kept: number;
  /** Which rules ran: a rule whose column is not mapped does not. */
  rules_applied: CleaningRule[];
}

export type CleaningRule =
  | 'cancelled'
  | 'missing_customer'
  | 'nonpositive_quantity_or_price'
  | 'non_product_codes'
  | 'bad_date';

export const CLEANING_RULE_LABELS: Record<CleaningRule, string> = {
  cancelled: 'Cancelled invoices (invoice number starts with C)',
  missing_customer: 'No customer ID',
  nonpositive_quantity_or_price: 'Zero, negative or missing quantity or price',
  non_product_codes: 'Postage, fees and other non-product codes',
  bad_date: 'Dates that could not be read',
};

export interface CleanedRows {
  /** Indices of the rows kept, ascending. */
  kept: Int32Array;
  report: CleaningReport;
  /** A few date texts that could not be read, to show the user. */
  badDateExamples: string[];
}

/** One flag per distinct value, so a rule costs one lookup per row. */
function flagValues(column: InternedColumn, test: (value: string) => boolean): Uint8Array {
  const flags = new Uint8Array(column.values.length);
  column.values.forEach((value, i) => {
    flags[i] = test(value) ? 1 : 0;
  });
  return flags;
}

function nonPositive(column: NumericColumn): Uint8Array {
  const flags = new Uint8Array(column.values.length);
  column.values.forEach((value, i) => {
    // `!(value > 0)` is also true for NaN: a missing or unreadable number drops the row.
    flags[i] = !(value > 0) ? 1 : 0;
  });
  return flags;
}

/** Applies the SPEC cleaning rules in order and counts what each removed. */
export function cleanTransactions(tx: Transactions, options: CleanOptions = {}): CleanedRows {
  const n = tx.rowCount;
  const nonProduct = new Set(
    (options.nonProductCodes ?? DEFAULT_NON_PRODUCT_CODES).map((c) => c.trim()).filter(Boolean),
  );
  const cancelledFlags =
    tx.invoice && flagValues(tx.invoice, (v) => v.trim().charAt(0).toUpperCase() === 'C');
  // The reader trims ASCII whitespace only; SPEC trimming (as pandas' strip) also removes Unicode
  // spaces such as the no-break space spreadsheets leave in "empty" cells.
  const emptyCustomer = flagValues(tx.customer, (v) => v.trim() === '');
  const nonProductFlags = tx.product && flagValues(tx.product, (v) => nonProduct.has(v.trim()));
  // Money rule: quantity and price must be positive numbers; with a line amount, the amount must
  // be, and so must the quantity when one is mapped.
  const moneyColumns = [tx.quantity, tx.money === 'amount' ? tx.amount : tx.unitPrice].filter(
    (c): c is NumericColumn => c !== null,
  );
  const moneyFlags = moneyColumns.map((c) => ({ codes: c.codes, bad: nonPositive(c) }));

  const counts = {
    cancelled: 0,
    missing_customer: 0,
    nonpositive_quantity_or_price: 0,
    non_product_codes: 0,
    bad_date: 0,
  };
  const kept = new Int32Array(n);
  let keptCount = 0;
  const badDates = new Set<number>();
  const invoiceCodes = tx.invoice?.codes;
  const productCodes = tx.product?.codes;
  const customerCodes = tx.customer.codes;
  const dateCodes = tx.date.codes;

  rows: for (let i = 0; i < n; i++) {
    if (cancelledFlags && cancelledFlags[(invoiceCodes as Int32Array)[i] as number]) {
      counts.cancelled++;
      continue;
    }
    if (emptyCustomer[customerCodes[i] as number]) {
      counts.missing_customer++;
      continue;
    }
    for (const m of moneyFlags) {
      if (m.bad[m.codes[i] as number]) {
        counts.nonpositive_quantity_or_price++;
        continue rows;
      }
    }
    if (nonProductFlags && nonProductFlags[(productCodes as Int32Array)[i] as number]) {
      counts.non_product_codes++;
      continue;
    }
    const dateCode = dateCodes[i] as number;
    if (Number.isNaN(tx.timestamps[dateCode])) {
      counts.bad_date++;
      if (badDates.size < 5) badDates.add(dateCode);
      continue;
    }
    kept[keptCount++] = i;
  }

  const rules: CleaningRule[] = [];
  if (tx.invoice) rules.push('cancelled');
  rules.push('missing_customer', 'nonpositive_quantity_or_price');
  if (tx.product) rules.push('non_product_codes');
  rules.push('bad_date');

  const report: CleaningReport = {
    rows_in: n,
    ...counts,
    rows_kept: keptCount,
    share_kept: n > 0 ? keptCount / n : 0,
    rules_applied: rules,
  };
  if (keptCount === 0) throw allRowsRemoved(report);
  return {
    kept: kept.slice(0, keptCount),
    report,
    badDateExamples: [...badDates].map((code) => tx.date.values[code] as string),
  };
}

function allRowsRemoved(report: CleaningReport): AnalysisError {
  const parts = report.rules_applied
    .filter((rule) => report[rule] > 0)
    .map((rule) => `${report[rule].toLocaleString('en')} by "${CLEANING_RULE_LABELS[rule]}"`);
  return new AnalysisError(
    'all-rows-removed',
    `Every row was removed by cleaning (${parts.join(', ') || 'no rows to check'}). Check that the right columns are chosen for customer, quantity and price.`,
    JSON.stringify(report),
  );
}

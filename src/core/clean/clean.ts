import { AnalysisError } from '../errors.ts';
import type { InternedColumn } from '../ingest/read.ts';
import type { NumericColumn, Transactions } from '../ingest/decode.ts';
import type { OrderResolution } from './orders.ts';
import { type StatusOutcome, statusOutcome } from './status.ts';

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
  /** Order-level fields and refunds resolved by `resolveOrders` (absent: nothing resolved). */
  orders?: OrderResolution | undefined;
}

/** Rows dropped by each SPEC rule, in the order the rules apply; a row counts for its first rule. */
export interface CleaningReport {
  rows_in: number;
  cancelled: number;
  failed_payment: number;
  cancelled_status: number;
  refunded: number;
  refund_lines: number;
  missing_customer: number;
  nonpositive_quantity_or_price: number;
  non_product_codes: number;
  bad_date: number;
  rows_kept: number;
  /** rows_kept / rows_in. */
  share_kept: number;
  /** Lines that took their customer, status, country or date from another line of the order. */
  lines_filled_from_order: number;
  /** Lines whose money was reduced by a partial refund (counted, not dropped). */
  lines_net_of_refunds: number;
  /** Which rules ran: a rule whose column is not mapped does not. */
  rules_applied: CleaningRule[];
}

export type CleaningRule =
  | 'cancelled'
  | 'failed_payment'
  | 'cancelled_status'
  | 'refunded'
  | 'refund_lines'
  | 'missing_customer'
  | 'nonpositive_quantity_or_price'
  | 'non_product_codes'
  | 'bad_date';

export const CLEANING_RULE_LABELS: Record<CleaningRule, string> = {
  cancelled: 'Cancelled invoices (invoice number starts with C)',
  failed_payment: 'Failed or declined payments (never revenue)',
  cancelled_status: 'Orders cancelled or voided (status column)',
  refunded: 'Refunded orders (status column or refunded amount)',
  refund_lines: 'Refund lines (negative amounts in an order export)',
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

/** A UCI cancellation: C then the digits of the invoice it cancels (`C536379`). */
const UCI_CANCELLATION = /^[Cc]\d+$/;
const DIGITS = /^\d+$/;

/**
 * SPEC rule 1 flags, or null when the rule does not apply: invoice numbers starting with C are
 * cancellations only where ids are numbers (the UCI file: `536365`, `C536379`), judged from the
 * column's distinct values: more than half of those that are not C-numbers must be digits only.
 * Elsewhere ids are random text (Square `Cx8Yz...`, Stripe `ch_...`) and a leading C means
 * nothing.
 */
function cancellationFlags(invoice: InternedColumn): Uint8Array | null {
  let others = 0;
  let numeric = 0;
  for (const value of invoice.values) {
    const id = value.trim();
    if (id === '' || UCI_CANCELLATION.test(id)) continue;
    others++;
    if (DIGITS.test(id)) numeric++;
  }
  if (others > 0 && numeric * 2 <= others) return null;
  return flagValues(invoice, (v) => UCI_CANCELLATION.test(v.trim()));
}

const OUTCOME_CODE: Record<StatusOutcome, number> = {
  failed_payment: 1,
  cancelled_status: 2,
  refunded: 3,
};

function nonPositive(column: NumericColumn): Uint8Array {
  const flags = new Uint8Array(column.values.length);
  column.values.forEach((value, i) => {
    // `!(value > 0)` is also true for NaN: a missing or unreadable number drops the row.
    flags[i] = !(value > 0) ? 1 : 0;
  });
  return flags;
}

/**
 * Applies the SPEC cleaning rules in order and counts what each removed. Platform markers run
 * right after SPEC rule 1, as the cancellations they are: a failed payment, a cancelled or
 * refunded order (status column, or refunds covering the order), and, in an export with a status
 * or refund column, a line with negative money (a refund line, as WooCommerce writes refunds).
 */
export function cleanTransactions(tx: Transactions, options: CleanOptions = {}): CleanedRows {
  const n = tx.rowCount;
  const nonProduct = new Set(
    (options.nonProductCodes ?? DEFAULT_NON_PRODUCT_CODES).map((c) => c.trim()).filter(Boolean),
  );
  const cancelledFlags = tx.invoice && cancellationFlags(tx.invoice);
  const statusFlags =
    tx.status &&
    Uint8Array.from(tx.status.values, (v) => {
      const outcome = statusOutcome(v);
      return outcome ? OUTCOME_CODE[outcome] : 0;
    });
  const refundedInFull = options.orders?.refundedInFull ?? null;
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
  const refundLines = tx.status !== null || tx.refund !== null;
  const negativeFlags = refundLines
    ? moneyColumns.map((c) => ({ codes: c.codes, bad: Uint8Array.from(c.values, (v) => +(v < 0)) }))
    : [];

  const counts = {
    cancelled: 0,
    failed_payment: 0,
    cancelled_status: 0,
    refunded: 0,
    refund_lines: 0,
    missing_customer: 0,
    nonpositive_quantity_or_price: 0,
    non_product_codes: 0,
    bad_date: 0,
  };
  const kept = new Int32Array(n);
  let keptCount = 0;
  const badDates = new Set<number>();
  const invoiceCodes = tx.invoice?.codes;
  const statusCodes = tx.status?.codes;
  const productCodes = tx.product?.codes;
  const customerCodes = tx.customer.codes;
  const dateCodes = tx.date.codes;

  rows: for (let i = 0; i < n; i++) {
    if (cancelledFlags && cancelledFlags[(invoiceCodes as Int32Array)[i] as number]) {
      counts.cancelled++;
      continue;
    }
    const outcome = statusFlags ? statusFlags[(statusCodes as Int32Array)[i] as number] : 0;
    if (outcome === 1) {
      counts.failed_payment++;
      continue;
    }
    if (outcome === 2) {
      counts.cancelled_status++;
      continue;
    }
    if (outcome === 3 || (refundedInFull && refundedInFull[i])) {
      counts.refunded++;
      continue;
    }
    for (let f = 0; f < negativeFlags.length; f++) {
      const m = negativeFlags[f]!;
      if (m.bad[m.codes[i] as number]) {
        counts.refund_lines++;
        continue rows;
      }
    }
    if (emptyCustomer[customerCodes[i] as number]) {
      counts.missing_customer++;
      continue;
    }
    for (let f = 0; f < moneyFlags.length; f++) {
      const m = moneyFlags[f]!;
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
  if (cancelledFlags) rules.push('cancelled');
  if (tx.status) rules.push('failed_payment', 'cancelled_status');
  if (tx.status || refundedInFull) rules.push('refunded');
  if (refundLines) rules.push('refund_lines');
  rules.push('missing_customer', 'nonpositive_quantity_or_price');
  if (tx.product) rules.push('non_product_codes');
  rules.push('bad_date');

  const report: CleaningReport = {
    rows_in: n,
    ...counts,
    rows_kept: keptCount,
    share_kept: n > 0 ? keptCount / n : 0,
    lines_filled_from_order: options.orders?.filledLines ?? 0,
    lines_net_of_refunds: options.orders?.nettedLines ?? 0,
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

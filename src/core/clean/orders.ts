import type { NumericColumn, Transactions } from '../ingest/decode.ts';
import type { Codes } from '../ingest/intern.ts';
import type { InternedColumn } from '../ingest/read.ts';

/**
 * Order-level facts that an export writes once per order rather than on every line, resolved
 * before the cleaning rules run.
 *
 * - Shopify's orders export (one row per line item) fills order-level fields such as
 *   `Financial Status`, `Billing Country` and often `Email` on the first line of each order only.
 *   Any file where a line's customer, status, country or date is empty while another line of the
 *   same order id has one (and only one) value gets that value, so a refunded order drops all of
 *   its lines and a multi-line order keeps its customer.
 * - A refunded amount (Stripe `Amount Refunded`, Shopify `Refunded Amount`) nets the money: an
 *   order's refund is spread over its lines in proportion to their totals, so a charge of 100.00
 *   with 30.00 refunded counts 70.00. A refund that covers the whole order marks its lines as
 *   refunded in full (a cleaning rule then drops them). Refund values repeated on several lines of
 *   one order, or written on one line only, are the order's refund once; different values on the
 *   lines of one order are per-line refunds and add up.
 */
export interface OrderResolution {
  /** The transactions with order-level values filled in and money net of partial refunds. */
  tx: Transactions;
  /** Lines that took at least one value from another line of their order. */
  filledLines: number;
  /** Lines whose money was reduced by a partial refund. */
  nettedLines: number;
  /** Per row, 1 where refunds cover the whole order; null without a refund column. */
  refundedInFull: Uint8Array | null;
}

/** Within a cent: money columns carry two decimals, sums of them a little float noise. */
const CENT = 0.005;

/**
 * Each row's order (0..orderCount-1, -1 when its order id is empty) is `orderOfCode` at the row's
 * invoice code: a table per distinct invoice, not an array per row (20 MB on a 5-million-row file).
 */
interface OrderIndex {
  orderOfCode: Int32Array;
  invoiceCodes: Codes;
  orderCount: number;
}

function orderIndex(invoice: InternedColumn): OrderIndex {
  const orderOfCode = new Int32Array(invoice.values.length).fill(-1);
  let orderCount = 0;
  invoice.values.forEach((value, code) => {
    if (value.trim() !== '') orderOfCode[code] = orderCount++;
  });
  return { orderOfCode, invoiceCodes: invoice.codes, orderCount };
}

/** Fills the empty cells of `column` with the one value the other lines of their order carry. */
function fillFromOrder(
  column: InternedColumn,
  { orderOfCode, invoiceCodes, orderCount }: OrderIndex,
  filled: Uint8Array,
): InternedColumn {
  const empty = new Uint8Array(column.values.length);
  let emptyValues = 0;
  column.values.forEach((v, code) => {
    if (v.trim() !== '') return;
    empty[code] = 1;
    emptyValues++;
  });
  // No empty cell at all (the usual case): nothing to fill, no pass over the rows.
  if (emptyValues === 0) return column;
  // -1: no value seen yet; -2: lines disagree, so nothing is filled.
  const valueOfOrder = new Int32Array(orderCount).fill(-1);
  const { codes } = column;
  for (let row = 0; row < codes.length; row++) {
    const code = codes[row] as number;
    const o = orderOfCode[invoiceCodes[row] as number] as number;
    if (empty[code] || o < 0) continue;
    const seen = valueOfOrder[o] as number;
    if (seen === -1) valueOfOrder[o] = code;
    else if (seen !== code) valueOfOrder[o] = -2;
  }
  let out: Codes | null = null;
  for (let row = 0; row < codes.length; row++) {
    if (!empty[codes[row] as number]) continue;
    const o = orderOfCode[invoiceCodes[row] as number] as number;
    if (o < 0) continue;
    const value = valueOfOrder[o] as number;
    if (value < 0) continue;
    out ??= codes.slice();
    out[row] = value;
    filled[row] = 1;
  }
  return out ? { codes: out, values: column.values } : column;
}

/** A numeric column with some rows' values replaced (new distinct values appended). */
function withRowValues(column: NumericColumn, replaced: Map<number, number>): NumericColumn {
  const values = Array.from(column.values);
  const codeOf = new Map<number, number>();
  // Four bytes a code: the appended values may not fit the column's narrower codes.
  const codes = Int32Array.from(column.codes);
  for (const [row, value] of replaced) {
    let code = codeOf.get(value);
    if (code === undefined) {
      code = values.length;
      values.push(value);
      codeOf.set(value, code);
    }
    codes[row] = code;
  }
  return { codes, values: Float64Array.from(values), decimal: column.decimal };
}

/** Per row, the money of the line: the amount, or quantity x unit price. */
function lineMoney(tx: Transactions, row: number): number {
  const price = tx.money === 'amount' ? tx.amount : tx.unitPrice;
  if (!price) return NaN;
  const p = price.values[price.codes[row] as number] as number;
  if (tx.money === 'amount') return p;
  const q = tx.quantity ? (tx.quantity.values[tx.quantity.codes[row] as number] as number) : 1;
  return q * p;
}

function netRefunds(
  tx: Transactions,
  refund: NumericColumn,
  index: OrderIndex | null,
): Pick<OrderResolution, 'tx' | 'nettedLines' | 'refundedInFull'> {
  const n = tx.rowCount;
  // Each row is its own order where no order id groups them.
  const orderOf = (row: number) =>
    index ? (index.orderOfCode[index.invoiceCodes[row] as number] as number) : -1;
  const groups = index ? index.orderCount : 0;
  const refundOf = new Float64Array(groups);
  const firstRefund = new Float64Array(groups).fill(NaN);
  const perLine = new Uint8Array(groups);
  const gross = new Float64Array(groups);
  for (let row = 0; row < n; row++) {
    const o = orderOf(row);
    if (o < 0) continue;
    const money = lineMoney(tx, row);
    if (money > 0) gross[o]! += money;
    const r = refund.values[refund.codes[row] as number] as number;
    if (!(r > 0)) continue;
    if (Number.isNaN(firstRefund[o]!)) firstRefund[o] = r;
    else if (Math.abs(r - firstRefund[o]!) > CENT) perLine[o] = 1;
    refundOf[o]! += r;
  }
  // Same value on several lines: the order's refund, once.
  for (let o = 0; o < groups; o++)
    if (!perLine[o] && refundOf[o]! > 0) refundOf[o] = firstRefund[o]!;

  const refundedInFull = new Uint8Array(n);
  const replaced = new Map<number, number>();
  const price = tx.money === 'amount' ? tx.amount : tx.unitPrice;
  let nettedLines = 0;
  for (let row = 0; row < n; row++) {
    const o = orderOf(row);
    const r = o < 0 ? (refund.values[refund.codes[row] as number] as number) : refundOf[o]!;
    if (!(r > 0)) continue;
    const orderGross = o < 0 ? Math.max(lineMoney(tx, row), 0) : gross[o]!;
    if (r >= orderGross - CENT) {
      refundedInFull[row] = 1;
      continue;
    }
    const money = lineMoney(tx, row);
    if (!(money > 0) || !price) continue;
    // The price (or amount) scales, so quantity x price is the line's share of what was kept.
    const p = price.values[price.codes[row] as number] as number;
    replaced.set(row, p * (1 - r / orderGross));
    nettedLines++;
  }
  let netted = tx;
  if (replaced.size > 0 && price) {
    const column = withRowValues(price, replaced);
    netted = tx.money === 'amount' ? { ...tx, amount: column } : { ...tx, unitPrice: column };
  }
  return { tx: netted, nettedLines, refundedInFull };
}

/** Resolves order-level fields and refunds; see the interface comment. */
export function resolveOrders(tx: Transactions): OrderResolution {
  let resolved = tx;
  let filledLines = 0;
  const index = tx.invoice ? orderIndex(tx.invoice) : null;
  if (index) {
    const filled = new Uint8Array(tx.rowCount);
    const fill = (column: InternedColumn) => fillFromOrder(column, index, filled);
    resolved = {
      ...tx,
      customer: fill(tx.customer),
      date: fill(tx.date),
      status: tx.status && fill(tx.status),
      country: tx.country && fill(tx.country),
    };
    for (let row = 0; row < filled.length; row++) filledLines += filled[row] as number;
  }
  if (!tx.refund) return { tx: resolved, filledLines, nettedLines: 0, refundedInFull: null };
  const netted = netRefunds(resolved, tx.refund, index);
  return { ...netted, filledLines };
}

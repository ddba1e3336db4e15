import { AnalysisError } from '../errors.ts';
import type { ColumnMapping, ColumnRole } from '../types.ts';
import {
  guessColumns,
  type MappingGuess,
  mappingReport,
  normaliseHeader,
  type Rejection,
  ROLES,
} from './columns.ts';
import { contentProblem, hasWrittenDates, type MappingSample } from './content.ts';
import { type Layout, LAYOUTS } from './platform-layouts.ts';

/** The shop systems whose export layouts are recognised by their header set. */
export type PlatformId =
  | 'shopify-orders'
  | 'shopify-customers'
  | 'square-items'
  | 'stripe-payments'
  | 'prestashop-orders'
  | 'woocommerce-orders'
  | 'etsy-order-items'
  | 'uci-online-retail';

/** A recognised export layout, as the mapping screen and the CLI name it. */
export interface PlatformMatch {
  id: PlatformId;
  /** e.g. "Shopify orders export" */
  label: string;
  /** What the owner should know about this layout, when there is something. */
  hint?: string;
}

/**
 * The first column a layout name stands for: an exact normalised name, or with a trailing `*`
 * any name that starts with it (Stripe's date column is named after the export's time zone).
 */
function findColumn(normalised: readonly string[], name: string): number {
  if (!name.endsWith('*')) return normalised.indexOf(name);
  const prefix = name.slice(0, -1);
  return normalised.findIndex((h) => h.startsWith(prefix));
}

/**
 * The layout the headers match, when one does: every signature group has a column. Where two
 * match, the one with more signature groups is the more specific and wins.
 */
export function recogniseLayout(headers: readonly string[]): Layout | null {
  const normalised = headers.map(normaliseHeader);
  let best: Layout | null = null;
  for (const layout of LAYOUTS) {
    const matches = layout.signature.every((group) =>
      group.some((name) => findColumn(normalised, name) >= 0),
    );
    if (matches && (!best || layout.signature.length > best.signature.length)) best = layout;
  }
  return best;
}

/**
 * The layout's own mapping: per role, the first of its columns that is present and passes the
 * content checks (a Shopify file whose `Customer ID` is empty falls back to `Email`). Status and
 * refund columns may be blank in the sample (paid orders), so only their content is checked.
 */
export function layoutColumns(
  layout: Layout,
  headers: readonly string[],
  sample: MappingSample,
): MappingGuess {
  const normalised = headers.map(normaliseHeader);
  const mapping: ColumnMapping = {};
  const rejected = new Map<ColumnRole, Rejection[]>();
  const taken = new Set<number>();
  for (const role of ROLES) {
    for (const name of layout.roles[role] ?? []) {
      const column = findColumn(normalised, name);
      if (column < 0 || taken.has(column)) continue;
      const allowEmpty = role === 'status' || role === 'refund';
      const reason = contentProblem(role, column, sample, { allowEmpty });
      if (reason === null) {
        mapping[role] = column;
        taken.add(column);
        break;
      }
      rejected.set(role, [
        ...(rejected.get(role) ?? []),
        { column, header: headers[column] ?? '', reason },
      ]);
    }
  }
  return { mapping, report: mappingReport(mapping, rejected) };
}

/** Lifetime totals per customer: the columns of a customer list, not of sales. */
const CUSTOMER_TOTALS = new Set([
  'totalspent',
  'amountspent',
  'totalspend',
  'moneyspent',
  'lifetimespend',
  'totalorders',
  'orderscount',
  'ordercount',
  'numberoforders',
]);

export function customerListError(platform: PlatformMatch | null): AnalysisError {
  if (platform?.id === 'shopify-customers')
    return new AnalysisError(
      'customer-list',
      'This is a Shopify customer list: one row per customer, with totals but no order dates. Segment needs your orders to see when each customer bought. In Shopify admin, go to Orders, then Export, and choose all orders as CSV; then analyse that file instead.',
    );
  return new AnalysisError(
    'customer-list',
    'This looks like a customer list: one row per customer, with totals (such as Total Spent or Total Orders) but no order dates. Segment needs the orders, one row per order or order line with the customer and the date: export the orders or sales from your shop system and analyse that file instead.',
  );
}

export interface RecognisedColumns extends MappingGuess {
  platform: PlatformMatch | null;
}

/**
 * The mapping of a file: a recognised platform's own, else the generic guess. A customer list
 * (Shopify's customers export, or any file of per-customer totals with no dates at all) cannot
 * be segmented by recency and is refused with what to export instead.
 */
export function recogniseColumns(
  headers: readonly string[],
  sample: MappingSample,
): RecognisedColumns {
  const layout = recogniseLayout(headers);
  const platform: PlatformMatch | null = layout
    ? { id: layout.id, label: layout.label, ...(layout.hint ? { hint: layout.hint } : {}) }
    : null;
  if (platform?.id === 'shopify-customers') throw customerListError(platform);
  const guess = layout ? layoutColumns(layout, headers, sample) : guessColumns(headers, sample);
  if (
    !layout &&
    guess.mapping.date === undefined &&
    headers.some((h) => CUSTOMER_TOTALS.has(normaliseHeader(h))) &&
    !hasWrittenDates(sample, headers.length)
  )
    throw customerListError(null);
  return { platform, ...guess };
}

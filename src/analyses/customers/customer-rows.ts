/**
 * The customers table's rows as index arrays over the columnar features: sorting and filtering
 * move 4-byte indices, never row objects, so 100,000 customers stay quick. The table component
 * builds cells only for the 50 indices on screen.
 */
import type { PreparedView } from '../../core/results.ts';
import { FEATURE_NAMES, type FeatureName } from '../../core/index.ts';

/** Lifetime value columns (value/): predicted value, chance still active, orders in 90 days. */
export type ValueColumn = 'clv' | 'pAlive' | 'expectedPurchases90';
export type ValueColumns = Record<ValueColumn, Float64Array>;
export const VALUE_COLUMNS: readonly ValueColumn[] = ['clv', 'pAlive', 'expectedPurchases90'];

export type CustomerColumn = 'id' | 'segment' | 'country' | FeatureName | ValueColumn;

export interface SortKey {
  column: CustomerColumn;
  desc: boolean;
}

type Customers = Pick<PreparedView['customers'], 'ids' | 'features' | 'country'>;

const isValueColumn = (column: CustomerColumn): column is ValueColumn =>
  (VALUE_COLUMNS as readonly string[]).includes(column);

const isFeature = (column: CustomerColumn): column is FeatureName =>
  (FEATURE_NAMES as readonly string[]).includes(column);

/** Each customer's country as its position in the sorted list of countries, for integer compares. */
export function countryRanks(country: readonly string[]): Int32Array {
  const names = [...new Set(country)].sort((a, b) => a.localeCompare(b, 'en'));
  const rank = new Map(names.map((name, i) => [name, i]));
  return Int32Array.from(country, (c) => rank.get(c) ?? 0);
}

/**
 * Customer indices in the order of one column. Ids come from the engine already in natural order
 * (2 before 10), so their order is the index order. Ties keep index order, so a sort is stable.
 */
export function sortedOrder(
  customers: Customers,
  labels: Int32Array,
  countryRank: Int32Array,
  sort: SortKey,
  /** Lifetime value, when computed; NaN (no prediction) sorts below every number. */
  value?: ValueColumns | null,
): Int32Array {
  const n = customers.ids.length;
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  const { column, desc } = sort;
  if (column === 'id') return desc ? order.reverse() : order;
  if (isValueColumn(column)) {
    if (!value) return order;
    const key = value[column].map((v) => (Number.isNaN(v) ? -Infinity : v));
    const sign = desc ? -1 : 1;
    return order.sort((a, b) => sign * Math.sign(key[a]! - key[b]!) || a - b);
  }
  const key: ArrayLike<number> = isFeature(column)
    ? customers.features[column]
    : column === 'segment'
      ? labels
      : countryRank;
  const sign = desc ? -1 : 1;
  return order.sort((a, b) => sign * (key[a]! - key[b]!) || a - b);
}

export interface RowFilter {
  /** Part of a customer id, any case. */
  query: string;
  /** Only this segment, or all. */
  segment: number | null;
  /** Only customers whose entry is 1 (the "valuable but slipping" filter), or all. */
  only?: Uint8Array | null | undefined;
}

/** The sorted indices that pass the search and the segment filter. */
export function filterOrder(
  order: Int32Array,
  lowerIds: readonly string[],
  labels: Int32Array,
  filter: RowFilter,
): Int32Array {
  const query = filter.query.trim().toLowerCase();
  const { segment, only } = filter;
  if (query === '' && segment === null && !only) return order;
  const kept = new Int32Array(order.length);
  let count = 0;
  for (let t = 0; t < order.length; t++) {
    const i = order[t]!;
    if (segment !== null && labels[i] !== segment) continue;
    if (only && only[i] !== 1) continue;
    if (query !== '' && !lowerIds[i]!.includes(query)) continue;
    kept[count++] = i;
  }
  return kept.subarray(0, count);
}

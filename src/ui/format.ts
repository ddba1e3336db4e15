/**
 * How the result screens write numbers: whole days and orders, money with two decimals. One locale
 * for all, so a figure reads the same in the table, the profile and the what-if.
 */
import type { ClusterFeature } from '../core/types.ts';

const whole = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('en-GB', {
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
});
const money = new Intl.NumberFormat('en-GB', {
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});
const percent = new Intl.NumberFormat('en-GB', {
  style: 'percent',
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
});
const day = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'UTC',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
});

export const formatWhole = (x: number) => whole.format(x);
/** Segment means: one decimal always, so a column of means lines up. */
export const formatMean = (x: number) => oneDecimal.format(x);
export const formatMoney = (x: number) => money.format(x);
export const formatPercent = (share: number) => percent.format(share);
/** Timestamps are the file's wall-clock times stored as UTC, so they are shown in UTC. */
export const formatDate = (ms: number) => day.format(new Date(ms));
export const formatDays = (x: number) => `${whole.format(x)} ${x === 1 ? 'day' : 'days'}`;

export const FEATURE_LABELS: Record<ClusterFeature, string> = {
  Recency: 'Recency',
  Frequency: 'Frequency (orders)',
  Monetary: 'Monetary (revenue)',
  TotalQuantity: 'Total quantity',
  UniqueProducts: 'Unique products',
  Tenure: 'Tenure',
  AvgOrderValue: 'Average order value',
  SpendCV: 'Monthly spend variation',
  Diversity: 'Product variety',
  Growth: 'Spend growth',
  Seasonality: 'Top-quarter share',
  Consistency: 'Months active',
  GapCV: 'Purchase gap variation',
};

const twoDecimals = money;

/** A customer's feature value in its unit: "2 days", "7", "4,310.00". */
export function formatFeature(feature: ClusterFeature, value: number): string {
  switch (feature) {
    case 'Seasonality':
    case 'Consistency':
      return formatPercent(value);
    case 'SpendCV':
    case 'Diversity':
    case 'Growth':
    case 'GapCV':
      return twoDecimals.format(value);
    case 'Recency':
    case 'Tenure':
      return formatDays(value);
    case 'Monetary':
    case 'AvgOrderValue':
      return formatMoney(value);
    default:
      return formatWhole(value);
  }
}

/**
 * Test-only: a customer table made by hand from feature columns, for tests of the stages after
 * grouping (scaling, segments, quality). Purchase dates and the snapshot are zero: these tests
 * read the features only.
 */
import type { CustomerTable } from '../features/customers.ts';
import type { FeatureName } from '../types.ts';

export function customerTableOf(
  features: Record<FeatureName, Float64Array>,
  ids: readonly string[],
): CustomerTable {
  const none = new Float64Array(ids.length);
  return {
    ids: [...ids],
    features,
    firstPurchase: none,
    lastPurchase: none,
    snapshot: 0,
    dateMin: 0,
    dateMax: 0,
    fallbacks: {},
  };
}

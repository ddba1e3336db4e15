/**
 * Test-only: a customer table made by hand from feature columns, for tests of the stages after
 * grouping (scaling, segments, quality). Purchase dates, the snapshot and the behaviour features are zero: these tests
 * read the features only.
 */
import type { CustomerTable } from '../features/customers.ts';
import { BEHAVIOUR_NAMES, type BehaviourName, type FeatureName } from '../types.ts';

export function customerTableOf(
  features: Record<FeatureName, Float64Array>,
  ids: readonly string[],
): CustomerTable {
  const none = new Float64Array(ids.length);
  const behaviour = Object.fromEntries(
    BEHAVIOUR_NAMES.map((f) => [f, new Float64Array(ids.length)]),
  ) as Record<BehaviourName, Float64Array>;
  return {
    ids: [...ids],
    features,
    behaviour,
    firstPurchase: none,
    lastPurchase: none,
    snapshot: 0,
    dateMin: 0,
    dateMax: 0,
    fallbacks: {},
  };
}

/**
 * Test-only: the reference customers (../shared/reference) as the scaled points of each reference
 * variant, with the reference scaler (scaler_mean, scaler_scale) and scikit-learn's labels. Built
 * once per test file; only *.test.ts files in this folder import it (it reaches node:fs through
 * ../testing/reference.ts, so the app must never import it).
 */
import {
  loadReferenceCustomers,
  loadReferenceLabels,
  loadReferenceSummary,
  type ReferenceVariantName,
} from '../testing/reference.ts';
import type { Points } from '../types.ts';

export interface ReferenceVariantPoints {
  points: Points;
  /** scikit-learn's labels for k, in the order of the customers CSV. */
  labels(k: number): Int32Array;
}

const cache = new Map<ReferenceVariantName, ReferenceVariantPoints>();

export function referenceVariantPoints(name: ReferenceVariantName): ReferenceVariantPoints {
  const cached = cache.get(name);
  if (cached) return cached;
  const customers = loadReferenceCustomers();
  const labels = loadReferenceLabels();
  const variant = loadReferenceSummary().variants[name];
  const n = customers.count;
  const dims = variant.features.length;
  const values = new Float64Array(n * dims);
  variant.features.forEach((feature, j) => {
    const raw = customers.column(feature);
    const mean = variant.scaler_mean[j]!;
    const scale = variant.scaler_scale[j]!;
    for (let i = 0; i < n; i++)
      values[i * dims + j] = ((variant.log1p ? Math.log1p(raw[i]!) : raw[i]!) - mean) / scale;
  });
  // The labels file lists the same customers; join by id so the order cannot silently differ.
  const row = new Map(labels.customerIds.map((id, r) => [id, r]));
  const labelRows = customers.customerIds.map((id) => {
    const r = row.get(id);
    if (r === undefined) throw new Error(`customer ${id} has no reference labels`);
    return r;
  });
  const result: ReferenceVariantPoints = {
    points: { count: n, dims, values },
    labels: (k) => {
      const column = labels.labels(name, k);
      return Int32Array.from(labelRows, (r) => column[r]!);
    },
  };
  cache.set(name, result);
  return result;
}

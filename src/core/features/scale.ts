import type { ClusterFeature, Points, Scaling, Transform } from '../types.ts';
import { type CustomerTable, featureColumn } from './customers.ts';

export interface ScalingOptions {
  features: readonly ClusterFeature[];
  transform: Transform;
  scaling: Scaling;
}

/** A fitted scaler: z = (transform(x) - center) / scale, per feature. */
export interface Scaler extends ScalingOptions {
  /** Mean (standard) or median (robust) of the transformed feature. */
  center: Float64Array;
  /** Population std (standard, ddof = 0) or IQR (robust); 1 where the spread is 0. */
  scale: Float64Array;
}

/**
 * Spend growth is the one feature that can be below 0: log1p is applied to it symmetrically,
 * sign(x) log(1 + |x|), so it stays finite. Every other feature keeps plain log1p and expm1 (their
 * fences and centres below 0 in log space map back exactly as before).
 */
const SIGNED: ReadonlySet<ClusterFeature> = new Set<ClusterFeature>(['Growth']);

const forward = (transform: Transform, x: number, feature: ClusterFeature) =>
  transform !== 'log1p' ? x : SIGNED.has(feature) && x < 0 ? -Math.log1p(-x) : Math.log1p(x);
const backward = (transform: Transform, y: number, feature: ClusterFeature) =>
  transform !== 'log1p' ? y : SIGNED.has(feature) && y < 0 ? -Math.expm1(-y) : Math.expm1(y);

/** numpy's default (linear) quantile of sorted values. */
export function quantileSorted(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return NaN;
  const position = (sorted.length - 1) * q;
  const lo = Math.floor(position);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (position - lo);
}

function transformed(
  table: CustomerTable,
  feature: ClusterFeature,
  transform: Transform,
): Float64Array {
  const source = featureColumn(table, feature);
  const out = new Float64Array(source.length);
  for (let i = 0; i < out.length; i++) out[i] = forward(transform, source[i]!, feature);
  return out;
}

/**
 * Fits the scaler as scikit-learn's StandardScaler (mean, population std; a zero std becomes 1 so
 * a constant feature scales to 0) or RobustScaler (median, 25-75% IQR; likewise).
 */
export function fitScaler(table: CustomerTable, options: ScalingOptions): Scaler {
  const d = options.features.length;
  const center = new Float64Array(d);
  const scale = new Float64Array(d);
  options.features.forEach((feature, j) => {
    const x = transformed(table, feature, options.transform);
    const n = x.length;
    if (options.scaling === 'robust') {
      const sorted = x.slice().sort();
      center[j] = quantileSorted(sorted, 0.5);
      const iqr = quantileSorted(sorted, 0.75) - quantileSorted(sorted, 0.25);
      // As scikit-learn (_handle_zeros_in_scale): a spread under 10 eps is no spread, so a column
      // of 0 and 5e-324 is not scaled up to Infinity.
      scale[j] = iqr >= 10 * Number.EPSILON ? iqr : 1;
      return;
    }
    let sum = 0;
    for (let i = 0; i < n; i++) sum += x[i]!;
    const mean = sum / n;
    let squares = 0;
    for (let i = 0; i < n; i++) squares += (x[i]! - mean) ** 2;
    const std = Math.sqrt(squares / n);
    center[j] = mean;
    // Floating point leaves a tiny std on a constant column; treat it as zero as scikit-learn does.
    scale[j] = std > 10 * Number.EPSILON * Math.max(1, Math.abs(mean)) ? std : 1;
  });
  return { ...options, features: [...options.features], center, scale };
}

/** The scaled points of every customer, row-major. */
export function scaleCustomers(table: CustomerTable, scaler: Scaler): Points {
  const n = table.ids.length;
  const d = scaler.features.length;
  const values = new Float64Array(n * d);
  scaler.features.forEach((feature, j) => {
    const source = featureColumn(table, feature);
    const c = scaler.center[j]!;
    const s = scaler.scale[j]!;
    for (let i = 0; i < n; i++)
      values[i * d + j] = (forward(scaler.transform, source[i]!, feature) - c) / s;
  });
  return { count: n, dims: d, values };
}

/** Scales one customer's raw features (the what-if form), in the scaler's feature order. */
export function scalePoint(raw: readonly number[], scaler: Scaler): Float64Array {
  return Float64Array.from(
    scaler.features,
    (feature, j) =>
      (forward(scaler.transform, raw[j]!, feature) - scaler.center[j]!) / scaler.scale[j]!,
  );
}

/** Back from scaled space to feature units, e.g. to show centroids in days and pounds. */
export function unscalePoint(z: ArrayLike<number>, scaler: Scaler): Float64Array {
  return Float64Array.from(scaler.features, (feature, j) =>
    backward(scaler.transform, z[j]! * scaler.scale[j]! + scaler.center[j]!, feature),
  );
}

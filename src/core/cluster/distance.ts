/**
 * Squared Euclidean distance between row `aAt` of `a` and row `bAt` of `b` (offsets in numbers),
 * summed in dimension order from 0, as ml-distance-euclidean and our older loops do, so every
 * caller's rounding is unchanged. The app clusters 3 or 5 features: those are written out, which
 * V8 runs about twice as fast as the loop (((0 + x²) + y²) + z² is x² + y² + z², bit for bit).
 */
export function squaredDistance(
  a: Float64Array,
  aAt: number,
  b: Float64Array,
  bAt: number,
  dims: number,
): number {
  if (dims === 3) {
    const e0 = a[aAt]! - b[bAt]!;
    const e1 = a[aAt + 1]! - b[bAt + 1]!;
    const e2 = a[aAt + 2]! - b[bAt + 2]!;
    return e0 * e0 + e1 * e1 + e2 * e2;
  }
  if (dims === 5) {
    const e0 = a[aAt]! - b[bAt]!;
    const e1 = a[aAt + 1]! - b[bAt + 1]!;
    const e2 = a[aAt + 2]! - b[bAt + 2]!;
    const e3 = a[aAt + 3]! - b[bAt + 3]!;
    const e4 = a[aAt + 4]! - b[bAt + 4]!;
    return e0 * e0 + e1 * e1 + e2 * e2 + e3 * e3 + e4 * e4;
  }
  let s = 0;
  for (let j = 0; j < dims; j++) {
    const diff = a[aAt + j]! - b[bAt + j]!;
    s += diff * diff;
  }
  return s;
}

/** Largest absolute value in the arrays (at least 1e-300): the scale of bound margins. */
export function largestMagnitude(...arrays: Float64Array[]): number {
  let scale = 1e-300;
  for (const values of arrays) scale = largestFrom(values, scale);
  return scale;
}

/**
 * The largest of `scale` and the magnitudes in `values`. Its own function so V8 compiles the loop
 * once rather than on-stack per array (see kmeans.ts' kmeansPlusPlus).
 */
function largestFrom(values: Float64Array, scale: number): number {
  let largest = scale;
  for (let i = 0; i < values.length; i++) largest = Math.max(largest, Math.abs(values[i]!));
  return largest;
}

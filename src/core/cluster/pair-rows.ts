/**
 * The innermost loop of the exact silhouette (silhouette.ts): one point's distances to every
 * point after it in the sorted order, summed per group as they are added.
 */

/**
 * One row of the pair loop: for the point at sorted position p and every later position q, the
 * distance is added to out[group of q] (p's sums) and to pending[q] (q's sum for p's group).
 * Rows are padded to 5 coordinates (zeros add exactly nothing), because V8 runs this unrolled
 * form about twice as fast as a loop over the dimensions, and the app clusters 3 or 5 features.
 */
export function pairRow5(
  rows: Float64Array,
  p: number,
  firstGroup: number,
  starts: Int32Array,
  out: Float64Array,
  pending: Float64Array,
) {
  const a0 = rows[p * 5] as number;
  const a1 = rows[p * 5 + 1] as number;
  const a2 = rows[p * 5 + 2] as number;
  const a3 = rows[p * 5 + 3] as number;
  const a4 = rows[p * 5 + 4] as number;
  for (let g = firstGroup; g < out.length; g++) {
    let sum = 0;
    const end = starts[g + 1] as number;
    for (let q = Math.max(p + 1, starts[g] as number); q < end; q++) {
      const d0 = (rows[q * 5] as number) - a0;
      const d1 = (rows[q * 5 + 1] as number) - a1;
      const d2 = (rows[q * 5 + 2] as number) - a2;
      const d3 = (rows[q * 5 + 3] as number) - a3;
      const d4 = (rows[q * 5 + 4] as number) - a4;
      const distance = Math.sqrt(d0 * d0 + d1 * d1 + d2 * d2 + d3 * d3 + d4 * d4);
      sum += distance;
      pending[q]! += distance;
    }
    out[g] = sum;
  }
}

/** pairRow5 for more than 5 dimensions. */
export function pairRow(
  rows: Float64Array,
  width: number,
  p: number,
  firstGroup: number,
  starts: Int32Array,
  out: Float64Array,
  pending: Float64Array,
) {
  for (let g = firstGroup; g < out.length; g++) {
    let sum = 0;
    const end = starts[g + 1] as number;
    for (let q = Math.max(p + 1, starts[g] as number); q < end; q++) {
      let sq = 0;
      for (let d = 0; d < width; d++) {
        const diff = (rows[q * width + d] as number) - (rows[p * width + d] as number);
        sq += diff * diff;
      }
      const distance = Math.sqrt(sq);
      sum += distance;
      pending[q]! += distance;
    }
    out[g] = sum;
  }
}

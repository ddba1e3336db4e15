/**
 * Lloyd's k-means iterations on typed arrays, giving exactly what ml-kmeans 7's `kmeans` gives
 * for the same starting centres (the same assignments, centres and iteration count, bit for
 * bit), several times faster: Hamerly's bounds (G. Hamerly, "Making k-means even faster", SDM
 * 2010) skip most point-to-centre distances once the centres settle.
 *
 * Each point keeps an upper bound on its distance to its own centre and a lower bound on its
 * distance to every other centre; when a centre moves by delta, the bounds loosen by delta. A
 * point whose upper bound is below the larger of its lower bound and half the gap from its centre
 * to the nearest other centre cannot change centre, so its distances to the others are not
 * computed (with 3 features the one to its own centre always is, in place of the upper bound:
 * `assignAndSum3`). Bounds are only ever used to skip: every distance that decides an assignment
 * is computed as ml-kmeans computes it (sum of squared differences, first nearest centre wins a
 * tie), and the centres are re-summed from scratch in point order each iteration, so rounding is
 * the same too (distance.ts sums in ml-distance-euclidean's order).
 *
 * Bounds are sums of rounded square roots, so a skip also needs a margin (SLACK of the data's
 * scale) far larger than any rounding they can carry and far smaller than real gaps: a point
 * nearly equidistant from two centres is always measured.
 */
import type { Points } from '../types.ts';
import { largestMagnitude, squaredDistance } from './distance.ts';
import { KMeansScratch } from './scratch.ts';

export interface LloydRun {
  /** Row-major k x dims, after the last iteration (ml-kmeans' result.centroids). */
  centroids: Float64Array;
  /** Iterations run, as ml-kmeans counts them. */
  iterations: number;
}

/** Margin of a bound-based skip, relative to the largest coordinate (see the file comment). */
const SLACK = 1e-9;

/**
 * Runs Lloyd from `init` (row-major k x dims, not changed) until no centre moves more than
 * `tolerance` (squared distance) or `maxIterations` (0: no limit, as ml-kmeans). On return
 * `labels` holds each point's nearest final centre (ties to the lower index), as
 * assignToCentroids would give for the returned centroids.
 */
export function lloyd(
  points: Points,
  init: Float64Array,
  k: number,
  maxIterations: number,
  tolerance: number,
  labels: Int32Array,
  scratch: KMeansScratch = new KMeansScratch(points.count),
): LloydRun {
  const { count: n, dims: d, values } = points;
  let centers = init.slice();
  let next = new Float64Array(k * d);
  const sizes = new Float64Array(k);
  // Both written for every point by the first assignment below.
  const { upper, lower } = scratch;
  const moved = new Float64Array(k);
  const halfGap = new Float64Array(k);
  // How far each centre's points' lower bounds shrink (the 3-feature pass).
  const shrink = new Float64Array(k);
  const slack = SLACK * largestMagnitude(values, init);
  const limit = maxIterations === 0 ? Infinity : maxIterations;

  // Every point measured against the starting centres (ml-kmeans' first assignment).
  assignAll(points, centers, k, labels, upper, lower, sizes, next);
  let iterations = 0;
  for (;;) {
    iterations++;
    // The new centres from the sums taken in point order, divided as ml-kmeans' updateCenters
    // does (an empty cluster keeps its centre); converged when none moved beyond the tolerance.
    let converged = true;
    for (let c = 0; c < k; c++) {
      const size = sizes[c]!;
      for (let j = 0; j < d; j++)
        next[c * d + j] = size > 0 ? next[c * d + j]! / size : centers[c * d + j]!;
      const shift = squaredDistance(next, c * d, centers, c * d, d);
      if (shift > tolerance) converged = false;
      moved[c] = Math.sqrt(shift);
    }
    const previous = centers;
    centers = next;
    next = previous;
    next.fill(0);
    sizes.fill(0);
    const last = converged || iterations >= limit;
    // Own-centre bounds grow by that centre's move, the others' shrink by the largest other move.
    let farthest = 0;
    for (let c = 1; c < k; c++) if (moved[c]! > moved[farthest]!) farthest = c;
    let runnerUp = 0;
    for (let c = 0; c < k; c++) if (c !== farthest && moved[c]! > runnerUp) runnerUp = moved[c]!;
    const largest = moved[farthest]!;
    halfGaps(centers, k, d, halfGap);
    // The next iteration's assignment (after the last iteration: the final one), summing the
    // points into their centres' totals as it goes, in point order.
    if (d === 3) {
      for (let c = 0; c < k; c++) shrink[c] = c === farthest ? runnerUp : largest;
      assignAndSum3(values, n, k, centers, labels, lower, shrink, halfGap, slack, sizes, next);
      if (last) return { centroids: centers, iterations };
      continue;
    }
    for (let i = 0; i < n; i++) {
      let a = labels[i]!;
      upper[i]! += moved[a]!;
      lower[i]! -= a === farthest ? runnerUp : largest;
      const bound = Math.max(lower[i]!, halfGap[a]!) - slack;
      if (upper[i]! >= bound) {
        upper[i] = Math.sqrt(squaredDistance(values, i * d, centers, a * d, d));
        if (upper[i]! >= bound) a = assignPoint(values, d, i, centers, k, labels, upper, lower);
      }
      sizes[a]!++;
      for (let j = 0; j < d; j++) next[a * d + j]! += values[i * d + j]!;
    }
    if (last) return { centroids: centers, iterations };
  }
}

/**
 * Every point to its nearest centre, summed into `next` and counted in `sizes` in point order; its
 * bounds become exact. A function of its own: as the first loop of `lloyd`, V8 compiled it
 * on-stack and then met the iterations below with no type feedback (9 deoptimizations in one
 * analysis).
 */
function assignAll(
  points: Points,
  centers: Float64Array,
  k: number,
  labels: Int32Array,
  upper: Float64Array,
  lower: Float64Array,
  sizes: Float64Array,
  next: Float64Array,
): void {
  const { count: n, dims: d, values } = points;
  for (let i = 0; i < n; i++) {
    const a = assignPoint(values, d, i, centers, k, labels, upper, lower);
    sizes[a]!++;
    for (let j = 0; j < d; j++) next[a * d + j]! += values[i * d + j]!;
  }
}

/**
 * One pass of the loop above for 3 features (RFM, the default), written out: the same
 * assignments and the same additions in the same order, so the same bits, with the point's
 * coordinates held in locals. Branches the processor cannot guess cost more here than arithmetic
 * (a mispredicted branch is some 20 cycles; the whole pass about 45 per point): so every point's
 * distance to its own centre is measured, squared, instead of first testing the loose upper bound
 * (which failed for about a third of the points, at random), the bound is compared squared, a
 * point's lower bound shrinks by its centre's entry in `shrink` rather than by a choice on its
 * label, and the search over the centres picks with conditional expressions. Measured on the UCI
 * file's customers, the passes of a whole sweep replayed: 90 against 115 microseconds a pass.
 * `upper` is not kept: nothing reads it on this path.
 */
function assignAndSum3(
  values: Float64Array,
  n: number,
  k: number,
  centers: Float64Array,
  labels: Int32Array,
  lower: Float64Array,
  shrink: Float64Array,
  halfGap: Float64Array,
  slack: number,
  sizes: Float64Array,
  next: Float64Array,
): void {
  for (let i = 0; i < n; i++) {
    let a = labels[i]!;
    const x0 = values[i * 3]!;
    const x1 = values[i * 3 + 1]!;
    const x2 = values[i * 3 + 2]!;
    let l = lower[i]! - shrink[a]!;
    const bound = Math.max(l, halfGap[a]!) - slack;
    const e0 = x0 - centers[a * 3]!;
    const e1 = x1 - centers[a * 3 + 1]!;
    const e2 = x2 - centers[a * 3 + 2]!;
    if (e0 * e0 + e1 * e1 + e2 * e2 >= bound * bound || bound < 0) {
      // assignPoint, inline.
      let best = Number.MAX_VALUE;
      let second = Infinity;
      let bestC = -1;
      for (let c = 0; c < k; c++) {
        const f0 = x0 - centers[c * 3]!;
        const f1 = x1 - centers[c * 3 + 1]!;
        const f2 = x2 - centers[c * 3 + 2]!;
        const s = f0 * f0 + f1 * f1 + f2 * f2;
        const nearer = s < best;
        second = nearer ? (bestC >= 0 ? best : second) : Math.min(s, second);
        best = nearer ? s : best;
        bestC = nearer ? c : bestC;
      }
      a = bestC;
      labels[i] = a;
      l = Math.sqrt(second);
    }
    lower[i] = l;
    sizes[a]!++;
    next[a * 3]! += x0;
    next[a * 3 + 1]! += x1;
    next[a * 3 + 2]! += x2;
  }
}

/**
 * Point i to its nearest centre, measured against every centre as ml-nearest-vector does (first
 * strictly smaller distance wins); its bounds become exact.
 */
function assignPoint(
  values: Float64Array,
  d: number,
  i: number,
  centers: Float64Array,
  k: number,
  labels: Int32Array,
  upper: Float64Array,
  lower: Float64Array,
): number {
  let best = Number.MAX_VALUE;
  let second = Infinity;
  let bestC = -1;
  for (let c = 0; c < k; c++) {
    const s = squaredDistance(values, i * d, centers, c * d, d);
    if (s < best) {
      if (bestC >= 0) second = best;
      best = s;
      bestC = c;
    } else if (s < second) second = s;
  }
  labels[i] = bestC;
  upper[i] = Math.sqrt(best);
  lower[i] = Math.sqrt(second);
  return bestC;
}

/** Half the distance from each centre to the nearest other centre (Infinity when k = 1). */
function halfGaps(centers: Float64Array, k: number, d: number, out: Float64Array): void {
  out.fill(Infinity);
  for (let a = 0; a < k; a++)
    for (let b = a + 1; b < k; b++) {
      const half = Math.sqrt(squaredDistance(centers, a * d, centers, b * d, d)) / 2;
      if (half < out[a]!) out[a] = half;
      if (half < out[b]!) out[b] = half;
    }
}

/**
 * Hartigan's refinement of a Lloyd solution: move single points between clusters whenever that
 * lowers the total squared distance once both centroids shift (a point leaving cluster a saves
 * n_a/(n_a-1)·|x-c_a|², joining b costs n_b/(n_b+1)·|x-c_b|²). Lloyd ignores the shift, which
 * matters for the tiny clusters of big spenders that RFM data always has; on the reference data
 * this halves how often a restart stops in a visibly worse minimum. Every Hartigan-stable
 * partition is also Lloyd-stable, so the labels stay "nearest centroid".
 *
 * On the UCI customers a restart takes about 9 passes over the points (often the limit of 20),
 * yet only a handful of points move in each pass after the first. So, as Lloyd's bounds do
 * (lloyd.ts), each point keeps an upper bound on its distance to its own centroid and a lower
 * bound on its distance to the others, loosened by how far centroids have moved since it was
 * measured. A point that cannot gain even from the smallest joining factor is not measured; every
 * point that is measured is decided by the same arithmetic as without bounds, so the moves, the
 * centroids and the result are the same, bit for bit.
 */
import type { Points } from '../types.ts';
import { sumByCluster } from '../math/centroids.ts';
import { largestMagnitude, squaredDistance } from './distance.ts';
import { KMeansScratch } from './scratch.ts';

/** Margin of a bound-based skip, relative to the largest coordinate (see lloyd.ts). */
const SLACK = 1e-9;
/** A move must gain more than this fraction, so rounding noise cannot move points back and forth. */
const MIN_GAIN = 1e-12;

/**
 * What a pass reads and updates. Bounds are stored net of the drift so far: own centroid's
 * distance <= upper[i] + drift[a], any other's >= lower[i] - spread, where drift[c] sums centroid
 * c's moves and spread sums the larger of the two centroid moves of every point move. -Infinity:
 * measure next time.
 */
interface Refinement {
  points: Points;
  labels: Int32Array;
  k: number;
  sizes: Float64Array;
  centroids: Float64Array;
  /** joining[b] = n_b / (n_b + 1), the factor of a move into b; `cheapest` is the smallest. */
  joining: Float64Array;
  cheapest: number;
  upper: Float64Array;
  lower: Float64Array;
  drift: Float64Array;
  spread: number;
  slack: number;
}

/**
 * Refines `labels` in place (at most `maxPasses` passes); returns the clusters' centroids.
 *
 * Each pass is its own function (`refinePass`), as are the means: as loops in this function, V8
 * in Chromium compiled them on-stack and discarded the code at every loop exit ("exit from OSR'd
 * inner loop", 40 times in one analysis), its compiler competing with the analysis for a core.
 */
export function refineHartigan(
  points: Points,
  labels: Int32Array,
  k: number,
  maxPasses = 20,
  scratch: KMeansScratch = new KMeansScratch(points.count),
): Float64Array {
  const { dims: d, values } = points;
  const sizes = new Float64Array(k);
  const centroids = new Float64Array(k * d);
  clusterMeans(points, labels, sizes, centroids);
  const joining = Float64Array.from(sizes, (size) => size / (size + 1));
  const state: Refinement = {
    points,
    labels,
    k,
    sizes,
    centroids,
    joining,
    cheapest: smallest(joining),
    // Not measured yet: the first pass measures every point.
    upper: scratch.upper.fill(0),
    lower: scratch.lower.fill(-Infinity),
    drift: new Float64Array(k),
    spread: 0,
    slack: SLACK * largestMagnitude(values),
  };
  for (let pass = 0; pass < maxPasses; pass++) if (!refinePass(state)) break;
  return centroids;
}

/** Each cluster's size and the mean of its points (into `sizes` and `centroids`). */
function clusterMeans(
  points: Points,
  labels: Int32Array,
  sizes: Float64Array,
  centroids: Float64Array,
): void {
  const d = points.dims;
  sumByCluster(points, labels, centroids, sizes);
  for (let a = 0; a < sizes.length; a++)
    for (let j = 0; j < d; j++) centroids[a * d + j]! /= Math.max(1, sizes[a]!);
}

/** One pass over the points, moving each that gains; returns whether any moved. */
function refinePass(state: Refinement): boolean {
  const { points, labels, k, sizes, centroids, joining, upper, lower, drift, slack } = state;
  const { count: n, dims: d, values } = points;
  let { cheapest, spread } = state;
  let moved = false;
  for (let i = 0; i < n; i++) {
    const a = labels[i]!;
    const na = sizes[a]!;
    if (na <= 1) continue;
    const leaving = na / (na - 1);
    // A bound that says nothing (near <= 0, as for every point in the first pass) skips nothing:
    // 0 is never above the right-hand side. Written without `near > 0 &&` so the product runs in
    // the first pass too: V8 optimizes this loop while the first pass runs (on-stack), and code
    // that had never run there made it throw that code away at the second pass.
    const near = Math.max(0, lower[i]! - spread - slack);
    const far = upper[i]! + drift[a]! + slack;
    if (cheapest * near * near > leaving * far * far) continue;

    const da = squaredDistance(values, i * d, centroids, a * d, d);
    let bestCost = leaving * da;
    let best = -1;
    let nearestOther = Infinity;
    for (let b = 0; b < k; b++) {
      if (b === a) continue;
      const db = squaredDistance(values, i * d, centroids, b * d, d);
      if (db < nearestOther) nearestOther = db;
      const cost = joining[b]! * db;
      if (cost < bestCost * (1 - MIN_GAIN)) {
        bestCost = cost;
        best = b;
      }
    }
    if (best < 0) {
      upper[i] = Math.sqrt(da) - drift[a]!;
      lower[i] = Math.sqrt(nearestOther) + spread;
      continue;
    }
    const nb = sizes[best]!;
    let shiftA = 0;
    let shiftB = 0;
    for (let j = 0; j < d; j++) {
      const x = values[i * d + j]!;
      const oldA = centroids[a * d + j]!;
      const oldB = centroids[best * d + j]!;
      const newA = (oldA * na - x) / (na - 1);
      const newB = (oldB * nb + x) / (nb + 1);
      centroids[a * d + j] = newA;
      centroids[best * d + j] = newB;
      shiftA += (newA - oldA) * (newA - oldA);
      shiftB += (newB - oldB) * (newB - oldB);
    }
    shiftA = Math.sqrt(shiftA);
    shiftB = Math.sqrt(shiftB);
    drift[a]! += shiftA;
    drift[best]! += shiftB;
    spread += Math.max(shiftA, shiftB);
    sizes[a] = na - 1;
    sizes[best] = nb + 1;
    joining[a] = (na - 1) / na;
    joining[best] = (nb + 1) / (nb + 2);
    cheapest = smallest(joining);
    // Kept in the state at each move rather than once after the loop: the on-stack code of the
    // first pass had never run a line after the loop, and V8 threw it away there.
    state.cheapest = cheapest;
    state.spread = spread;
    labels[i] = best;
    lower[i] = -Infinity;
    moved = true;
  }
  return moved;
}

/**
 * The smallest value, as Math.min(...values) gives it. Not the spread itself: in Chromium, V8's
 * Maglev code for refinePass met the spread's iteration without type feedback (the interpreter
 * iterates in a builtin and never records any) and fell back to the interpreter at every move, the
 * same compiled code 30 times in one analysis.
 */
export function smallest(values: Float64Array): number {
  let least = Infinity;
  for (let i = 0; i < values.length; i++) if (values[i]! < least) least = values[i]!;
  return least;
}

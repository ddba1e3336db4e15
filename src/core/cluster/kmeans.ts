import { createRng, DEFAULT_SEED } from '../random.ts';
import type { Points } from '../types.ts';
import { squaredDistance } from './distance.ts';
import { refineHartigan } from './hartigan.ts';
import { lloyd } from './lloyd.ts';
import { KMeansScratch } from './scratch.ts';

export interface KMeansOptions {
  /** Independent k-means++ starts; the one with the lowest inertia is kept (scikit-learn n_init). */
  restarts?: number;
  /**
   * The first start to make (default 0): with `restarts`, starts firstRestart to
   * firstRestart + restarts - 1 of the fit that makes them all, each from the same seeding as
   * there, so a fit can be made in parts, on two threads, and the parts joined (`bestOfParts`).
   */
  firstRestart?: number;
  seed?: number;
  maxIterations?: number;
}

export interface KMeansFit {
  k: number;
  /** Cluster of each point, 0..k-1, as assigned to the final centroids. */
  labels: Int32Array;
  /** Row-major k x dims. */
  centroids: Float64Array;
  inertia: number;
  /** Lloyd iterations of the kept start. */
  iterations: number;
}

export const DEFAULT_RESTARTS = 10;
const DEFAULT_MAX_ITERATIONS = 300;

/**
 * Greedy k-means++ seeding as scikit-learn does it: each new centre is the best of
 * 2 + floor(ln k) candidates drawn with probability proportional to D(x)^2, "best" meaning the
 * one that lowers the total squared distance most. This beats plain k-means++ noticeably, and we
 * own it (rather than ml-kmeans' Matrix-based one) to run on typed arrays without allocations.
 *
 * Each pass over the points is its own small function. Written as loops inside this one, V8 in
 * Chromium compiled them on-stack one loop at a time and threw the code away as each loop ended
 * ("exit from OSR'd inner loop", 161 times in one analysis): its optimizing compiler then kept the
 * browser's second core busy for about 2 s while the file was read. Small functions called many
 * times are optimized once, like any other.
 */
export function kmeansPlusPlus(
  points: Points,
  k: number,
  rng: () => number,
  trials = seedingTrials(k),
  scratch: KMeansScratch = new KMeansScratch(points.count),
): Float64Array {
  const { count: n, dims: d, values } = points;
  const centers = new Float64Array(k * d);
  const { closest, candidateDist, bestDist, cumulative } = scratch;

  const setCenter = (slot: number, point: number) =>
    centers.set(values.subarray(point * d, point * d + d), slot * d);

  const first = Math.min(n - 1, Math.floor(rng() * n));
  setCenter(0, first);
  // With no centre yet every point is infinitely far: min(Infinity, x) is x, so this is each
  // point's distance to the first centre, written in place.
  closest.fill(Infinity);
  let potential = nearestWith(points, first, closest, closest);

  for (let c = 1; c < k; c++) {
    cumulate(closest, cumulative);
    let bestPotential = Infinity;
    let bestCandidate = 0;
    for (let t = 0; t < trials; t++) {
      const candidate = searchSorted(cumulative, rng() * potential);
      const candidatePotential = nearestWith(points, candidate, closest, candidateDist);
      if (candidatePotential < bestPotential) {
        bestPotential = candidatePotential;
        bestCandidate = candidate;
        bestDist.set(candidateDist);
      }
    }
    setCenter(c, bestCandidate);
    closest.set(bestDist);
    potential = bestPotential;
  }
  return centers;
}

/** Candidates per centre of the greedy seeding: scikit-learn's 2 + floor(ln k). */
const seedingTrials = (k: number) => 2 + Math.floor(Math.log(k));

/**
 * Random numbers one start's seeding draws: one for the first centre, `trials` for each other,
 * whatever the points. So start r of a fit begins after r times as many from its generator.
 */
const drawsPerStart = (k: number) => 1 + (k - 1) * seedingTrials(k);

/** cumulative[i] = values[0] + ... + values[i], summed in order. */
function cumulate(values: Float64Array, cumulative: Float64Array): void {
  let running = 0;
  for (let i = 0; i < values.length; i++) cumulative[i] = running += values[i]!;
}

/**
 * Each point's squared distance to its nearest centre if point `candidate` became one too (into
 * `out`, from `closest`, the distances to the centres so far; `out` may be `closest`); returns
 * their sum, in order.
 */
function nearestWith(
  points: Points,
  candidate: number,
  closest: Float64Array,
  out: Float64Array,
): number {
  const { count: n, dims: d, values } = points;
  if (d === 3) return nearestWith3(values, n, candidate, closest, out);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const dist = Math.min(closest[i]!, squaredDistance(values, i * d, values, candidate * d, d));
    out[i] = dist;
    sum += dist;
  }
  return sum;
}

/**
 * `nearestWith` for 3 features (the default), the same arithmetic in the same order with the
 * candidate's coordinates held in locals: V8 reloaded them for every point, since `out` might be
 * `values` itself.
 */
function nearestWith3(
  values: Float64Array,
  n: number,
  candidate: number,
  closest: Float64Array,
  out: Float64Array,
): number {
  const c0 = values[candidate * 3]!;
  const c1 = values[candidate * 3 + 1]!;
  const c2 = values[candidate * 3 + 2]!;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const e0 = values[i * 3]! - c0;
    const e1 = values[i * 3 + 1]! - c1;
    const e2 = values[i * 3 + 2]! - c2;
    const dist = Math.min(closest[i]!, e0 * e0 + e1 * e1 + e2 * e2);
    out[i] = dist;
    sum += dist;
  }
  return sum;
}

/** First index whose cumulative value is >= target (numpy searchsorted 'left'), clipped to n-1. */
function searchSorted(cumulative: Float64Array, target: number): number {
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cumulative[mid]! < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Assigns each point to its nearest centroid; returns the inertia. */
export function assignToCentroids(
  points: Points,
  centroids: Float64Array,
  k: number,
  labels: Int32Array,
): number {
  const { count: n, dims: d, values } = points;
  let inertia = 0;
  for (let i = 0; i < n; i++) {
    let best = Infinity;
    let bestC = 0;
    for (let c = 0; c < k; c++) {
      const s = squaredDistance(values, i * d, centroids, c * d, d);
      if (s < best) {
        best = s;
        bestC = c;
      }
    }
    labels[i] = bestC;
    inertia += best;
  }
  return inertia;
}

/**
 * Lloyd stops when no centre moves by more than this (squared), scikit-learn's tol = 1e-4 x mean
 * feature variance. The Hartigan pass that follows polishes what a looser stop leaves.
 */
function tolerance(points: Points): number {
  let meanVariance = 0;
  for (let j = 0; j < points.dims; j++)
    meanVariance += sumOfSquares(points, j) / points.count / points.dims;
  return 1e-4 * meanVariance;
}

/**
 * Feature j's sum of squared deviations from its mean. A function of its own, not a loop inside
 * `tolerance`, for the reason kmeansPlusPlus gives (V8 discarded the on-stack code at each loop's
 * end, 15 times in one analysis).
 */
function sumOfSquares(points: Points, j: number): number {
  const { count: n, dims: d, values } = points;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += values[i * d + j]!;
  mean /= n;
  let v = 0;
  for (let i = 0; i < n; i++) v += (values[i * d + j]! - mean) ** 2;
  return v;
}

/**
 * Best of several seeded k-means runs: our k-means++ seeding, Lloyd iterations (lloyd.ts: what
 * ml-kmeans computes, bit for bit, with bounds that skip most distances), our Hartigan
 * refinement, then a final assignment to the centroids so labels and inertia describe the same
 * centres.
 */
export function fitKMeans(points: Points, k: number, options: KMeansOptions = {}): KMeansFit {
  const n = points.count;
  if (k < 1 || k > n) throw new RangeError(`k = ${k} needs at least ${k} points, got ${n}`);
  const restarts = options.restarts ?? DEFAULT_RESTARTS;
  const rng = createRng((options.seed ?? DEFAULT_SEED) * 1000 + k);
  const skipped = (options.firstRestart ?? 0) * drawsPerStart(k);
  for (let i = 0; i < skipped; i++) rng();
  const tol = tolerance(points);
  const labels = new Int32Array(n);
  const scratch = new KMeansScratch(n);
  let best: KMeansFit | null = null;

  for (let r = 0; r < restarts; r++) {
    const init = kmeansPlusPlus(points, k, rng, undefined, scratch);
    const run = lloyd(
      points,
      init,
      k,
      options.maxIterations ?? DEFAULT_MAX_ITERATIONS,
      tol,
      labels,
      scratch,
    );
    const centroids = refineHartigan(points, labels, k, undefined, scratch);
    const inertia = assignToCentroids(points, centroids, k, labels);
    if (!best || inertia < best.inertia) {
      best = { k, labels: labels.slice(), centroids, inertia, iterations: run.iterations };
    }
  }
  return best as KMeansFit;
}

/** Part of a fit: its starts firstRestart.. (KMeansOptions' `firstRestart`), of k. */
export interface FitTask {
  k: number;
  firstRestart: number;
  restarts: number;
}

/** The fit of a part of a fit's starts, for joining with the others' (`bestOfParts`). */
export const fitTask = (points: Points, task: FitTask, options: KMeansOptions): KMeansFit =>
  fitKMeans(points, task.k, {
    ...options,
    firstRestart: task.firstRestart,
    restarts: task.restarts,
  });

/**
 * One fit from fits of consecutive ranges of its starts (`firstRestart`), given in the order of
 * their starts: the best, the earlier on a tie, as one fit making them all in turn keeps.
 */
export function bestOfParts(parts: readonly KMeansFit[]): KMeansFit {
  let best = parts[0];
  if (!best) throw new RangeError('no parts to join');
  for (const part of parts) if (part.inertia < best.inertia) best = part;
  return best;
}

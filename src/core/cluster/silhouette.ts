/**
 * The silhouette, as scikit-learn 1.2's silhouette_samples and silhouette_score (Euclidean): for
 * each point, (b - a) / max(a, b) with a its mean distance to the rest of its cluster and b the
 * smallest mean distance to another non-empty cluster; a singleton scores 0. Exact (every pair),
 * for several labelings in one pass (in two parts, which two threads can share), or on a seeded
 * sample of the points.
 *
 * Like sklearn, it throws unless 2 to n - 1 clusters have points. Distances are computed directly
 * as sqrt(sum (x - y)^2), so results agree with sklearn to rounding, not bitwise.
 */
import {
  checkLabels,
  checkNumberOfClusters,
  clusterSizes,
  countNonEmpty,
} from '../math/centroids.ts';
import { createRng, sampleWithoutReplacement } from '../random.ts';
import type { Points } from '../types.ts';
import { pairRow, pairRow5 } from './pair-rows.ts';

/** One clustering of the points: labels in [0, k). */
export interface Labeling {
  labels: Int32Array;
  k: number;
  /**
   * A label (in [0, k)) that is not a cluster: DBSCAN's noise. Its points get no silhouette (NaN
   * in the samples, left out of the mean) and it is nobody's nearest cluster, so the others score
   * as they would on the points without them (sklearn on X[labels != -1]), in the same pass over
   * the pairs as the labelings of every point.
   */
  outside?: number | undefined;
}

/**
 * Groups the points by their combination of clusters across all labelings and sorts them so each
 * group is one contiguous run: starts[g]..starts[g + 1] in `order`. A k = 2..10 sweep on real data
 * has tens to a few hundred such groups, far fewer than points.
 */
function groupByLabelings(n: number, labelings: readonly Labeling[]) {
  let groupOf = new Int32Array(n);
  let groups = 1;
  for (const { labels, k } of labelings) {
    const ids = new Map<number, number>();
    const refined = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const key = (groupOf[i] as number) * k + (labels[i] as number);
      let id = ids.get(key);
      if (id === undefined) {
        id = ids.size;
        ids.set(key, id);
      }
      refined[i] = id;
    }
    groupOf = refined;
    groups = ids.size;
  }
  const starts = new Int32Array(groups + 1);
  for (let i = 0; i < n; i++) starts[(groupOf[i] as number) + 1]! += 1;
  for (let g = 0; g < groups; g++) starts[g + 1]! += starts[g] as number;
  const next = starts.slice(0, groups);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[next[groupOf[i] as number]!++] = i;
  return { groups, starts, order, groupOf };
}

/**
 * Everything the pass over the pairs needs, built once per question (and again by the thread that
 * adds up the other part): the points grouped by their combination of clusters, in group order.
 *
 * The literal scheme (for each pair, add its distance to a cluster sum of both points in every
 * labeling) costs 2 x labelings scattered additions per pair and measured 450-550 ms for the
 * 9-labeling sweep on 4,334 customers; the additions, not the distances, dominated. So the points
 * are first grouped by their combination of clusters across all labelings (every cluster of every
 * labeling is a union of groups; a real sweep has tens to a few hundred groups) and sorted so each
 * group is a contiguous run. Then each pair p < q costs one distance and two additions: into a
 * running sum of p's distances to q's group, and into pending[q], q's sum for p's group, which is
 * handed on to q's cluster sums once p's group (or the part) is done. Group sums reach the
 * per-labeling cluster sums (sums[position * K + offset + cluster]) with groups x labelings
 * additions per point.
 */
function planPairs(points: Points, labelings: readonly Labeling[]) {
  const { count: n, dims, values } = points;
  const L = labelings.length;
  const offsets = new Int32Array(L);
  let K = 0;
  const sizes = labelings.map(({ labels, k, outside }, l) => {
    checkLabels(points, labels, k);
    const labelSizes = clusterSizes(labels, k);
    const left = outside === undefined ? 0 : (labelSizes[outside] as number);
    checkNumberOfClusters('silhouette', countNonEmpty(labelSizes) - (left > 0 ? 1 : 0), n - left);
    offsets[l] = K;
    K += k;
    return labelSizes;
  });

  const { groups, starts, order, groupOf } = groupByLabelings(n, labelings);
  // columnOf[g * L + l]: the column of group g's cluster of labeling l in a point's sums.
  const columnOf = new Int32Array(groups * L);
  for (let i = 0; i < n; i++) {
    const g = groupOf[i] as number;
    labelings.forEach(({ labels }, l) => {
      columnOf[g * L + l] = (offsets[l] as number) + (labels[i] as number);
    });
  }
  const width = dims <= 5 ? 5 : dims;
  const rows = new Float64Array(n * width);
  for (let p = 0; p < n; p++) {
    const i = order[p] as number;
    rows.set(values.subarray(i * dims, (i + 1) * dims), p * width);
  }
  return { n, L, K, offsets, sizes, groups, starts, order, columnOf, width, rows };
}

type PairPlan = ReturnType<typeof planPairs>;

/**
 * The two parts of the pass: the pairs (p, q > p) of the sorted positions p before the split, and
 * those of the positions after it. A position's pairs are the later points, so the split is where
 * the pairs before it are half of all: about 0.29 n.
 */
export type PairPart = 0 | 1;

/** Where the parts meet: the first sorted position with at least half of the pairs before it. */
export function splitPosition(n: number): number {
  const pairsBefore = (position: number) => position * (n - 1) - (position * (position - 1)) / 2;
  const half = (n * (n - 1)) / 4;
  // The real root is about 0.15 below n (1 - 1/sqrt(2)), so this starts at or before the answer.
  let position = Math.max(0, Math.floor(n * (1 - Math.SQRT1_2)) - 1);
  while (position < n && pairsBefore(position) < half) position++;
  return position;
}

/**
 * One part's sums of distances, per sorted position and cluster column (n x K). Each point's and
 * each group's work is a function of its own: as nested loops in this once-a-sweep function, V8
 * in Chromium compiled them on-stack and discarded the code at every inner loop's end ("exit from
 * OSR'd inner loop", 179 times in one analysis, its compilers on the sweep's 2 cores).
 */
function partSums(plan: PairPlan, part: PairPart): Float64Array {
  const { n, K, groups, starts } = plan;
  const split = splitPosition(n);
  const from = part === 0 ? 0 : split;
  const to = part === 0 ? split : n;
  const sums = new Float64Array(n * K);
  const groupSums = new Float64Array(groups);
  const pending = new Float64Array(n);
  for (let g = 0; g < groups; g++) {
    const first = Math.max(starts[g] as number, from);
    const last = Math.min(starts[g + 1] as number, to);
    if (first >= last) continue;
    for (let p = first; p < last; p++) pointSums(plan, p, g, groupSums, pending, sums);
    groupSumsBelow(plan, g, first, pending, sums);
  }
  return sums;
}

/** Point p's distances to the points after it, added to its row of `sums` per group. */
function pointSums(
  plan: PairPlan,
  p: number,
  g: number,
  groupSums: Float64Array,
  pending: Float64Array,
  sums: Float64Array,
): void {
  const { L, K, groups, starts, columnOf, width, rows } = plan;
  if (width === 5) pairRow5(rows, p, g, starts, groupSums, pending);
  else pairRow(rows, width, p, g, starts, groupSums, pending);
  for (let h = g; h < groups; h++) {
    const sum = groupSums[h] as number;
    for (let l = 0; l < L; l++) sums[p * K + (columnOf[h * L + l] as number)]! += sum;
  }
}

/** What group g's points left pending for the points after `first`, added to their rows. */
function groupSumsBelow(
  plan: PairPlan,
  g: number,
  first: number,
  pending: Float64Array,
  sums: Float64Array,
): void {
  const { n, L, K, columnOf } = plan;
  for (let q = first + 1; q < n; q++) {
    const sum = pending[q] as number;
    pending[q] = 0;
    for (let l = 0; l < L; l++) sums[q * K + (columnOf[g * L + l] as number)]! += sum;
  }
}

/** Per-point silhouettes from the two parts' sums, added in the same order however they came. */
function samplesOf(
  plan: PairPlan,
  labelings: readonly Labeling[],
  first: Float64Array,
  second: Float64Array,
): Float64Array[] {
  const { n, L, K, offsets, sizes, order } = plan;
  const sums = first;
  for (let j = 0; j < sums.length; j++) sums[j]! += second[j] as number;
  const samples = labelings.map(() => new Float64Array(n));
  for (let p = 0; p < n; p++) {
    const i = order[p] as number;
    for (let l = 0; l < L; l++) {
      const { labels, k, outside } = labelings[l] as Labeling;
      const labelSizes = sizes[l] as Float64Array;
      const row = p * K + (offsets[l] as number);
      const own = labels[i] as number;
      if (own === outside) {
        (samples[l] as Float64Array)[i] = NaN;
        continue;
      }
      // A singleton has a = 0 / 0 = NaN, and sklearn's nan_to_num turns its score into 0.
      const a = (sums[row + own] as number) / ((labelSizes[own] as number) - 1);
      let b = Infinity;
      for (let c = 0; c < k; c++) {
        const size = labelSizes[c] as number;
        if (c === own || c === outside || size === 0) continue;
        const meanDistance = (sums[row + c] as number) / size;
        if (meanDistance < b) b = meanDistance;
      }
      const s = (b - a) / Math.max(a, b);
      (samples[l] as Float64Array)[i] = Number.isNaN(s) ? 0 : s;
    }
  }
  return samples;
}

/**
 * One part of the pass over the pairs (`PairPart`), for another thread: its sums of distances,
 * per point (in the pass's own order) and cluster of every labeling.
 */
export function silhouettePartSums(
  points: Points,
  labelings: readonly Labeling[],
  part: PairPart,
): Float64Array {
  return partSums(planPairs(points, labelings), part);
}

/** Per-point silhouettes for several labelings of the same points, in one pass over the pairs. */
function silhouetteSamplesMany(points: Points, labelings: readonly Labeling[]): Float64Array[] {
  if (labelings.length === 0) return [];
  const plan = planPairs(points, labelings);
  return samplesOf(plan, labelings, partSums(plan, 0), partSums(plan, 1));
}

/**
 * silhouetteScoresShared with the pass's second part added up by `other` (another thread:
 * silhouettePartSums) while this thread adds up the first; if `other` fails, this thread does it
 * too. The same numbers as silhouetteScoresShared, to the last bit, whoever adds up what.
 */
export async function silhouetteScoresInTwo(
  points: Points,
  labelings: readonly Labeling[],
  other: (points: Points, labelings: readonly Labeling[]) => Promise<Float64Array>,
): Promise<number[]> {
  if (labelings.length === 0) return [];
  // Asked first, so the other thread works while this one plans and adds up its part.
  let asked: Promise<Float64Array>;
  try {
    asked = other(points, labelings);
  } catch (error) {
    asked = Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
  // Settled before anything can throw here, so a failure is never left unhandled.
  const answered = asked.catch(() => null);
  const plan = planPairs(points, labelings);
  const first = partSums(plan, 0);
  const sums = await answered;
  const second = sums?.length === plan.n * plan.K ? sums : partSums(plan, 1);
  return samplesOf(plan, labelings, first, second).map(mean);
}

/**
 * The mean of the points' silhouettes, those outside every cluster (NaN) left out. Its loop ends
 * the function it is in, so V8's on-stack code of it has nothing after.
 */
function mean(values: Float64Array): number {
  let total = 0;
  let count = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i] as number;
    if (value === value) {
      total += value;
      count++;
    }
  }
  return total / count;
}

/** sklearn's silhouette_samples (Euclidean). Throws unless 2..n-1 clusters are non-empty. */
export function silhouetteSamples(points: Points, labels: Int32Array, k: number): Float64Array {
  return silhouetteSamplesMany(points, [{ labels, k }])[0] as Float64Array;
}

/** sklearn's silhouette_score (Euclidean, no sampling). */
export function silhouetteScore(points: Points, labels: Int32Array, k: number): number {
  return mean(silhouetteSamples(points, labels, k));
}

/**
 * Exact silhouette of several labelings of the same points, sharing one pass over the point pairs
 * (the k = 2..10 sweep costs one distance matrix, not nine). One mean silhouette per labeling,
 * equal to silhouetteScore of that labeling up to the order of the additions (~1e-16 relative).
 */
export function silhouetteScoresShared(points: Points, labelings: readonly Labeling[]): number[] {
  return silhouetteSamplesMany(points, labelings).map(mean);
}

/**
 * Silhouette estimated on `sampleSize` points drawn without replacement with a seeded generator
 * (sklearn's sample_size): distances among the sampled points only, the same sample for every
 * labeling. A cluster the sample misses does not count, as in sklearn; a sample that holds fewer
 * than two clusters of some labeling throws. With sampleSize >= n it is the exact silhouette. The
 * generator is ours (src/core/random.ts), so a seed picks a different sample than numpy's would.
 */
export function silhouetteScoresSampled(
  points: Points,
  labelings: readonly Labeling[],
  sampleSize: number,
  seed: number,
): number[] {
  const n = points.count;
  if (!Number.isInteger(sampleSize) || sampleSize < 1) {
    throw new Error(`sampleSize must be a positive integer, got ${sampleSize}`);
  }
  if (sampleSize >= n) return silhouetteScoresShared(points, labelings);
  for (const { labels, k } of labelings) checkLabels(points, labels, k);

  const sampled = silhouetteSample(points, labelings, sampleSize, seed);
  return silhouetteScoresShared(sampled.points, sampled.labelings);
}

/** What silhouetteScoresSampled scores: its seeded sample, and each labeling's labels on it. */
export function silhouetteSample(
  points: Points,
  labelings: readonly Labeling[],
  sampleSize: number,
  seed: number,
): { points: Points; labelings: Labeling[] } {
  const { picked, sample } = seededSample(points, sampleSize, seed);
  return {
    points: sample,
    labelings: labelings.map(({ labels, k, outside }) => ({
      labels: Int32Array.from(picked, (p) => labels[p] as number),
      k,
      outside,
    })),
  };
}

/**
 * `size` of the points drawn without replacement with a seeded generator, in index order (the
 * sample is a set: its draw order carries nothing): the silhouette's sample. O(n + size d).
 */
export function seededSample(
  points: Points,
  size: number,
  seed: number,
): { picked: Int32Array; sample: Points } {
  const { count: n, dims, values } = points;
  const picked = sampleWithoutReplacement(createRng(seed), n, Math.min(size, n)).sort();
  const sample = new Float64Array(picked.length * dims);
  picked.forEach((p, s) => sample.set(values.subarray(p * dims, (p + 1) * dims), s * dims));
  return { picked, sample: { count: picked.length, dims, values: sample } };
}

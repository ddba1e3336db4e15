import { throwIfAborted } from '../errors.ts';
import type { Reporter } from '../progress.ts';
import type { Points } from '../types.ts';
import { fitKMeans, type KMeansFit, type KMeansOptions } from './kmeans.ts';
import { calinskiHarabasz, daviesBouldin } from './metrics.ts';
import { silhouetteScoresSampled, silhouetteScoresShared } from './silhouette.ts';
import { DEFAULT_SEED } from '../random.ts';

/**
 * Exact silhouette costs one distance per pair of customers. At 20,000 customers that is 2 x 10^8
 * distances for the whole k sweep, about a second here (see README "Speed"); beyond it a seeded
 * sample of 10,000 customers estimates it to about +-0.01 and the result says so.
 */
export const EXACT_SILHOUETTE_MAX = 20_000;
export const SILHOUETTE_SAMPLE_SIZE = 10_000;

export interface SweepOptions extends KMeansOptions {
  kMin?: number;
  kMax?: number;
}

export interface SweepPoint {
  k: number;
  inertia: number;
  silhouette: number;
  calinski_harabasz: number;
  davies_bouldin: number;
  sizes: number[];
  /** Customers the silhouette was computed on: all of them, or a seeded sample. */
  silhouette_sample_size: number;
}

/**
 * Somewhere else to run k-means fits at the same time as this thread: a worker thread in Node, a
 * nested Web Worker in the browser. Each k's fit is seeded from (seed, k) alone, so results are
 * the same whichever thread fits which k.
 */
export interface KMeansPool {
  fitMany(points: Points, ks: readonly number[], options: KMeansOptions): Promise<KMeansFit[]>;
}

/** Two sets of k with about equal work (a fit costs roughly in proportion to k). */
export function splitByCost(ks: readonly number[]): [number[], number[]] {
  const bins: [number[], number[]] = [[], []];
  const load = [0, 0];
  for (const k of [...ks].sort((a, b) => b - a)) {
    const lighter = load[0]! <= load[1]! ? 0 : 1;
    bins[lighter].push(k);
    load[lighter]! += k;
  }
  return [bins[0].sort((a, b) => a - b), bins[1].sort((a, b) => a - b)];
}

export interface Sweep {
  points: SweepPoint[];
  /** The best fit for every k, so choosing another k needs no new clustering. */
  fits: KMeansFit[];
  suggestedK: number;
}

/** Distinct points, up to `limit`: k-means cannot find more clusters than there are. */
/** Customers per cluster (labels 0..k-1), largest first, as the sweep reports them. O(n + k log k). */
export function sizesLargestFirst(labels: ArrayLike<number>, k: number): number[] {
  const sizes = new Array<number>(k).fill(0);
  for (let i = 0; i < labels.length; i++) sizes[labels[i]!]!++;
  return sizes.sort((a, b) => b - a);
}

export function countDistinctPoints(points: Points, limit: number): number {
  const seen = new Set<string>();
  for (let i = 0; i < points.count && seen.size < limit; i++)
    seen.add(points.values.subarray(i * points.dims, (i + 1) * points.dims).join(','));
  return seen.size;
}

/** The k values a sweep can use for this many customers: silhouette needs 2 <= k <= n - 1. */
export function feasibleKs(points: Points, kMin: number, kMax: number): number[] {
  const distinct = countDistinctPoints(points, kMax + 1);
  const top = Math.min(kMax, points.count - 1, distinct);
  const ks: number[] = [];
  for (let k = Math.max(2, kMin); k <= top; k++) ks.push(k);
  return ks;
}

/**
 * The elbow of the inertia curve ("kneedle"): with k and inertia both scaled to [0, 1], the k
 * whose point lies farthest below the straight line from the first to the last point.
 */
export function elbowK(points: readonly Pick<SweepPoint, 'k' | 'inertia'>[]): number {
  if (points.length <= 2) return points[0]?.k ?? 2;
  const first = points[0]!;
  const last = points[points.length - 1]!;
  const spanK = last.k - first.k;
  const spanI = first.inertia - last.inertia || 1;
  let best = first.k;
  let bestGap = -Infinity;
  for (const p of points) {
    const x = (p.k - first.k) / spanK;
    const y = (p.inertia - last.inertia) / spanI; // 1 at the first point, 0 at the last
    const gap = 1 - x - y; // distance below the chord y = 1 - x, up to a constant factor
    if (gap > bestGap + 1e-12) {
      bestGap = gap;
      best = p.k;
    }
  }
  return best;
}

export async function sweepK(
  points: Points,
  options: SweepOptions,
  report: Reporter,
  signal?: AbortSignal,
  pool?: KMeansPool,
): Promise<Sweep> {
  const ks = feasibleKs(points, options.kMin ?? 2, options.kMax ?? 10);
  const [elsewhere, here] = pool && ks.length > 1 ? splitByCost(ks) : [[], ks];
  // Started first so the other thread works while this one fits its share.
  const remote =
    elsewhere.length > 0 && pool ? pool.fitMany(points, elsewhere, options) : Promise.resolve([]);
  const fits: KMeansFit[] = [];
  here.forEach((k, i) => {
    throwIfAborted(signal);
    report('sweep', i / (here.length + 1), points.count);
    fits.push(fitKMeans(points, k, options));
  });
  fits.push(...(await remote));
  fits.sort((a, b) => a.k - b.k);
  throwIfAborted(signal);
  const labelings = fits.map((f) => ({ labels: f.labels, k: f.k }));
  const exact = points.count <= EXACT_SILHOUETTE_MAX;
  const silhouettes = exact
    ? silhouetteScoresShared(points, labelings)
    : silhouetteScoresSampled(
        points,
        labelings,
        SILHOUETTE_SAMPLE_SIZE,
        options.seed ?? DEFAULT_SEED,
      );
  report('sweep', 1, points.count, true);

  const sweepPoints = fits.map((fit, i): SweepPoint => {
    return {
      k: fit.k,
      inertia: fit.inertia,
      silhouette: silhouettes[i]!,
      calinski_harabasz: calinskiHarabasz(points, fit.labels, fit.k),
      davies_bouldin: daviesBouldin(points, fit.labels, fit.k),
      sizes: sizesLargestFirst(fit.labels, fit.k),
      silhouette_sample_size: exact ? points.count : SILHOUETTE_SAMPLE_SIZE,
    };
  });
  return { points: sweepPoints, fits, suggestedK: elbowK(sweepPoints) };
}

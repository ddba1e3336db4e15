/**
 * k-means side by side with four other ways of grouping the same scaled customers: a Gaussian
 * mixture (gmm.ts), density-based clustering (dbscan.ts), Ward's agglomerative clustering
 * (ward.ts) and, when the caller fitted it (it is the slow one), HDBSCAN (hdbscan-model.ts). For each model: the number of groups, their sizes, silhouette, Calinski-Harabasz,
 * Davies-Bouldin and the share of customers left as noise, plus a crosstab of the k-means segments
 * against the model's groups (row shares: where each segment's customers went).
 *
 * Metrics are computed on the customers the model put in a group: DBSCAN's noise is not a cluster,
 * and counting it as one would reward or punish the model for it arbitrarily (the usual practice;
 * sklearn has no convention). A model with fewer than two groups has no metrics (null).
 * Silhouettes are exact up to EXACT_SILHOUETTE_MAX customers and sampled above, like the sweep's.
 *
 * Costs: GMM O(iterations n k d^2); DBSCAN about O(n x neighbours) plus the k-distance curve on a
 * 2,000-customer sample, O(2,000 n d); Ward O(m^2) on a sample of at most m = 3,000 customers;
 * silhouettes O(min(n, 10,000)^2 d) each.
 */
import { calinskiHarabasz, daviesBouldin } from '../cluster/metrics.ts';
import { type Labeling, silhouetteScoresSampled } from '../cluster/silhouette.ts';
import {
  EXACT_SILHOUETTE_MAX,
  SILHOUETTE_SAMPLE_SIZE,
  sizesLargestFirst,
} from '../cluster/sweep.ts';
import { throwIfAborted } from '../errors.ts';
import type { Points } from '../types.ts';
import { dbscan, kDistances, NOISE } from './dbscan.ts';
import { BORDERLINE_PROBABILITY, fitGmm } from './gmm.ts';
import { unflagged } from './outliers.ts';
import { type Crosstab, crosstab } from './rfm-scores.ts';
import { type Dendrogram, dendrogramSegments } from './dendrogram.ts';
import { fitWard } from './ward.ts';
import type { HdbscanFit } from './hdbscan-model.ts';
import { DEFAULT_SEED } from '../random.ts';

export type ModelName = 'kmeans' | 'gmm' | 'dbscan' | 'ward' | 'hdbscan';
export const MODEL_NAMES: readonly ModelName[] = ['kmeans', 'gmm', 'dbscan', 'ward', 'hdbscan'];

export const MODEL_LABELS: Record<ModelName, string> = {
  kmeans: 'k-means',
  gmm: 'Gaussian mixture',
  dbscan: 'Density (DBSCAN)',
  ward: 'Agglomerative (Ward)',
  hdbscan: 'Density tree (HDBSCAN)',
};

/** A model's grouping of every customer: groups 0..groups-1, and NOISE (-1) for no group. */
export interface ModelLabels {
  model: ModelName;
  labels: Int32Array;
  groups: number;
}

export interface ModelMetrics {
  groups: number;
  /** Customers per group, largest first. */
  sizes: number[];
  noiseCount: number;
  noiseShare: number;
  /** Null when fewer than two groups hold customers. */
  silhouette: number | null;
  calinskiHarabasz: number | null;
  daviesBouldin: number | null;
  /** Customers the silhouette was computed on (a sample above EXACT_SILHOUETTE_MAX). */
  silhouetteSampleSize: number;
}

export interface ModelComparisonRow extends ModelMetrics {
  model: ModelName;
  /** k-means segments (rows) against this model's groups (columns; noise last when present). */
  crosstab: Crosstab;
}

export interface DbscanSettings {
  eps: number;
  minSamples: number;
  /** Whether eps was read off the k-distance curve (true) or given. */
  suggested: boolean;
  /** The sorted k-distance curve (k = minSamples - 1) on a sample, for choosing eps. */
  kDistances: Float64Array;
}

export interface ModelComparison {
  k: number;
  rows: ModelComparisonRow[];
  /** Every model's labels, for using one of them instead of k-means (HDBSCAN's when fitted). */
  labels: Partial<Record<ModelName, ModelLabels>> &
    Record<'kmeans' | 'gmm' | 'dbscan' | 'ward', ModelLabels>;
  gmm: { borderlineCount: number; borderlineShare: number; threshold: number };
  dbscan: DbscanSettings;
  ward: { sampled: boolean; sampleSize: number; dendrogram: Dendrogram };
  /** HDBSCAN's settings, groups and condensed tree; null when it was not fitted (cancelled). */
  hdbscan: Omit<HdbscanFit, 'labels' | 'strengths' | 'outlierScores'> | null;
}

export interface CompareOptions {
  seed?: number;
  /** DBSCAN's eps; by default the knee of the k-distance curve. */
  eps?: number | undefined;
  /** DBSCAN's min_samples; by default 2 x the number of features (at least 4). */
  minSamples?: number | undefined;
  signal?: AbortSignal | undefined;
  /** HDBSCAN fitted on the same points (validation/hdbscan-model.ts); its row is left out without. */
  hdbscan?: HdbscanFit | undefined;
}

/**
 * The knee of an ascending curve: the point farthest below the straight line from its first to
 * its last value, both axes scaled to [0, 1] (the "kneedle" construction). A curve with no point
 * below that line (concave or straight: no bend) gives its 90th percentile, so that 9 customers
 * in 10 are core points rather than almost none. O(m).
 */
export function kneeValue(sorted: ArrayLike<number>): number {
  const m = sorted.length;
  if (m === 0) throw new RangeError('empty curve');
  const first = sorted[0]!;
  const last = sorted[m - 1]!;
  if (m < 3 || last === first) return last;
  let best = 0;
  let bestGap = 0;
  for (let i = 0; i < m; i++) {
    const x = i / (m - 1);
    const y = (sorted[i]! - first) / (last - first);
    if (x - y > bestGap) {
      bestGap = x - y;
      best = i;
    }
  }
  return bestGap > 0 ? sorted[best]! : sorted[Math.round(0.9 * (m - 1))]!;
}

/**
 * eps at the knee of the k-distance curve; where that is 0 (many identical customers), the
 * smallest positive distance, and 1 when every distance is 0 (all customers alike).
 */
function suggestedEps(curve: Float64Array): number {
  const knee = kneeValue(curve);
  if (knee > 0) return knee;
  return curve.find((x) => x > 0) ?? 1;
}

/** Groups numbered 0..g-1 in order of first appearance, noise kept as NOISE. O(n). */
export function compactLabels(labels: Int32Array): { labels: Int32Array; groups: number } {
  const map = new Map<number, number>();
  const out = new Int32Array(labels.length);
  labels.forEach((label, i) => {
    if (label === NOISE) {
      out[i] = NOISE;
      return;
    }
    let g = map.get(label);
    if (g === undefined) map.set(label, (g = map.size));
    out[i] = g;
  });
  return { labels: out, groups: map.size };
}

/** A grouping ready for its metrics: groups numbered 0..g-1, its noise left out. */
interface Prepared {
  base: Pick<ModelMetrics, 'groups' | 'sizes' | 'noiseCount' | 'noiseShare'>;
  /** The customers in a group, and their groups; null when there is no silhouette to compute. */
  inGroup: Points | null;
  grouped: Int32Array;
  /** Every customer's group, noise as group `base.groups` (one past the last). */
  everyone: Int32Array;
}

function prepare(points: Points, labels: Int32Array): Prepared {
  const n = points.count;
  const compact = compactLabels(labels);
  const noise = Uint8Array.from(compact.labels, (g) => (g === NOISE ? 1 : 0));
  const noiseCount = noise.reduce((s, x) => s + x, 0);
  const inGroup = noiseCount > 0 ? unflagged(points, noise) : points;
  const grouped = noiseCount > 0 ? compact.labels.filter((g) => g !== NOISE) : compact.labels;
  const base = {
    groups: compact.groups,
    sizes: sizesLargestFirst(grouped, compact.groups),
    noiseCount,
    noiseShare: n > 0 ? noiseCount / n : 0,
  };
  const measurable = compact.groups >= 2 && inGroup.count > compact.groups;
  const everyone = compact.labels.map((g) => (g === NOISE ? compact.groups : g));
  return { base, inGroup: measurable ? inGroup : null, grouped, everyone };
}

const silhouetteSampleSize = (count: number) =>
  count <= EXACT_SILHOUETTE_MAX ? count : SILHOUETTE_SAMPLE_SIZE;

/** The silhouettes of groupings of the same customers; null for one that has none. */
function silhouettes(
  points: Points,
  labelings: readonly Labeling[],
  seed: number,
): (number | null)[] {
  const size = silhouetteSampleSize(points.count);
  try {
    return silhouetteScoresSampled(points, labelings, size, seed);
  } catch {
    // A sample that holds a single group of one labeling (a tiny group missed by the sample) has
    // no silhouette for that labeling; the others still do.
    if (labelings.length === 1) return [null];
    return labelings.map((labeling) => silhouettes(points, [labeling], seed)[0]!);
  }
}

function finish(prepared: Prepared, silhouette: number | null): ModelMetrics {
  const { base, inGroup, grouped } = prepared;
  if (!inGroup)
    return {
      ...base,
      silhouette: null,
      calinskiHarabasz: null,
      daviesBouldin: null,
      silhouetteSampleSize: 0,
    };
  return {
    ...base,
    silhouette,
    calinskiHarabasz: calinskiHarabasz(inGroup, grouped, base.groups),
    daviesBouldin: daviesBouldin(inGroup, grouped, base.groups),
    silhouetteSampleSize: silhouette === null ? 0 : silhouetteSampleSize(inGroup.count),
  };
}

/** Metrics of one grouping, on the customers in a group (see the header). */
export function modelMetrics(
  points: Points,
  labels: Int32Array,
  seed = DEFAULT_SEED,
): ModelMetrics {
  return modelsMetrics(points, [labels], seed)[0]!;
}

/**
 * Metrics of several groupings of the same customers, each as modelMetrics gives it. Their
 * silhouettes share one pass over the pairs (silhouetteScoresShared): with 15,000 customers each
 * exact silhouette is over a second, and the pairs' distances, not the sums, are its cost. A
 * grouping with noise (DBSCAN, HDBSCAN) joins the pass with its noise as a label outside every
 * cluster (`Labeling.outside`), which scores its customers as a pass over them alone would; it
 * measured 0.6 s of the comparison's 3.4 s on 15,812 customers as a pass of its own. Sampled
 * silhouettes (above EXACT_SILHOUETTE_MAX customers) draw their sample from the customers in a
 * group, so there a grouping with noise keeps its own pass. The shared pass adds each customer's
 * distances in another order, so a silhouette may differ from modelMetrics' in the last bit
 * (about 1e-16).
 */
export function modelsMetrics(
  points: Points,
  groupings: readonly Int32Array[],
  seed = DEFAULT_SEED,
): ModelMetrics[] {
  const prepared = groupings.map((labels) => prepare(points, labels));
  const exact = points.count <= EXACT_SILHOUETTE_MAX;
  // Groupings scored on the same customers share a pass: `points` itself for every grouping
  // without noise, and for those with noise when the silhouettes are exact.
  const byCustomers = new Map<Points, Labeling[]>();
  const ats = new Map<Labeling, number>();
  prepared.forEach(({ inGroup, grouped, everyone, base }, at) => {
    if (!inGroup) return;
    const noise = inGroup !== points;
    const labeling: Labeling =
      noise && exact
        ? { labels: everyone, k: base.groups + 1, outside: base.groups }
        : { labels: grouped, k: base.groups };
    const customers = exact ? points : inGroup;
    byCustomers.set(customers, [...(byCustomers.get(customers) ?? []), labeling]);
    ats.set(labeling, at);
  });
  const silhouette: (number | null)[] = prepared.map(() => null);
  for (const [customers, labelings] of byCustomers)
    silhouettes(customers, labelings, seed).forEach(
      (score, i) => (silhouette[ats.get(labelings[i]!)!] = score),
    );
  return prepared.map((p, at) => finish(p, silhouette[at]!));
}

/** k-means segments against a model's groups, noise as an extra last column. */
function segmentsAgainst(kmeans: Int32Array, k: number, model: ModelLabels): Crosstab {
  const hasNoise = model.labels.includes(NOISE);
  const columns = model.groups + (hasNoise ? 1 : 0);
  const columnOf = Int32Array.from(model.labels, (g) => (g === NOISE ? model.groups : g));
  return crosstab(kmeans, k, columnOf, columns);
}

/** Default DBSCAN min_samples: twice the features (Sander et al.), at least 4, below n. */
export function defaultMinSamples(points: Points): number {
  return Math.max(2, Math.min(points.count - 1, Math.max(4, 2 * points.dims)));
}

/**
 * Fits the other models with the same k (DBSCAN finds its own number of groups) and compares them
 * with the k-means segmentation `kmeansLabels` (0..k-1) of the same points.
 */
export function compareModels(
  points: Points,
  kmeansLabels: Int32Array,
  k: number,
  options: CompareOptions = {},
): ModelComparison {
  const seed = options.seed ?? DEFAULT_SEED;
  const { signal } = options;
  const n = points.count;
  if (n < 3 || k < 2) throw new RangeError(`comparing models needs k >= 2 and 3 customers`);

  throwIfAborted(signal);
  const gmm = fitGmm(points, k, { seed, restarts: 3, ...(signal && { signal }) });
  throwIfAborted(signal);

  const minSamples = options.minSamples ?? defaultMinSamples(points);
  if (!Number.isInteger(minSamples) || minSamples < 2)
    throw new RangeError(`min_samples must be a whole number of at least 2, got ${minSamples}`);
  if (options.eps !== undefined && !(options.eps > 0))
    throw new RangeError(`eps must be above 0, got ${options.eps}`);
  // With min_samples above the customer count nobody is a core point; the curve stops at n - 1.
  const curve = kDistances(points, Math.min(minSamples, n) - 1, 2000, seed);
  const eps = options.eps ?? suggestedEps(curve);
  const density = dbscan(points, eps, minSamples);
  throwIfAborted(signal);

  const ward = fitWard(points, k, { seed, ...(signal && { signal }) });
  throwIfAborted(signal);

  const labels: ModelComparison['labels'] = {
    kmeans: { model: 'kmeans', labels: kmeansLabels, groups: k },
    gmm: { model: 'gmm', ...compactLabels(gmm.labels) },
    dbscan: { model: 'dbscan', labels: density.labels, groups: density.clusters },
    ward: { model: 'ward', ...compactLabels(ward.labels) },
  };
  throwIfAborted(signal);
  const fittedModels = (['kmeans', 'gmm', 'dbscan', 'ward'] as const).map((m) => labels[m]);
  const metrics = modelsMetrics(
    points,
    fittedModels.map((model) => model.labels),
    seed,
  );
  const rows = fittedModels.map((model, at): ModelComparisonRow => ({
    model: model.model,
    ...metrics[at]!,
    crosstab: segmentsAgainst(kmeansLabels, k, model),
  }));
  const comparison: ModelComparison = {
    k,
    rows,
    labels,
    gmm: {
      borderlineCount: gmm.borderlineCount,
      borderlineShare: gmm.borderlineCount / n,
      threshold: BORDERLINE_PROBABILITY,
    },
    dbscan: { eps, minSamples, suggested: options.eps === undefined, kDistances: curve },
    ward: {
      sampled: ward.sampled,
      sampleSize: ward.sampleIndices.length,
      dendrogram: dendrogramSegments(ward.linkage),
    },
    hdbscan: null,
  };
  return options.hdbscan ? withHdbscan(comparison, points, options.hdbscan, seed) : comparison;
}

/**
 * `comparison` (of the same points, without HDBSCAN) with HDBSCAN's row added: its metrics on its
 * own, so the other rows are the same with or without it and are not fitted again. An HDBSCAN
 * fit arrives seconds after the first comparison is shown (it is fitted in its own worker), and
 * comparing again from scratch took 2.5 s of the worker on 15,812 customers, the stability
 * resamples' progress waiting behind it; this takes one silhouette pass (0.6 s there).
 */
export function withHdbscan(
  comparison: ModelComparison,
  points: Points,
  fitted: HdbscanFit,
  seed = DEFAULT_SEED,
): ModelComparison {
  const n = points.count;
  if (fitted.labels.length !== n)
    throw new RangeError(`HDBSCAN labels for ${fitted.labels.length} customers, not ${n}`);
  const { k } = comparison;
  const hdbscan: ModelLabels = {
    model: 'hdbscan',
    labels: fitted.labels,
    groups: fitted.clusters,
  };
  const row: ModelComparisonRow = {
    model: 'hdbscan',
    ...modelMetrics(points, fitted.labels, seed),
    crosstab: segmentsAgainst(comparison.labels.kmeans.labels, k, hdbscan),
  };
  return {
    ...comparison,
    rows: [...comparison.rows.filter((r) => r.model !== 'hdbscan'), row],
    labels: { ...comparison.labels, hdbscan },
    hdbscan: {
      minClusterSize: fitted.minClusterSize,
      minSamples: fitted.minSamples,
      clusters: fitted.clusters,
      noise: fitted.noise,
      tree: fitted.tree,
    },
  };
}

/**
 * The clustering stages: scale the chosen features, sweep k, and turn the chosen k (or another
 * model's groups) into profiled segments. pipeline.ts composes these with the reading stages.
 */
import { assignToCentroids, DEFAULT_RESTARTS, type KMeansFit } from './cluster/kmeans.ts';
import { clusterCentroids, inertia } from './math/centroids.ts';
import { DEFAULT_SEED } from './random.ts';
import { profileSegments } from './cluster/segments.ts';
import {
  countDistinctPoints,
  type KMeansPool,
  sizesLargestFirst,
  sweepK,
  type Sweep,
} from './cluster/sweep.ts';
import type { CustomerTable } from './features/customers.ts';
import { fitScaler, scaleCustomers, type Scaler } from './features/scale.ts';
import type { Reporter } from './progress.ts';
import { nameOr } from './segment-names.ts';
import { NOISE } from './validation/dbscan.ts';
import type { ModelLabels } from './validation/models.ts';
import { flagOutliers, type OutlierReport, unflagged, winsorize } from './validation/outliers.ts';
import {
  FEATURE_SETS,
  type ClusterFeature,
  type FeatureSetName,
  type Points,
  type Scaling,
  type Transform,
} from './types.ts';

/**
 * What to do with customers outside the IQR fences of a scaled feature before fitting: nothing,
 * cap their values at the fences, or fit without them and then put each in the segment of its
 * nearest centre (validation/outliers.ts).
 */
export type OutlierHandling = 'keep' | 'cap' | 'exclude';
export const OUTLIER_HANDLINGS: readonly OutlierHandling[] = ['keep', 'cap', 'exclude'];

export interface ClusterOptions {
  features: FeatureSetName;
  transform: Transform;
  scaling: Scaling;
  /** Absent in analyses saved before outliers could be handled: 'keep'. */
  outliers?: OutlierHandling | undefined;
  kMin: number;
  kMax: number;
  restarts: number;
  seed: number;
}

export const DEFAULT_CLUSTER_OPTIONS: ClusterOptions = {
  features: 'rfm',
  transform: 'log1p',
  scaling: 'standard',
  outliers: 'keep',
  kMin: 2,
  kMax: 10,
  restarts: DEFAULT_RESTARTS,
  seed: DEFAULT_SEED,
};

export interface Clustering {
  options: ClusterOptions;
  scaler: Scaler;
  /**
   * Every customer's scaled features as the segments were assigned: capped at the fences when
   * outliers are capped.
   */
  points: Points;
  sweep: Sweep;
  /** Customers outside the IQR fences of the scaled features, whatever is done with them. */
  outliers: OutlierReport;
}

/** Scales the chosen features and sweeps k (sharing the fits with `pool` where given). */
export async function cluster(
  table: CustomerTable,
  options: ClusterOptions,
  report: Reporter,
  signal?: AbortSignal,
  pool?: KMeansPool,
): Promise<Clustering> {
  const features: readonly ClusterFeature[] = FEATURE_SETS[options.features];
  const scaler = fitScaler(table, {
    features,
    transform: options.transform,
    scaling: options.scaling,
  });
  const scaled = scaleCustomers(table, scaler);
  const outliers = flagOutliers(scaled);
  const handling = outliers.count === 0 ? 'keep' : (options.outliers ?? 'keep');
  if (handling === 'exclude' && scaled.count - outliers.count >= 3) {
    // Centres are fitted on the other customers, then everyone is assigned to the nearest. Sizes
    // and inertia are then everyone's; silhouette, CH and DB stay those of the fitted customers
    // (their sample size says how many), which is what the centres were chosen on.
    const sweep = await sweepK(unflagged(scaled, outliers.mask), options, report, signal, pool);
    const fits = sweep.fits.map((fit) => {
      const labels = new Int32Array(scaled.count);
      const inertia = assignToCentroids(scaled, fit.centroids, fit.k, labels);
      return { ...fit, labels, inertia };
    });
    const points = sweep.points.map((point, i) => {
      const fit = fits[i]!;
      return { ...point, inertia: fit.inertia, sizes: sizesLargestFirst(fit.labels, fit.k) };
    });
    return { options, scaler, points: scaled, sweep: { ...sweep, fits, points }, outliers };
  }
  const points =
    handling === 'cap'
      ? winsorize(
          scaled,
          outliers.features.map((f) => f.fences),
        )
      : scaled;
  const sweep = await sweepK(points, options, report, signal, pool);
  return { options, scaler, points, sweep, outliers };
}

/** Why the sweep found no k at all; the analysis then puts every customer in one segment. */
export function noSegmentsMessage({ points, scaler, options }: Clustering): string {
  const n = points.count;
  if (n < 3)
    return `Only ${n} customer${n === 1 ? '' : 's'}: at least 3 are needed to split customers into segments, so all are in one.`;
  if (countDistinctPoints(points, 2) < 2)
    return `All ${n} customers have the same ${scaler.features.join(', ')}: there is nothing to tell them apart, so all are in one segment.`;
  return `Only ${countDistinctPoints(points, n)} different customers among ${n}: too few for ${options.kMin} to ${options.kMax} segments, so all are in one.`;
}

/** The name of the one segment of everyone: percentile-rank archetypes say nothing about it. */
export const ALL_CUSTOMERS = 'All customers';

/** The name of DBSCAN's noise when its groups are used as segments. */
export const NO_CLEAR_SEGMENT = 'No clear segment';

/**
 * The chosen k's segmentation, reusing the sweep's fit (or one segment when k < 2); or, when
 * `model` is given, another model's groups (validation/models.ts) profiled the same way, with
 * DBSCAN's noise as one more segment.
 */
export function segmentsFor(
  table: CustomerTable,
  clustering: Clustering,
  k: number,
  names: Readonly<Record<number, string>> = {},
  model?: ModelLabels,
) {
  const fit =
    model && model.model !== 'kmeans'
      ? fitFromLabels(clustering.points, model)
      : (clustering.sweep.fits.find((f) => f.k === k) ?? singleSegment(clustering.points));
  const noiseGroup = model?.labels.includes(NOISE) ? model.groups : undefined;
  const segmentation = profileSegments(table, fit, clustering.scaler, names, noiseGroup);
  const only = segmentation.segments.length === 1 ? segmentation.segments[0] : undefined;
  if (only) {
    only.suggestedName = ALL_CUSTOMERS;
    only.name = nameOr(names, 0, ALL_CUSTOMERS);
    only.action = 'Too few different customers to segment: look at the customer list instead.';
  }
  const noiseAt = model ? model.labels.indexOf(NOISE) : -1;
  const noise = noiseAt >= 0 ? segmentation.segments[segmentation.labels[noiseAt]!] : undefined;
  if (noise) {
    noise.suggestedName = NO_CLEAR_SEGMENT;
    noise.name = nameOr(names, noise.cluster, NO_CLEAR_SEGMENT);
    noise.action = 'These customers fit no dense group: look at them one by one.';
  }
  return segmentation;
}

/** A fit-shaped grouping from another model's labels: noise is group `groups`, centres are means. */
function fitFromLabels(points: Points, model: ModelLabels): KMeansFit {
  const hasNoise = model.labels.includes(NOISE);
  const k = model.groups + (hasNoise ? 1 : 0);
  const labels = Int32Array.from(model.labels, (g) => (g === NOISE ? model.groups : g));
  const centroids = clusterCentroids(points, labels, k);
  return { k, labels, centroids, inertia: inertia(points, labels, k, centroids), iterations: 0 };
}

function singleSegment(points: Points): KMeansFit {
  const labels = new Int32Array(points.count);
  const centroids = clusterCentroids(points, labels, 1);
  return { k: 1, labels, centroids, inertia: inertia(points, labels, 1, centroids), iterations: 0 };
}

/**
 * Test-only: the 'exclude' outlier handling done the long way (fit the other customers, then put
 * every customer at the nearest centre), for checking pipeline.cluster's result against.
 */
import {
  assignToCentroids,
  fitKMeans,
  type KMeansFit,
  type KMeansOptions,
} from '../cluster/kmeans.ts';
import type { Points } from '../types.ts';
import { unflagged } from '../validation/outliers.ts';

export interface FitWithoutOutliers {
  /** The k-means fit on the customers not flagged (labels are theirs only, in order). */
  fit: KMeansFit;
  /** Segment of every customer: inliers as fitted, outliers by their nearest centroid. */
  labels: Int32Array;
  /** Sum of squared distances of every customer (outliers too) to their centroid. */
  inertia: number;
  inliers: number;
  outliers: number;
}

/**
 * Fits k-means on the customers whose mask is 0, then assigns every customer to the nearest of
 * those centroids (fitKMeans' labels are already nearest-centroid, so inliers keep theirs).
 * O(n d) besides the fit on the inliers.
 */
export function fitWithoutOutliers(
  points: Points,
  mask: Uint8Array,
  k: number,
  options: KMeansOptions = {},
): FitWithoutOutliers {
  const n = points.count;
  if (mask.length !== n) throw new Error(`${mask.length} flags for ${n} points`);
  const kept = unflagged(points, mask);
  const inliers = kept.count;
  if (inliers < k)
    throw new RangeError(`only ${inliers} customers are not outliers: too few for ${k} segments`);
  const fit = fitKMeans(kept, k, options);
  const labels = new Int32Array(n);
  const inertia = assignToCentroids(points, fit.centroids, k, labels);
  return { fit, labels, inertia, inliers, outliers: n - inliers };
}

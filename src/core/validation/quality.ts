/**
 * "Can I trust these segments?" for one segmentation, as plain data for the app and the CLI: the
 * per-customer silhouette (plot bars and the negative share per segment), the classifier audit,
 * PCA of the clustered features, the IQR outliers and the classic RFM quintile scores with the
 * R x F grid. Bootstrap stability (stability.ts) and the other models (models.ts) take longer and
 * are computed on their own.
 *
 * Silhouettes are exact up to EXACT_SILHOUETTE_MAX customers (O(n^2 d)) and computed on a seeded
 * sample of SILHOUETTE_SAMPLE_SIZE customers above that, as the sweep's.
 */
import { seededSample, silhouetteSamples } from '../cluster/silhouette.ts';
import { EXACT_SILHOUETTE_MAX, SILHOUETTE_SAMPLE_SIZE } from '../cluster/sweep.ts';
import { throwIfAborted } from '../errors.ts';
import type { CustomerTable } from '../features/customers.ts';
import { type Scaler, unscalePoint } from '../features/scale.ts';
import type { ClusterFeature, Points } from '../types.ts';
import { type AuditResult, auditSegments } from './audit.ts';
import type { OutlierReport } from './outliers.ts';
import { pca } from './pca.ts';
import {
  type Crosstab,
  RF_GRID_SEGMENTS,
  type RfGrid,
  type RfmQuintiles,
  gridSegments,
  rfGrid,
  rfmQuintiles,
  segmentGridCrosstab,
} from './rfm-scores.ts';
import { type SilhouetteSummary, summarizeSilhouettes } from './silhouette-summary.ts';
import { DEFAULT_SEED } from '../random.ts';

export interface QualityReport {
  k: number;
  silhouette: SilhouetteSummary & { sampleSize: number; sampled: boolean };
  /** Null with a single segment: there is nothing to predict. */
  audit: AuditResult | null;
  pca: {
    features: ClusterFeature[];
    explainedVarianceRatio: number[];
    /** Row c: component c's loading on each feature. */
    components: number[][];
  } | null;
  outliers: {
    features: {
      feature: ClusterFeature;
      /** The fences in the feature's own units (days, orders, money). */
      lower: number;
      upper: number;
      below: number;
      above: number;
    }[];
    count: number;
    share: number;
  };
  rfm: {
    grid: RfGrid;
    /** Segments (rows) against the grid segments of RF_GRID_SEGMENTS (columns). */
    crosstab: Crosstab;
    gridSegmentSizes: number[];
  };
}

/** Per-customer values for the customer table and the scatter; typed arrays to transfer. */
export interface QualityColumns {
  scores: RfmQuintiles;
  /** Index into RF_GRID_SEGMENTS of each customer. */
  gridSegment: Uint8Array;
  /** 1 for a customer outside the fences of some clustered feature. */
  outlier: Uint8Array;
  /** First three principal components of each customer (n x 3 row-major), or null. */
  pcaPoints: Float64Array | null;
  pcaDims: number;
}

/** Silhouette of every customer, or of a seeded sample of them above EXACT_SILHOUETTE_MAX. */
function silhouettes(points: Points, labels: Int32Array, k: number, seed: number) {
  if (points.count <= EXACT_SILHOUETTE_MAX)
    return { samples: silhouetteSamples(points, labels, k), labels, sampled: false };
  const { picked, sample } = seededSample(points, SILHOUETTE_SAMPLE_SIZE, seed);
  const sampleLabels = Int32Array.from(picked, (p) => labels[p]!);
  return {
    samples: silhouetteSamples(sample, sampleLabels, k),
    labels: sampleLabels,
    sampled: true,
  };
}

export function qualityReport(
  table: CustomerTable,
  points: Points,
  scaler: Scaler,
  labels: Int32Array,
  k: number,
  outliers: OutlierReport,
  options: { seed?: number; signal?: AbortSignal | undefined } = {},
): { report: QualityReport; columns: QualityColumns } {
  const seed = options.seed ?? DEFAULT_SEED;
  const { features } = scaler;
  const { Recency, Frequency, Monetary } = table.features;
  const scores = rfmQuintiles(Recency, Frequency, Monetary);
  const gridSegment = gridSegments(scores);
  const gridSegmentSizes = new Array<number>(RF_GRID_SEGMENTS.length).fill(0);
  for (const g of gridSegment) gridSegmentSizes[g]!++;

  let silhouette: QualityReport['silhouette'];
  if (k >= 2 && points.count > k) {
    const s = silhouettes(points, labels, k, seed);
    silhouette = {
      ...summarizeSilhouettes(s.samples, s.labels, k),
      sampleSize: s.samples.length,
      sampled: s.sampled,
    };
  } else {
    silhouette = {
      mean: NaN,
      negativeCount: 0,
      negativeShare: 0,
      segments: [],
      sampleSize: 0,
      sampled: false,
    };
  }
  throwIfAborted(options.signal);

  const audit = k >= 2 ? auditSegments(points, labels, k, { seed, signal: options.signal }) : null;
  throwIfAborted(options.signal);

  const fit = points.count >= 2 ? pca(points, 3) : null;
  const d = points.dims;
  const report: QualityReport = {
    k,
    silhouette,
    audit,
    pca: fit && {
      features: [...features],
      explainedVarianceRatio: [...fit.explainedVarianceRatio],
      components: Array.from({ length: d }, (_, c) =>
        Array.from(fit.components.subarray(c * d, c * d + d)),
      ),
    },
    outliers: {
      features: outliers.features.map((f, j) => ({
        feature: features[j]!,
        lower: unscalePoint(new Array<number>(d).fill(f.fences.lower), scaler)[j]!,
        upper: unscalePoint(new Array<number>(d).fill(f.fences.upper), scaler)[j]!,
        below: f.below,
        above: f.above,
      })),
      count: outliers.count,
      share: outliers.share,
    },
    rfm: {
      grid: rfGrid(scores, Monetary),
      crosstab: segmentGridCrosstab(labels, Math.max(1, k), scores),
      gridSegmentSizes,
    },
  };
  return {
    report,
    columns: {
      scores,
      gridSegment,
      outlier: outliers.mask.slice(),
      pcaPoints: fit ? fit.projections.values : null,
      pcaDims: fit ? fit.projections.dims : 0,
    },
  };
}

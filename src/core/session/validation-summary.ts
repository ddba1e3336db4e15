/**
 * The validation results as plain JSON for the CLI's summary.json (snake_case like the rest of
 * it): stability, silhouettes, the classifier audit, the other models, PCA, outliers and the RFM
 * grid, for the segmentation the CLI wrote. Per-customer arrays are left out (customers.csv holds
 * the customers); the bootstrap's ARIs are kept, they are few.
 *
 * It sits beside the analysis session rather than in validation/ because it asks the session:
 * validation/ is used by the clustering stages and must not depend on them.
 */
import { RF_GRID_SEGMENTS } from '../validation/rfm-scores.ts';
import type { AnalysisSession } from './session.ts';
import type { HdbscanChoice } from '../validation/hdbscan-model.ts';

const round = (x: number | null) => (x === null || !Number.isFinite(x) ? null : x);

/** The validation of the k-means segments of k, as the session answers it for the app. */
export async function validationJson(session: AnalysisSession, k: number, hdbscan?: HdbscanChoice) {
  const { options } = session.current;
  const segmented = k >= 2;
  // Started first: with a k-means pool (the CLI's second thread) the bootstrap's fits run there
  // while this thread computes the quality report and the comparison.
  const bootstrap = segmented ? session.stability(k, Infinity) : null;
  const { report } = session.quality({ k });
  // HDBSCAN joins the comparison only when asked for (CLI --hdbscan): it is the slow model.
  if (segmented && hdbscan) session.hdbscan(hdbscan);
  const comparison = segmented ? session.comparison(k, {}, hdbscan) : null;
  const stability = bootstrap ? (await bootstrap).result : null;
  const audit = report.audit;
  return {
    outlier_handling: options.outliers ?? 'keep',
    stability: stability && {
      k: stability.k,
      resamples: stability.resamples,
      ari_mean: stability.mean,
      ari_std: stability.std,
      ari_min: stability.min,
      ari_max: stability.max,
      reading: stability.reading,
      aris: stability.aris,
    },
    silhouette: {
      mean: round(report.silhouette.mean),
      sample_size: report.silhouette.sampleSize,
      negative_share: report.silhouette.negativeShare,
      segments: report.silhouette.segments.map((s) => ({
        segment: s.segment,
        size: s.size,
        mean: round(s.mean),
        negative_count: s.negativeCount,
        negative_share: s.negativeShare,
      })),
    },
    audit: audit && {
      status: audit.status,
      train: audit.trainCount,
      test: audit.testCount,
      accuracy: round(audit.report.accuracy),
      macro: audit.report.macro,
      weighted: audit.report.weighted,
      segments: audit.report.segments,
      confusion: Array.from({ length: audit.k }, (_, r) =>
        Array.from(audit.confusion.subarray(r * audit.k, r * audit.k + audit.k)),
      ),
    },
    models: comparison && {
      rows: comparison.rows.map((r) => ({
        model: r.model,
        groups: r.groups,
        sizes: r.sizes,
        silhouette: round(r.silhouette),
        calinski_harabasz: round(r.calinskiHarabasz),
        davies_bouldin: round(r.daviesBouldin),
        noise_count: r.noiseCount,
        noise_share: r.noiseShare,
        crosstab_row_shares: r.crosstab.rowShares,
      })),
      gmm_borderline_count: comparison.gmm.borderlineCount,
      dbscan: { eps: comparison.dbscan.eps, min_samples: comparison.dbscan.minSamples },
      ward: { sampled: comparison.ward.sampled, sample_size: comparison.ward.sampleSize },
      hdbscan: comparison.hdbscan && {
        min_cluster_size: comparison.hdbscan.minClusterSize,
        min_samples: comparison.hdbscan.minSamples,
        clusters: comparison.hdbscan.clusters,
        noise: comparison.hdbscan.noise,
      },
    },
    pca: report.pca && {
      features: report.pca.features,
      explained_variance_ratio: report.pca.explainedVarianceRatio,
      components: report.pca.components,
    },
    outliers: report.outliers,
    rfm: {
      grid_segments: RF_GRID_SEGMENTS.map((rule, g) => ({
        name: rule.name,
        r: rule.r,
        f: rule.f,
        customers: report.rfm.gridSegmentSizes[g],
      })),
      grid_counts: report.rfm.grid.counts,
      grid_revenue: report.rfm.grid.revenue,
      segments_by_grid_segment: report.rfm.crosstab.counts,
    },
  };
}

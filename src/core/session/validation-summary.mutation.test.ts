/**
 * validationJson (the CLI's summary.json "validation"): every field is the session's own answer
 * for the k-means segments of k, under its snake_case name; non-finite numbers become null; one
 * segment has no stability or model comparison; HDBSCAN joins only when asked.
 */
import { describe, expect, it } from 'vitest';
import { RF_GRID_SEGMENTS } from '../validation/rfm-scores.ts';
import { smallSession } from './small.testing.ts';
import { validationJson } from './validation-summary.ts';

describe('validationJson', () => {
  it("is the session's stability, quality and comparison for k, field by field", async () => {
    const session = await smallSession();
    const json = await validationJson(session, 3);
    const { report } = session.quality({ k: 3 });
    const stability = (await session.stability(3, Infinity)).result!;
    const comparison = session.comparison(3);

    expect(json.outlier_handling).toBe('keep');
    expect(json.stability).toEqual({
      k: 3,
      resamples: stability.resamples,
      ari_mean: stability.mean,
      ari_std: stability.std,
      ari_min: stability.min,
      ari_max: stability.max,
      reading: stability.reading,
      aris: stability.aris,
    });
    expect(json.stability!.aris).toHaveLength(stability.resamples);

    const s = report.silhouette;
    expect(Number.isFinite(s.mean)).toBe(true);
    expect(json.silhouette).toEqual({
      mean: s.mean,
      sample_size: s.sampleSize,
      negative_share: s.negativeShare,
      segments: s.segments.map((g) => ({
        segment: g.segment,
        size: g.size,
        mean: g.mean,
        negative_count: g.negativeCount,
        negative_share: g.negativeShare,
      })),
    });
    expect(json.silhouette.segments).toHaveLength(3);

    const audit = report.audit!;
    expect(json.audit).toEqual({
      status: audit.status,
      train: audit.trainCount,
      test: audit.testCount,
      accuracy: audit.report.accuracy,
      macro: audit.report.macro,
      weighted: audit.report.weighted,
      segments: audit.report.segments,
      confusion: [0, 1, 2].map((r) => Array.from(audit.confusion.slice(r * 3, r * 3 + 3))),
    });
    // The confusion rows add up to the test customers.
    expect(json.audit!.confusion.flat().reduce((a, b) => a + b, 0)).toBe(audit.testCount);

    expect(json.models).toEqual({
      rows: comparison.rows.map((r) => ({
        model: r.model,
        groups: r.groups,
        sizes: r.sizes,
        silhouette: Number.isFinite(r.silhouette) ? r.silhouette : null,
        calinski_harabasz: Number.isFinite(r.calinskiHarabasz) ? r.calinskiHarabasz : null,
        davies_bouldin: Number.isFinite(r.daviesBouldin) ? r.daviesBouldin : null,
        noise_count: r.noiseCount,
        noise_share: r.noiseShare,
        crosstab_row_shares: r.crosstab.rowShares,
      })),
      gmm_borderline_count: comparison.gmm.borderlineCount,
      dbscan: { eps: comparison.dbscan.eps, min_samples: comparison.dbscan.minSamples },
      ward: { sampled: comparison.ward.sampled, sample_size: comparison.ward.sampleSize },
      hdbscan: null,
    });
    expect(json.models!.rows.map((r) => r.model)).toEqual(['kmeans', 'gmm', 'dbscan', 'ward']);

    expect(json.pca).toEqual({
      features: report.pca!.features,
      explained_variance_ratio: report.pca!.explainedVarianceRatio,
      components: report.pca!.components,
    });
    expect(json.outliers).toEqual(report.outliers);
    expect(json.rfm).toEqual({
      grid_segments: RF_GRID_SEGMENTS.map((rule, g) => ({
        name: rule.name,
        r: rule.r,
        f: rule.f,
        customers: report.rfm.gridSegmentSizes[g],
      })),
      grid_counts: report.rfm.grid.counts,
      grid_revenue: report.rfm.grid.revenue,
      segments_by_grid_segment: report.rfm.crosstab.counts,
    });
    // Every customer is in one grid segment.
    expect(json.rfm.grid_segments.reduce((a, g) => a + g.customers!, 0)).toBe(24);
  });

  it('one segment: no stability, no comparison, and a silhouette of null', async () => {
    const session = await smallSession();
    const json = await validationJson(session, 1);
    expect(json.stability).toBeNull();
    expect(json.models).toBeNull();
    expect(json.audit).toBeNull();
    expect(json.silhouette.mean).toBeNull();
  });

  it('HDBSCAN joins the comparison when asked, with its settings and groups', async () => {
    const session = await smallSession();
    const choice = { minClusterSize: 4, minSamples: 3 };
    const json = await validationJson(session, 2, choice);
    const fit = session.hdbscan(choice);
    expect(json.models!.hdbscan).toEqual({
      min_cluster_size: 4,
      min_samples: 3,
      clusters: fit.clusters,
      noise: fit.noise,
    });
    expect(json.models!.rows.map((r) => r.model)).toContain('hdbscan');
    expect(json.stability!.k).toBe(2);
  });

  it('says how outliers were handled', async () => {
    const session = await smallSession();
    await session.cluster({ ...session.current.options, outliers: 'cap' }, () => undefined);
    expect((await validationJson(session, 2)).outlier_handling).toBe('cap');
    const { outliers: _dropped, ...old } = session.current.options;
    await session.cluster(old, () => undefined);
    expect((await validationJson(session, 2)).outlier_handling).toBe('keep');
  });
});

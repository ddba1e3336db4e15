/**
 * summarizeSilhouettes on the reference labels (k = 4 of each variant) against the reference
 * sweep. Apart from silhouette-summary.test.ts because the exact silhouettes of 4,334 customers
 * take about a second per variant: too slow for mutation testing.
 */
import { describe, expect, it } from 'vitest';
import { silhouetteSamples, silhouetteScore } from '../cluster/silhouette.ts';
import { loadReferenceSummary, REFERENCE_VARIANTS } from '../testing/reference.ts';
import { referenceVariantPoints } from './reference-points.testing.ts';
import { summarizeSilhouettes } from './silhouette-summary.ts';

describe('on the reference labels', () => {
  const summary = loadReferenceSummary();
  it.each(REFERENCE_VARIANTS)(
    '%s, k = 4: mean of all samples = the reference silhouette (1e-12); bars capped at 300',
    (name) => {
      const { points, labels } = referenceVariantPoints(name);
      const k4 = labels(4);
      const samples = silhouetteSamples(points, k4, 4);
      const result = summarizeSilhouettes(samples, k4, 4, 300);
      const expected = summary.variants[name].sweep.find((p) => p.k === 4)!.silhouette;
      expect(Math.abs(result.mean - expected)).toBeLessThan(1e-12);
      expect(Math.abs(result.mean - silhouetteScore(points, k4, 4))).toBeLessThan(1e-13);
      // The sizes agree with the reference's, and segment means weight up to the overall mean.
      expect(result.segments.map((s) => s.size).sort((a, b) => b - a)).toEqual(
        summary.variants[name].sweep.find((p) => p.k === 4)!.sizes,
      );
      const weighted =
        result.segments.reduce((s, seg) => s + seg.mean * seg.size, 0) / points.count;
      expect(Math.abs(weighted - result.mean)).toBeLessThan(1e-12);
      for (const seg of result.segments) {
        expect(seg.bars.length).toBe(Math.min(300, seg.size));
        expect(seg.bars[0]).toBe(seg.max);
        expect(seg.bars[seg.bars.length - 1]).toBe(seg.min);
        const barShare = seg.bars.filter((x) => x < 0).length / seg.bars.length;
        expect(Math.abs(barShare - seg.negativeShare)).toBeLessThanOrEqual(1 / seg.bars.length);
      }
    },
  );
});

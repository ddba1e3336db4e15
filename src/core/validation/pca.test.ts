import { describe, expect, it } from 'vitest';
import { createRng } from '../random.ts';
import type { Points } from '../types.ts';
import { pca } from './pca.ts';
import { referenceVariantPoints } from './reference-points.testing.ts';

const arr = (x: ArrayLike<number>) => Array.from(x);

/** Sample covariance (ddof 1) of the projections, row-major m x m. */
function covariance({ count: n, dims: m, values }: Points): number[][] {
  const mean = Array.from({ length: m }, (_, c) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += values[i * m + c]!;
    return s / n;
  });
  return Array.from({ length: m }, (_, p) =>
    Array.from({ length: m }, (_, q) => {
      let s = 0;
      for (let i = 0; i < n; i++)
        s += (values[i * m + p]! - mean[p]!) * (values[i * m + q]! - mean[q]!);
      return s / (n - 1);
    }),
  );
}

describe('by hand', () => {
  it('(2, 2), (-2, -2), (1, -1), (-1, 1): first component (1, 1)/sqrt 2, ratios 0.8 and 0.2', () => {
    // Covariance (ddof 1) = [[10, 6], [6, 10]] / 3: eigenvalues 16/3 along (1, 1), 4/3 along
    // (1, -1). Signs as sklearn: the largest |projection| (2 sqrt 2 of the first point; sqrt 2 of
    // the third for the second component) is positive.
    const points = { count: 4, dims: 2, values: Float64Array.of(2, 2, -2, -2, 1, -1, -1, 1) };
    const result = pca(points);
    const h = Math.SQRT1_2;
    expect(arr(result.components)).toEqual([h, h, h, -h].map((x) => expect.closeTo(x, 14)));
    expect(arr(result.explainedVariance)).toEqual(
      [16 / 3, 4 / 3].map((x) => expect.closeTo(x, 13)),
    );
    expect(arr(result.explainedVarianceRatio)).toEqual(
      [0.8, 0.2].map((x) => expect.closeTo(x, 14)),
    );
    expect(result.projections.dims).toBe(2);
    const s = 2 * Math.SQRT2;
    expect(arr(result.projections.values)).toEqual(
      [s, 0, -s, 0, 0, Math.SQRT2, 0, -Math.SQRT2].map((x) => expect.closeTo(x, 13)),
    );
  });

  it('a noisy line y = 3x + 1: first component along (1, 3)/sqrt 10, almost all the variance', () => {
    const rng = createRng(11);
    const values: number[] = [];
    for (let i = 0; i < 2000; i++) {
      const t = rng() * 10 - 5;
      const noise = (rng() - 0.5) * 0.01;
      values.push(t - 3 * noise, 3 * t + 1 + noise);
    }
    const result = pca({ count: 2000, dims: 2, values: Float64Array.from(values) });
    const [c0, c1] = [result.components[0]!, result.components[1]!];
    expect(Math.abs(c0 * 3 - c1)).toBeLessThan(1e-5); // parallel to (1, 3)
    expect(Math.hypot(c0, c1)).toBeCloseTo(1, 14);
    expect(result.explainedVarianceRatio[0]).toBeGreaterThan(0.9999);
  });

  it('a constant feature and fewer customers than dims do not break it', () => {
    const result = pca({ count: 3, dims: 3, values: Float64Array.of(1, 5, 0, 2, 5, 0, 4, 5, 0) });
    expect(arr(result.explainedVarianceRatio)).toEqual([1, 0, 0]);
    expect(() => pca({ count: 1, dims: 2, values: Float64Array.of(1, 2) })).toThrow();
  });
});

describe('on the reference customers (numbers from numpy.linalg.eigh of np.cov, svd_flip signs)', () => {
  const cases = {
    rfm_log_standard: {
      variance: [2.2543118389374515, 0.5621152110447164, 0.18426531096867083],
      ratio: [0.7512638977169659, 0.18732850403451465, 0.061407598248519595],
      first: [-0.5123132853535596, 0.6177491261858874, 0.5965912459522137],
      customer0: [0.8881073815534544, 2.6976094193891424, 2.9779147565580475],
    },
    ext_standard: {
      variance: [
        2.8534254004840847, 1.0807209995927975, 0.7076831913208699, 0.28363855074922856,
        0.07568579277109154,
      ],
      ratio: [
        0.5705534037977635, 0.21609432816038723, 0.14150398098723252, 0.05671462115350287,
        0.015133665901113964,
      ],
      first: [
        -0.207958061806003, 0.49691167577825135, 0.5065209468756553, 0.5123790278982885,
        0.4367338928355972,
      ],
      customer0: [10.6814829856554, 10.893490226119404, -5.331521251241077],
    },
  } as const;

  it.each(Object.keys(cases) as (keyof typeof cases)[])(
    '%s: variances, ratios, first component and a projection to 1e-10; sums to 1; centred and uncorrelated',
    (name) => {
      const expected = cases[name];
      const { points } = referenceVariantPoints(name);
      const result = pca(points);
      const close = (actual: ArrayLike<number>, wanted: readonly number[]) =>
        wanted.forEach((w, i) => expect(Math.abs(actual[i]! - w), `${i}`).toBeLessThan(1e-10));
      close(result.explainedVariance, expected.variance);
      close(result.explainedVarianceRatio, expected.ratio);
      close(result.components.subarray(0, points.dims), expected.first);
      close(result.projections.values.subarray(0, 3), expected.customer0);
      expect(Math.abs(result.explainedVarianceRatio.reduce((s, x) => s + x, 0) - 1)).toBeLessThan(
        1e-15,
      );

      // Projections: n x 3, centred, uncorrelated, variances = the eigenvalues.
      expect(result.projections.count).toBe(points.count);
      expect(result.projections.dims).toBe(3);
      const cov = covariance(result.projections);
      for (let p = 0; p < 3; p++) {
        let mean = 0;
        for (let i = 0; i < points.count; i++) mean += result.projections.values[i * 3 + p]!;
        expect(Math.abs(mean / points.count)).toBeLessThan(1e-12);
        for (let q = 0; q < 3; q++) {
          const want = p === q ? result.explainedVariance[p]! : 0;
          expect(Math.abs(cov[p]![q]! - want)).toBeLessThan(1e-12);
        }
      }
      // Components are orthonormal.
      const d = points.dims;
      for (let p = 0; p < d; p++)
        for (let q = 0; q < d; q++) {
          let dot = 0;
          for (let j = 0; j < d; j++)
            dot += result.components[p * d + j]! * result.components[q * d + j]!;
          expect(Math.abs(dot - (p === q ? 1 : 0))).toBeLessThan(1e-14);
        }
    },
  );
});

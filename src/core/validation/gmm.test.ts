import { describe, expect, it } from 'vitest';
import { adjustedRandIndex } from '../cluster/metrics.ts';
import { createRng } from '../random.ts';
import type { Points } from '../types.ts';
import { BORDERLINE_PROBABILITY, fitGmm } from './gmm.ts';

const arr = (x: ArrayLike<number>) => Array.from(x);
const line = (xs: number[]): Points => ({
  count: xs.length,
  dims: 1,
  values: Float64Array.from(xs),
});

/** Standard normal by Box-Muller from our seeded generator. */
function normal(rng: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
}

describe('by hand', () => {
  it('1-D, -1, 1 | 9, 11: means 0 and 10, variances 1 (+ reg 1e-6), weights 1/2, sure labels', () => {
    const fit = fitGmm(line([-1, 1, 9, 11]), 2, { seed: 1 });
    const order = fit.means[0]! < fit.means[1]! ? [0, 1] : [1, 0];
    expect(order.map((c) => fit.means[c]!)).toEqual([0, 10].map((x) => expect.closeTo(x, 9)));
    for (const c of [0, 1]) {
      expect(fit.covariances[c]).toBeCloseTo(1 + 1e-6, 9);
      expect(fit.weights[c]).toBeCloseTo(0.5, 9);
    }
    expect(fit.labels[0]).toBe(fit.labels[1]);
    expect(fit.labels[2]).toBe(fit.labels[3]);
    expect(fit.labels[0]).not.toBe(fit.labels[2]);
    // The other component is 9 or 11 standard deviations away: probability ~ e^-40 or less.
    expect(Math.min(...fit.topProbability)).toBeGreaterThan(1 - 1e-15);
    expect(fit.borderlineCount).toBe(0);
    // Log-likelihood of each point: log(1/2) + log N(1 | 0, 1) (the far component adds ~e^-40).
    const each = Math.log(0.5) - 0.5 * Math.log(2 * Math.PI * (1 + 1e-6)) - 0.5 / (1 + 1e-6);
    expect(fit.meanLogLikelihood).toBeCloseTo(each, 9);
    expect(fit.logLikelihood).toBeCloseTo(4 * each, 8);
    // 5 parameters (1 weight, 2 means, 2 variances): BIC = -2 LL + 5 ln 4.
    expect(fit.bic).toBeCloseTo(-8 * each + 5 * Math.log(4), 8);
    expect(fit.converged).toBe(true);
    // Probabilities are n x k and each row sums to 1.
    for (let i = 0; i < 4; i++)
      expect(fit.probabilities[i * 2]! + fit.probabilities[i * 2 + 1]!).toBeCloseTo(1, 15);
  });

  it('a customer halfway between two groups is borderline (top probability < 0.6)', () => {
    // -4..4 and 6..14 (variance 6.67 each) and one customer at 5, the mirror point of the data.
    // The fitted mixture is symmetric about 5 (means ~0.42 and ~9.58, variances ~9.06), so the
    // customer at 5 has probability ~1/2 for both; 4 and 6 have ~0.73, not borderline. EM leaves
    // the lopsided start (the customer at 5 hard-assigned to one side) slowly: at the default
    // tolerance 1e-3 it stops after a few iterations with that customer still at 0.99 in one
    // component, so this runs to 1e-10 (about 500-800 iterations, a few ms).
    const xs = [-4, -3, -2, -1, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14];
    for (const seed of [1, 2, 3]) {
      const fit = fitGmm(line(xs), 2, { seed, tolerance: 1e-10, maxIterations: 2000 });
      expect(fit.converged).toBe(true);
      expect(fit.topProbability[8]!).toBeCloseTo(0.73, 2);
      expect(fit.topProbability[9]!).toBeLessThan(BORDERLINE_PROBABILITY);
      expect(fit.topProbability[9]!).toBeGreaterThan(0.4);
      expect(arr(fit.borderline)).toEqual(xs.map((x) => (x === 5 ? 1 : 0)));
      expect(fit.borderlineCount).toBe(1);
    }
  });

  it('k = 1 is the sample mean and population variance', () => {
    const fit = fitGmm(line([1, 2, 3, 4]), 1);
    expect(fit.means[0]).toBeCloseTo(2.5, 12);
    expect(fit.covariances[0]).toBeCloseTo(1.25 + 1e-6, 12);
    expect(arr(fit.topProbability)).toEqual([1, 1, 1, 1]);
    expect(() => fitGmm(line([1]), 2)).toThrow(RangeError);
  });
});

describe('well-separated synthetic blobs', () => {
  // Three 2-D Gaussian blobs of 300 points, with different shapes: round, stretched along x,
  // and tilted (correlated); centres 12+ standard deviations apart.
  const rng = createRng(2024);
  const values: number[] = [];
  const truth: number[] = [];
  const shapes = [
    { centre: [0, 0], a: [1, 0, 0, 1] },
    { centre: [30, 0], a: [3, 0, 0, 0.5] },
    { centre: [10, 25], a: [1, 0, 1.2, 0.6] },
  ];
  shapes.forEach(({ centre, a }, c) => {
    for (let i = 0; i < 300; i++) {
      const z0 = normal(rng);
      const z1 = normal(rng);
      values.push(centre[0]! + a[0]! * z0 + a[1]! * z1, centre[1]! + a[2]! * z0 + a[3]! * z1);
      truth.push(c);
    }
  });
  const points: Points = { count: 900, dims: 2, values: Float64Array.from(values) };

  it('recovers the blobs (ARI 1), probabilities ~ 1, their means and covariances', () => {
    const fit = fitGmm(points, 3, { seed: 7 });
    expect(adjustedRandIndex(fit.labels, Int32Array.from(truth))).toBe(1);
    expect(Math.min(...fit.topProbability)).toBeGreaterThan(0.999);
    expect(fit.borderlineCount).toBe(0);
    expect(arr(fit.weights).reduce((s, w) => s + w, 0)).toBeCloseTo(1, 14);
    shapes.forEach(({ centre, a }, c) => {
      const g = fit.labels[c * 300]!;
      expect(fit.weights[g]).toBeCloseTo(1 / 3, 12);
      expect(
        Math.hypot(fit.means[g * 2]! - centre[0]!, fit.means[g * 2 + 1]! - centre[1]!),
      ).toBeLessThan(0.3);
      // True covariance A A^T, within 20% (300 samples) on the diagonal.
      const sxx = a[0]! ** 2 + a[1]! ** 2;
      const syy = a[2]! ** 2 + a[3]! ** 2;
      const sxy = a[0]! * a[2]! + a[1]! * a[3]!;
      const cov = fit.covariances.subarray(g * 4, g * 4 + 4);
      expect(Math.abs(cov[0]! / sxx - 1)).toBeLessThan(0.2);
      expect(Math.abs(cov[3]! / syy - 1)).toBeLessThan(0.2);
      expect(Math.abs(cov[1]! - sxy)).toBeLessThan(0.25);
      expect(cov[1]).toBe(cov[2]);
    });
    expect(fit.converged).toBe(true);
  });

  it('is deterministic for a seed; restarts never lower the log-likelihood', () => {
    const a = fitGmm(points, 3, { seed: 7 });
    const b = fitGmm(points, 3, { seed: 7 });
    expect(arr(a.labels)).toEqual(arr(b.labels));
    expect(a.meanLogLikelihood).toBe(b.meanLogLikelihood);
    const more = fitGmm(points, 3, { seed: 7, restarts: 3 });
    expect(more.meanLogLikelihood).toBeGreaterThanOrEqual(a.meanLogLikelihood - 1e-12);
  });
});

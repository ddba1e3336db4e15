/**
 * The Gaussian mixture's answers in two dimensions, checked against the definitions written out
 * independently (a 2 x 2 inverse and determinant instead of Cholesky): the log-likelihood and the
 * probabilities of the returned parameters, the M-step's weighted means and covariances at
 * convergence, the number of parameters in the BIC, and the labels and borderline flags that
 * follow from the probabilities. Small inputs, fast enough for a mutation run.
 */
import { describe, expect, it } from 'vitest';
import type { Points } from '../types.ts';
import { BORDERLINE_PROBABILITY, fitGmm, type GmmFit } from './gmm.ts';

// Two tilted groups of six (x and y correlated within each), and two customers between them.
const XY = [
  [0, 0], [1, 1.2], [2, 1.7], [3, 3.4], [1.5, 0.9], [2.5, 2.9],
  [8, 2], [9, 2.6], [10, 4.1], [11, 4.4], [8.5, 3.1], [10.5, 3.3],
  [5, 2.4], [5.6, 2.7],
]; // prettier-ignore
const points: Points = { count: XY.length, dims: 2, values: Float64Array.from(XY.flat()) };

/** log N(x | mean, cov) for 2-D x, from the explicit inverse and determinant. */
function logNormal2(x: number[], mean: ArrayLike<number>, cov: ArrayLike<number>): number {
  const [a, b, c, d] = [cov[0]!, cov[1]!, cov[2]!, cov[3]!];
  const det = a * d - b * c;
  const dx = x[0]! - mean[0]!;
  const dy = x[1]! - mean[1]!;
  const maha = (d * dx * dx - (b + c) * dx * dy + a * dy * dy) / det;
  return -Math.log(2 * Math.PI) - 0.5 * Math.log(det) - 0.5 * maha;
}

/** Per-customer log of sum_c w_c N(x | mean_c, cov_c) and the posterior probabilities. */
function posterior(fit: GmmFit) {
  return XY.map((x) => {
    const joint = Array.from({ length: fit.k }, (_, c) =>
      Math.exp(
        Math.log(fit.weights[c]!) +
          logNormal2(x, fit.means.subarray(c * 2, c * 2 + 2), fit.covariances.subarray(c * 4, c * 4 + 4)), // prettier-ignore
      ),
    );
    const total = joint.reduce((s, v) => s + v, 0);
    return { log: Math.log(total), probabilities: joint.map((v) => v / total) };
  });
}

describe('fitGmm in two dimensions against the definitions', () => {
  it('log-likelihood, probabilities, labels, borderline flags and BIC of the returned parameters', () => {
    const fit = fitGmm(points, 2, { seed: 3 });
    const post = posterior(fit);
    const mean = post.reduce((s, p) => s + p.log, 0) / XY.length;
    expect(fit.meanLogLikelihood).toBeCloseTo(mean, 10);
    expect(fit.logLikelihood).toBeCloseTo(mean * XY.length, 9);
    // k - 1 weights + k d means + k d (d + 1) / 2 covariance entries = 1 + 4 + 6 = 11.
    expect(fit.bic).toBeCloseTo(-2 * mean * XY.length + 11 * Math.log(XY.length), 9);
    post.forEach(({ probabilities }, i) => {
      probabilities.forEach((p, c) => expect(fit.probabilities[i * 2 + c]).toBeCloseTo(p, 10));
      const top = Math.max(...probabilities);
      expect(fit.topProbability[i]).toBeCloseTo(top, 10);
      expect(fit.labels[i]).toBe(probabilities.indexOf(top));
      expect(fit.borderline[i]).toBe(top < BORDERLINE_PROBABILITY ? 1 : 0);
    });
    expect(fit.borderlineCount).toBe(fit.borderline.reduce((s, b) => s + b, 0));
    // The two tilted groups are found; covariances are symmetric with a positive x-y term.
    const left = fit.labels[0]!;
    expect(Array.from(fit.labels.subarray(0, 12))).toEqual([...Array(6).fill(left), ...Array(6).fill(1 - left)]); // prettier-ignore
    for (let c = 0; c < 2; c++) {
      expect(fit.covariances[c * 4 + 1]).toBe(fit.covariances[c * 4 + 2]);
      expect(fit.covariances[c * 4 + 1]).toBeGreaterThan(0.5);
    }
    expect(fit.weights[0]! + fit.weights[1]!).toBeCloseTo(1, 14);
  });

  it('at convergence the parameters are the M-step of the probabilities: weighted means, covariances + 1e-6, weights', () => {
    const fit = fitGmm(points, 2, { seed: 3, tolerance: 1e-13, maxIterations: 1000 });
    expect(fit.converged).toBe(true);
    expect(fit.iterations).toBeGreaterThan(1);
    for (let c = 0; c < 2; c++) {
      const r = XY.map((_, i) => fit.probabilities[i * 2 + c]!);
      const total = r.reduce((s, v) => s + v, 0);
      expect(fit.weights[c]).toBeCloseTo(total / XY.length, 8);
      const mx = XY.reduce((s, x, i) => s + r[i]! * x[0]!, 0) / total;
      const my = XY.reduce((s, x, i) => s + r[i]! * x[1]!, 0) / total;
      expect(fit.means[c * 2]).toBeCloseTo(mx, 7);
      expect(fit.means[c * 2 + 1]).toBeCloseTo(my, 7);
      const cov = (p: number, q: number) => XY.reduce((s, x, i) => s + r[i]! * (x[p]! - [mx, my][p]!) * (x[q]! - [mx, my][q]!), 0) / total; // prettier-ignore
      expect(fit.covariances[c * 4]).toBeCloseTo(cov(0, 0) + 1e-6, 7);
      expect(fit.covariances[c * 4 + 1]).toBeCloseTo(cov(0, 1), 7);
      expect(fit.covariances[c * 4 + 3]).toBeCloseTo(cov(1, 1) + 1e-6, 7);
    }
  });

  it('regCovar is added to the diagonal only; one iteration stops unconverged', () => {
    const plain = fitGmm(points, 1, { regCovar: 0 });
    const reg = fitGmm(points, 1, { regCovar: 0.5 });
    expect(reg.covariances[0]! - plain.covariances[0]!).toBeCloseTo(0.5, 12);
    expect(reg.covariances[3]! - plain.covariances[3]!).toBeCloseTo(0.5, 12);
    expect(reg.covariances[1]).toBeCloseTo(plain.covariances[1]!, 12);
    const once = fitGmm(points, 2, { seed: 3, maxIterations: 1, tolerance: 0 });
    expect([once.iterations, once.converged]).toEqual([1, false]);
  });
});

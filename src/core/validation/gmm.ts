/**
 * Gaussian mixture with full covariances, fitted by EM, as an alternative to k-means: each
 * customer gets a probability of belonging to each segment, and customers whose top probability
 * is below 0.6 are flagged as borderline.
 *
 * Follows scikit-learn's GaussianMixture(covariance_type="full") where it matters for results:
 * reg_covar = 1e-6 added to every covariance diagonal, convergence when the mean per-customer
 * log-likelihood improves by less than tol = 1e-3, at most 100 iterations, labels = argmax of the
 * responsibilities after a final E-step. Initialisation is our seeded k-means++ centres
 * (cluster/kmeans.ts kmeansPlusPlus, src/core/random.ts) with each customer hard-assigned to the
 * nearest centre, then one M-step (sklearn's init_params="k-means++"); several restarts keep the
 * best log-likelihood.
 *
 * Complexity: O(iterations x n x k x d^2) time (a triangular solve per customer and component);
 * memory O(n k) for the responsibilities plus O(k d^2); never n x n.
 */
import { kmeansPlusPlus } from '../cluster/kmeans.ts';
import { throwIfAborted } from '../errors.ts';
import { cholesky } from '../math/cholesky.ts';
import { createRng, DEFAULT_SEED } from '../random.ts';
import type { Points } from '../types.ts';

export const BORDERLINE_PROBABILITY = 0.6;

export interface GmmOptions {
  seed?: number;
  /** Independent initialisations; the best final log-likelihood is kept (default 1). */
  restarts?: number;
  maxIterations?: number;
  /** Stop when the mean log-likelihood per customer improves by less than this (default 1e-3). */
  tolerance?: number;
  /** Added to covariance diagonals so no component collapses onto a point (default 1e-6). */
  regCovar?: number;
  signal?: AbortSignal;
}

export interface GmmFit {
  k: number;
  dims: number;
  /** Mixing weights, sum 1. */
  weights: Float64Array;
  /** Row-major k x d. */
  means: Float64Array;
  /** k row-major d x d matrices, one after the other (k x d x d). */
  covariances: Float64Array;
  /** Responsibilities, row-major n x k: probability of customer i in component c. */
  probabilities: Float64Array;
  /** argmax of each customer's probabilities. */
  labels: Int32Array;
  /** Each customer's top probability. */
  topProbability: Float64Array;
  /** 1 where topProbability < 0.6. */
  borderline: Uint8Array;
  borderlineCount: number;
  /** Mean log-likelihood per customer (sklearn's score) and the total. */
  meanLogLikelihood: number;
  logLikelihood: number;
  /** Bayesian information criterion, lower is better (sklearn's bic). */
  bic: number;
  iterations: number;
  converged: boolean;
}

const LOG_2PI = Math.log(2 * Math.PI);

/** One EM run from given initial hard labels. */
function runEm(
  points: Points,
  k: number,
  initialLabels: Int32Array,
  maxIterations: number,
  tolerance: number,
  regCovar: number,
  signal: AbortSignal | undefined,
) {
  const { count: n, dims: d, values } = points;
  const resp = new Float64Array(n * k);
  for (let i = 0; i < n; i++) resp[i * k + initialLabels[i]!] = 1;
  const weights = new Float64Array(k);
  const means = new Float64Array(k * d);
  const covariances = new Float64Array(k * d * d);
  const factors: Float64Array[] = new Array<Float64Array>(k);
  const logDet = new Float64Array(k);
  const diff = new Float64Array(d);
  const logProb = new Float64Array(k);

  const mStep = () => {
    weights.fill(0);
    means.fill(0);
    covariances.fill(0);
    for (let i = 0; i < n; i++)
      for (let c = 0; c < k; c++) {
        const r = resp[i * k + c]!;
        if (r === 0) continue;
        weights[c]! += r;
        for (let j = 0; j < d; j++) means[c * d + j]! += r * values[i * d + j]!;
      }
    for (let c = 0; c < k; c++) {
      // sklearn adds 10 x machine epsilon to the component sizes so none is zero.
      weights[c]! += 10 * Number.EPSILON;
      for (let j = 0; j < d; j++) means[c * d + j]! /= weights[c]!;
    }
    for (let i = 0; i < n; i++)
      for (let c = 0; c < k; c++) {
        const r = resp[i * k + c]!;
        if (r === 0) continue;
        for (let j = 0; j < d; j++) diff[j] = values[i * d + j]! - means[c * d + j]!;
        const base = c * d * d;
        for (let p = 0; p < d; p++)
          for (let q = 0; q <= p; q++) covariances[base + p * d + q]! += r * diff[p]! * diff[q]!;
      }
    let total = 0;
    for (let c = 0; c < k; c++) total += weights[c]!;
    for (let c = 0; c < k; c++) {
      const base = c * d * d;
      for (let p = 0; p < d; p++) {
        for (let q = 0; q <= p; q++) {
          const v = covariances[base + p * d + q]! / weights[c]!;
          covariances[base + p * d + q] = v;
          covariances[base + q * d + p] = v;
        }
        covariances[base + p * d + p]! += regCovar;
      }
      weights[c]! /= total;
      const l = cholesky(covariances.subarray(base, base + d * d), d, 'covariance');
      factors[c] = l;
      let s = 0;
      for (let j = 0; j < d; j++) s += Math.log(l[j * d + j]!);
      logDet[c] = 2 * s;
    }
  };

  // Per component, what eStep adds to every customer's Mahalanobis distance: the same terms in
  // the same order as written out per customer, so the same bits (the logarithm of the weights
  // per customer and component was a sixth of the fit's time).
  const logWeight = new Float64Array(k);
  const constant = new Float64Array(k);

  /** Fills resp with the posterior probabilities; returns the mean log-likelihood. */
  const eStep = (): number => {
    let total = 0;
    for (let c = 0; c < k; c++) {
      logWeight[c] = Math.log(weights[c]!);
      constant[c] = d * LOG_2PI + logDet[c]!;
    }
    for (let i = 0; i < n; i++) {
      let max = -Infinity;
      for (let c = 0; c < k; c++) {
        const l = factors[c]!;
        // Mahalanobis distance by forward substitution: solve L z = x - mean, then |z|^2.
        let maha = 0;
        for (let p = 0; p < d; p++) {
          let s = values[i * d + p]! - means[c * d + p]!;
          for (let q = 0; q < p; q++) s -= l[p * d + q]! * diff[q]!;
          diff[p] = s / l[p * d + p]!;
          maha += diff[p]! ** 2;
        }
        const lp = logWeight[c]! - 0.5 * (constant[c]! + maha);
        logProb[c] = lp;
        if (lp > max) max = lp;
      }
      let sum = 0;
      for (let c = 0; c < k; c++) sum += Math.exp(logProb[c]! - max);
      const logNorm = max + Math.log(sum);
      total += logNorm;
      for (let c = 0; c < k; c++) resp[i * k + c] = Math.exp(logProb[c]! - logNorm);
    }
    return total / n;
  };

  mStep();
  let previous = -Infinity;
  let iterations = 0;
  let converged = false;
  for (let iteration = 1; iteration <= maxIterations; iteration++) {
    throwIfAborted(signal);
    const current = eStep();
    mStep();
    iterations = iteration;
    if (Math.abs(current - previous) < tolerance) {
      converged = true;
      break;
    }
    previous = current;
  }
  // Final E-step so labels and probabilities describe the returned parameters (sklearn does too).
  const meanLogLikelihood = eStep();
  return { weights, means, covariances, resp, meanLogLikelihood, iterations, converged };
}

/** Fits a k-component full-covariance Gaussian mixture by EM. See the header for the costs. */
export function fitGmm(points: Points, k: number, options: GmmOptions = {}): GmmFit {
  const { count: n, dims: d, values } = points;
  if (!Number.isInteger(k) || k < 1 || k > n)
    throw new RangeError(`k = ${k} needs at least ${k} points, got ${n}`);
  const rng = createRng((options.seed ?? DEFAULT_SEED) * 1000 + k + 500);
  const restarts = options.restarts ?? 1;
  let best: ReturnType<typeof runEm> | undefined;
  const labels = new Int32Array(n);
  for (let r = 0; r < restarts; r++) {
    const centres = kmeansPlusPlus(points, k, rng);
    for (let i = 0; i < n; i++) {
      let bestDistance = Infinity;
      for (let c = 0; c < k; c++) {
        let s = 0;
        for (let j = 0; j < d; j++) s += (values[i * d + j]! - centres[c * d + j]!) ** 2;
        if (s < bestDistance) {
          bestDistance = s;
          labels[i] = c;
        }
      }
    }
    const run = runEm(
      points,
      k,
      labels,
      options.maxIterations ?? 100,
      options.tolerance ?? 1e-3,
      options.regCovar ?? 1e-6,
      options.signal,
    );
    if (!best || run.meanLogLikelihood > best.meanLogLikelihood) best = run;
  }
  const fit = best!;
  const topProbability = new Float64Array(n);
  const borderline = new Uint8Array(n);
  let borderlineCount = 0;
  for (let i = 0; i < n; i++) {
    let top = -1;
    for (let c = 0; c < k; c++)
      if (fit.resp[i * k + c]! > top) {
        top = fit.resp[i * k + c]!;
        labels[i] = c;
      }
    topProbability[i] = top;
    if (top < BORDERLINE_PROBABILITY) {
      borderline[i] = 1;
      borderlineCount++;
    }
  }
  const logLikelihood = fit.meanLogLikelihood * n;
  const parameters = k - 1 + k * d + (k * d * (d + 1)) / 2;
  return {
    k,
    dims: d,
    weights: fit.weights,
    means: fit.means,
    covariances: fit.covariances,
    probabilities: fit.resp,
    labels: labels.slice(),
    topProbability,
    borderline,
    borderlineCount,
    meanLogLikelihood: fit.meanLogLikelihood,
    logLikelihood,
    bic: -2 * logLikelihood + parameters * Math.log(n),
    iterations: fit.iterations,
    converged: fit.converged,
  };
}

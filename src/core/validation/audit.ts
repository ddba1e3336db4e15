/**
 * The independent audit of a segmentation: can a plain linear classifier, trained on 80% of the
 * customers, tell which segment each of the other 20% is in from their features alone?
 *
 * What a high score shows: the segments are consistent regions of feature space that a simple rule
 * reproduces on customers it has not seen. What it does not show: that the segments are natural,
 * stable or useful. k-means segments are the cells around their centres, which straight lines
 * separate by construction, so the audit scores high on any k-means result, even on featureless
 * data. A low score means the segments overlap in the features (labels from other features, noise).
 *
 * The classifier is scikit-learn's LogisticRegression(multi_class="multinomial", C=1) at its exact
 * optimum: C x the softmax cross-entropy summed over customers, plus half the squared norm of the
 * coefficients (intercepts are not penalised). Written here because no npm package fits one:
 * mljs's ml-logistic-regression is one-vs-rest, unpenalised, without intercepts, and takes a fixed
 * 50,000 gradient steps. The objective is strictly convex in the coefficients, so an exact solver
 * lands on the same coefficients as any other; the tests find ours within 1e-14 (relative) of an
 * independent Newton solve in numpy, and sklearn's own lbfgs answer 3e-7 to 5e-5 short of both
 * (it stops on scipy's objective tolerance). Intercepts are only fixed up to a common shift; like
 * sklearn's (which start at 0 and keep summing to 0) they are centred.
 *
 * Solver: Newton's method with Armijo backtracking on the mean objective, an explicit Hessian
 * (k (d + 1) unknowns, ~90 at most) and a Cholesky solve; it stops once a Newton step moves no
 * coefficient by more than 1e-8 of the largest (and takes that step), i.e. at rounding level
 * given quadratic convergence. Two economies, neither of which changes the answer, since the
 * gradient stays exact and only the Hessian (the speed) is approximated: a customer's softmax
 * terms below 1e-6 are left out of the Hessian, so customers sure of their segment cost nothing
 * there; and above 4,000 customers the fit starts from the optimum on every 8th customer of each
 * segment (recursively), which skips Newton's costly first steps on the full data.
 *
 * Complexity: per Newton iteration O(n k d) for the objective and gradient, O(n a^2 d^2) for the
 * Hessian, where a is the number of segments a customer is still unsure between (k at first,
 * ~1-3 near the end), and O((k d)^3) for the solve; about 10 iterations on the full data.
 * Memory O(n k) for the probabilities (two buffers) plus O(k^2 d^2); never n x n. Measured in
 * Node: 4,334 customers x 3 features x 4 segments ~50 ms; 100,000 x 8 x 10 about 1 s.
 */
import { throwIfAborted } from '../errors.ts';
import { createRng, sampleWithoutReplacement } from '../random.ts';
import type { Points } from '../types.ts';

export const DEFAULT_TEST_SHARE = 0.2;
export const DEFAULT_AUDIT_SEED = 42;

/** Throws unless every label is an integer segment in [0, k). */
function checkLabels(labels: Int32Array, k: number, what = 'label'): void {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`k must be a positive integer, got ${k}`);
  for (const c of labels)
    if (c < 0 || c >= k) throw new RangeError(`${what} ${c} is not a segment of 0..${k - 1}`);
}

// ---------------------------------------------------------------------------------------------
// Split

/**
 * Seeded stratified split: each segment of size s >= 2 sends round(testShare x s) of its
 * customers, at least 1 and at most s - 1, to the test set; a segment of one customer stays in
 * training (it cannot be both learnt and tested). Both index lists are ascending. O(n).
 */
export function stratifiedSplit(
  labels: Int32Array,
  k: number,
  testShare = DEFAULT_TEST_SHARE,
  seed = DEFAULT_AUDIT_SEED,
): { train: Int32Array; test: Int32Array } {
  checkLabels(labels, k);
  if (!(testShare > 0 && testShare < 1))
    throw new RangeError(`testShare must be in (0, 1), got ${testShare}`);
  const n = labels.length;
  const members: number[][] = Array.from({ length: k }, () => []);
  labels.forEach((c, i) => members[c]!.push(i));
  const rng = createRng(seed);
  const inTest = new Uint8Array(n);
  let testCount = 0;
  for (const segment of members) {
    const size = segment.length;
    if (size < 2) continue;
    const take = Math.min(size - 1, Math.max(1, Math.round(testShare * size)));
    for (const j of sampleWithoutReplacement(rng, size, take)) inTest[segment[j]!] = 1;
    testCount += take;
  }
  const train = new Int32Array(n - testCount);
  const test = new Int32Array(testCount);
  for (let i = 0, a = 0, b = 0; i < n; i++) {
    if (inTest[i]) test[b++] = i;
    else train[a++] = i;
  }
  return { train, test };
}

// ---------------------------------------------------------------------------------------------
// Multinomial logistic regression

export interface LogisticOptions {
  /** Inverse strength of the L2 penalty, scikit-learn's C (default 1). */
  c?: number;
  /** Newton iterations at most, on the full data (default 100; ~10 are typical). */
  maxIterations?: number;
  /**
   * Stop once a Newton step changes no coefficient or intercept by more than tolerance x
   * max(1, largest |coefficient|) (default 1e-8; the step is taken, and by quadratic
   * convergence leaves the answer at rounding level).
   */
  tolerance?: number;
  signal?: AbortSignal | undefined;
}

export interface LogisticModel {
  k: number;
  dims: number;
  /** Row-major k x dims: coefficient of feature j for segment c at c * dims + j. */
  coefficients: Float64Array;
  /**
   * One per segment, centred over the segments seen in training. -Infinity for a segment with no
   * training customers: its probability is 0 and it is never predicted (sklearn drops the class).
   */
  intercepts: Float64Array;
  /** Newton iterations on the full data (not counting the warm start's). */
  iterations: number;
  converged: boolean;
  /** Largest |component| of the mean objective's gradient before the last (tiny) step. */
  gradient: number;
}

/** Softmax terms below this are left out of the Hessian (never out of the gradient). */
const HESSIAN_CUTOFF = 1e-6;

/** Solves A x = b in place of b for symmetric positive definite A (n x n, row-major). O(n^3). */
function choleskySolve(a: Float64Array, b: Float64Array, n: number): void {
  const l = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j <= i; j++) {
      let s = a[i * n + j]!;
      for (let p = 0; p < j; p++) s -= l[i * n + p]! * l[j * n + p]!;
      if (i === j) {
        if (!(s > 0)) throw new Error('logistic regression: Hessian is not positive definite');
        l[i * n + i] = Math.sqrt(s);
      } else l[i * n + j] = s / l[j * n + j]!;
    }
  for (let i = 0; i < n; i++) {
    let s = b[i]!;
    for (let p = 0; p < i; p++) s -= l[i * n + p]! * b[p]!;
    b[i] = s / l[i * n + i]!;
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = b[i]!;
    for (let p = i + 1; p < n; p++) s -= l[p * n + i]! * b[p]!;
    b[i] = s / l[i * n + i]!;
  }
}

/** Customers (row-major values) with compact segment labels 0..m-1, every one present. */
interface Problem {
  values: Float64Array;
  y: Int32Array;
  n: number;
  d: number;
  m: number;
  /** Penalty weight in the mean objective: 1 / (C x customers of the full problem). */
  lambda: number;
}

interface Solution {
  theta: Float64Array;
  iterations: number;
  converged: boolean;
  gradient: number;
}

const maxAbs = (xs: Float64Array) => xs.reduce((s, x) => Math.max(s, Math.abs(x)), 0);

/**
 * Newton's method on the mean objective (1/n) sum_i loss_i + lambda/2 |W|^2 from `start`.
 * theta holds, per segment, d coefficients then the intercept.
 */
function solveNewton(
  problem: Problem,
  start: Float64Array,
  maxIterations: number,
  stepTolerance: number,
  signal: AbortSignal | undefined,
): Solution {
  const { values, y, n, d, m, lambda } = problem;
  const D = d + 1;
  const P = m * D;
  /** Objective at theta; its gradient into `gradient`, each customer's softmax into `probs`. */
  const evaluate = (theta: Float64Array, gradient: Float64Array, probs: Float64Array): number => {
    gradient.fill(0);
    let loss = 0;
    for (let i = 0; i < n; i++) {
      const row = i * d;
      const at = i * m;
      let max = -Infinity;
      for (let s = 0; s < m; s++) {
        const base = s * D;
        let score = theta[base + d]!;
        for (let j = 0; j < d; j++) score += theta[base + j]! * values[row + j]!;
        probs[at + s] = score;
        if (score > max) max = score;
      }
      const yi = y[i]!;
      const trueScore = probs[at + yi]!;
      let sum = 0;
      for (let s = 0; s < m; s++) sum += probs[at + s] = Math.exp(probs[at + s]! - max);
      loss += Math.log(sum) + max - trueScore;
      const inverse = 1 / sum;
      for (let s = 0; s < m; s++) {
        const p = (probs[at + s]! *= inverse);
        const r = s === yi ? p - 1 : p;
        const base = s * D;
        for (let j = 0; j < d; j++) gradient[base + j]! += r * values[row + j]!;
        gradient[base + d]! += r;
      }
    }
    let penalty = 0;
    for (let s = 0; s < m; s++) {
      for (let j = 0; j < d; j++) {
        const w = theta[s * D + j]!;
        penalty += w * w;
        gradient[s * D + j] = gradient[s * D + j]! / n + lambda * w;
      }
      gradient[s * D + d]! /= n;
    }
    return loss / n + 0.5 * lambda * penalty;
  };

  // Hessian: (1/n) sum_i (diag(p_i) - p_i p_i^T) (x) x_i x_i^T, plus lambda on the coefficients.
  // Accumulated as the upper triangle (T entries) of the D x D block of each pair of segments
  // a <= b, from the upper triangle of x_i x_i^T.
  const T = (D * (D + 1)) / 2;
  const pairOf = (a: number, b: number) => a * m - (a * (a - 1)) / 2 + (b - a);
  const blocks = new Float64Array(((m * (m + 1)) / 2) * T);
  const outer = new Float64Array(T);
  const active = new Int32Array(m);
  const hessian = new Float64Array(P * P);
  const buildHessian = (probs: Float64Array): void => {
    blocks.fill(0);
    for (let i = 0; i < n; i++) {
      const at = i * m;
      let na = 0;
      for (let s = 0; s < m; s++) if (probs[at + s]! >= HESSIAN_CUTOFF) active[na++] = s;
      if (na < 2) continue; // sure of its segment: p (1 - p) < (m - 1) x cutoff
      const row = i * d;
      for (let r = 0, t = 0; r < D; r++) {
        const xr = r < d ? values[row + r]! : 1;
        for (let q = r; q < D; q++) outer[t++] = xr * (q < d ? values[row + q]! : 1);
      }
      for (let u = 0; u < na; u++) {
        const a = active[u]!;
        const pa = probs[at + a]!;
        for (let v = u; v < na; v++) {
          const b = active[v]!;
          const w = a === b ? pa * (1 - pa) : -pa * probs[at + b]!;
          const base = pairOf(a, b) * T;
          for (let t = 0; t < T; t++) blocks[base + t]! += w * outer[t]!;
        }
      }
    }
    for (let a = 0; a < m; a++)
      for (let b = a; b < m; b++) {
        const base = pairOf(a, b) * T;
        for (let r = 0, t = 0; r < D; r++)
          for (let q = r; q < D; q++, t++) {
            const v = blocks[base + t]! / n;
            const i1 = a * D + r;
            const j1 = b * D + q;
            const i2 = a * D + q;
            const j2 = b * D + r;
            hessian[i1 * P + j1] = hessian[j1 * P + i1] = v;
            hessian[i2 * P + j2] = hessian[j2 * P + i2] = v;
          }
      }
    for (let s = 0; s < m; s++)
      for (let j = 0; j < d; j++) hessian[(s * D + j) * P + s * D + j]! += lambda;
    // Shifting every intercept by the same amount changes nothing, so the Hessian is singular in
    // that direction; the gradient is orthogonal to it, so adding it back (1/m in each intercept
    // pair) makes the matrix definite without changing the step.
    for (let a = 0; a < m; a++)
      for (let b = 0; b < m; b++) hessian[(a * D + d) * P + b * D + d]! += 1 / m;
  };

  let theta = Float64Array.from(start);
  let gradient = new Float64Array(P);
  let trial = new Float64Array(P);
  let trialGradient = new Float64Array(P);
  let probs = new Float64Array(n * m);
  let trialProbs = new Float64Array(n * m);
  const step = new Float64Array(P);
  let iterations = 0;
  let converged = m === 1;
  let objective = evaluate(theta, gradient, probs);
  while (!converged && iterations < maxIterations) {
    throwIfAborted(signal);
    iterations++;
    buildHessian(probs);
    for (let p = 0; p < P; p++) step[p] = -gradient[p]!;
    choleskySolve(hessian, step, P);
    // Newton converges quadratically near the optimum: once a step is this small, the one after
    // it would be at rounding level, so take it and stop. (A small gradient is not enough: with
    // a weak penalty the objective is flat and 1e-10 of gradient can still be 1e-5 of distance.)
    if (maxAbs(step) <= stepTolerance * Math.max(1, maxAbs(theta))) {
      for (let p = 0; p < P; p++) theta[p]! += step[p]!;
      converged = true;
      break;
    }
    let slope = 0;
    for (let p = 0; p < P; p++) slope += gradient[p]! * step[p]!;
    // Armijo backtracking. Near the optimum the decrease is below what the objective's rounding
    // can show, and the full Newton step is taken as it is.
    const resolvable = -slope > 1e-13 * Math.max(1, Math.abs(objective));
    let t = 1;
    let next: number;
    for (;;) {
      for (let p = 0; p < P; p++) trial[p] = theta[p]! + t * step[p]!;
      next = evaluate(trial, trialGradient, trialProbs);
      if (!resolvable || next <= objective + 1e-4 * t * slope) break;
      t /= 2;
      if (t < 1e-10) break;
      throwIfAborted(signal);
    }
    if (resolvable && !(next <= objective)) break; // no progress possible: stop, not converged
    [theta, trial] = [trial, theta];
    [gradient, trialGradient] = [trialGradient, gradient];
    [probs, trialProbs] = [trialProbs, probs];
    objective = next;
  }
  return { theta, iterations, converged, gradient: maxAbs(gradient) };
}

/** Above this many customers, the fit starts from the optimum on a strided 1/8 of them. */
const WARM_START_ABOVE = 4000;

/**
 * Newton from zero takes many steps on well separated segments, and its first ones are the
 * dearest (every customer still unsure, so the Hessian pass is dense). A large problem therefore
 * starts from the solution of a stratified eighth of its customers (every 8th customer of each
 * segment, so every segment is kept; the same lambda), solved loosely and recursively. Measured
 * on 80,000 customers x 8 features x 10 segments: 10 full iterations and ~1 s instead of 15 and
 * ~4.7 s.
 */
function solve(
  problem: Problem,
  maxIterations: number,
  stepTolerance: number,
  signal: AbortSignal | undefined,
): Solution {
  const { values, y, n, d, m } = problem;
  let start: Float64Array = new Float64Array(m * (d + 1));
  if (n > WARM_START_ABOVE) {
    const seen = new Int32Array(m);
    const rows: number[] = [];
    for (let i = 0; i < n; i++) if (seen[y[i]!]!++ % 8 === 0) rows.push(i);
    const sub = new Float64Array(rows.length * d);
    rows.forEach((r, i) => sub.set(values.subarray(r * d, r * d + d), i * d));
    const coarse: Problem = {
      ...problem,
      values: sub,
      y: Int32Array.from(rows, (r) => y[r]!),
      n: rows.length,
    };
    // Finer than the subsample's own distance to the optimum would be wasted.
    start = solve(coarse, maxIterations, Math.max(stepTolerance, 1e-3), signal).theta;
  }
  return solveNewton(problem, start, maxIterations, stepTolerance, signal);
}

/**
 * Fits the multinomial logistic regression of `labels` (segments 0..k-1) on `points`. Segments
 * with no customers get intercept -Infinity; with a single segment present the model predicts it
 * for everyone (coefficients 0). Throws RangeError on no points or labels out of range.
 */
export function fitLogistic(
  points: Points,
  labels: Int32Array,
  k: number,
  options: LogisticOptions = {},
): LogisticModel {
  const { count: n, dims: d, values } = points;
  if (labels.length !== n) throw new RangeError(`${labels.length} labels for ${n} points`);
  if (n === 0) throw new RangeError('logistic regression needs at least one customer');
  checkLabels(labels, k);
  const c = options.c ?? 1;
  if (!(c > 0)) throw new RangeError(`C must be positive, got ${c}`);
  const maxIterations = options.maxIterations ?? 100;
  const tolerance = options.tolerance ?? 1e-8;

  // Fit only the segments present (as sklearn's LabelEncoder does): an absent segment's intercept
  // would run off to -Infinity.
  const present: number[] = [];
  const compact = new Int32Array(k).fill(-1);
  for (const label of labels) if (compact[label] === -1) compact[label] = 0;
  for (let s = 0; s < k; s++) if (compact[s] === 0) compact[s] = present.push(s) - 1;
  const m = present.length;
  const y = Int32Array.from(labels, (label) => compact[label]!);
  const problem: Problem = { values, y, n, d, m, lambda: 1 / (c * n) };
  const { theta, iterations, converged, gradient } = solve(
    problem,
    maxIterations,
    tolerance,
    options.signal,
  );

  const D = d + 1;
  const coefficients = new Float64Array(k * d);
  const intercepts = new Float64Array(k).fill(-Infinity);
  let shift = 0;
  for (let s = 0; s < m; s++) shift += theta[s * D + d]! / m;
  present.forEach((segment, s) => {
    coefficients.set(theta.subarray(s * D, s * D + d), segment * d);
    intercepts[segment] = theta[s * D + d]! - shift;
  });
  return { k, dims: d, coefficients, intercepts, iterations, converged, gradient };
}

/** Probability of each segment for each customer, row-major n x k (rows sum to 1). O(n k d). */
export function predictProbabilities(model: LogisticModel, points: Points): Float64Array {
  const { k, dims: d, coefficients, intercepts } = model;
  if (points.dims !== d)
    throw new RangeError(`model has ${d} features, points have ${points.dims}`);
  const { count: n, values } = points;
  const out = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    const row = i * d;
    const base = i * k;
    let max = -Infinity;
    for (let s = 0; s < k; s++) {
      let score = intercepts[s]!;
      if (score !== -Infinity)
        for (let j = 0; j < d; j++) score += coefficients[s * d + j]! * values[row + j]!;
      out[base + s] = score;
      if (score > max) max = score;
    }
    let sum = 0;
    for (let s = 0; s < k; s++) sum += out[base + s] = Math.exp(out[base + s]! - max);
    for (let s = 0; s < k; s++) out[base + s]! /= sum;
  }
  return out;
}

/** The most probable segment of each customer (the first on a tie, as numpy's argmax). O(n k d). */
export function predictLogistic(model: LogisticModel, points: Points): Int32Array {
  const { k, dims: d, coefficients, intercepts } = model;
  if (points.dims !== d)
    throw new RangeError(`model has ${d} features, points have ${points.dims}`);
  const { count: n, values } = points;
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const row = i * d;
    let best = -Infinity;
    for (let s = 0; s < k; s++) {
      let score = intercepts[s]!;
      if (score === -Infinity) continue;
      for (let j = 0; j < d; j++) score += coefficients[s * d + j]! * values[row + j]!;
      if (score > best) {
        best = score;
        out[i] = s;
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Report

/** Counts of true segment (row) against predicted segment (column), row-major k x k. O(n). */
export function confusionMatrix(truth: Int32Array, predicted: Int32Array, k: number): Int32Array {
  if (truth.length !== predicted.length)
    throw new RangeError(`${truth.length} true labels for ${predicted.length} predictions`);
  checkLabels(truth, k);
  checkLabels(predicted, k, 'prediction');
  const matrix = new Int32Array(k * k);
  for (let i = 0; i < truth.length; i++) matrix[truth[i]! * k + predicted[i]!]!++;
  return matrix;
}

export interface SegmentScores {
  /** Of the customers predicted in the segment, the share truly in it (0 if none predicted). */
  precision: number;
  /** Of the customers truly in the segment, the share predicted in it (0 if none). */
  recall: number;
  /** Harmonic mean of precision and recall (0 when both are 0). */
  f1: number;
  /** Customers truly in the segment (for the averages: all customers scored). */
  support: number;
}

export interface ClassificationReport {
  k: number;
  /** One row per segment 0..k-1. */
  segments: SegmentScores[];
  /** Share of customers predicted in their own segment. */
  accuracy: number;
  /** Unweighted mean over the averaged segments. */
  macro: SegmentScores;
  /** Mean weighted by support. */
  weighted: SegmentScores;
  /** Customers scored. */
  total: number;
  /**
   * Segments in the macro average: those with support or predictions (sklearn's default labels,
   * unique_labels(y_true, y_pred)); a segment absent from both has zero rows and no say.
   */
  averaged: number[];
}

/**
 * Precision, recall, F1 and support per segment, accuracy, and macro and weighted averages, as
 * sklearn.metrics.classification_report(output_dict=True) with zero_division=0 computes them.
 * With no customers, accuracy and the averages are NaN. O(n + k^2).
 */
export function classificationReport(
  truth: Int32Array,
  predicted: Int32Array,
  k: number,
): ClassificationReport {
  const matrix = confusionMatrix(truth, predicted, k);
  const total = truth.length;
  const segments: SegmentScores[] = [];
  const averaged: number[] = [];
  let correct = 0;
  for (let s = 0; s < k; s++) {
    const tp = matrix[s * k + s]!;
    let support = 0;
    let predictedCount = 0;
    for (let t = 0; t < k; t++) {
      support += matrix[s * k + t]!;
      predictedCount += matrix[t * k + s]!;
    }
    correct += tp;
    const precision = predictedCount > 0 ? tp / predictedCount : 0;
    const recall = support > 0 ? tp / support : 0;
    const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
    segments.push({ precision, recall, f1, support });
    if (support > 0 || predictedCount > 0) averaged.push(s);
  }
  const average = (weight: (row: SegmentScores) => number): SegmentScores => {
    let sum = 0;
    const acc = { precision: 0, recall: 0, f1: 0 };
    for (const s of averaged) {
      const row = segments[s]!;
      const w = weight(row);
      sum += w;
      acc.precision += w * row.precision;
      acc.recall += w * row.recall;
      acc.f1 += w * row.f1;
    }
    return {
      precision: acc.precision / sum,
      recall: acc.recall / sum,
      f1: acc.f1 / sum,
      support: total,
    };
  };
  return {
    k,
    segments,
    accuracy: correct / total,
    macro: average(() => 1),
    weighted: average((row) => row.support),
    total,
    averaged,
  };
}

// ---------------------------------------------------------------------------------------------
// The audit

export interface AuditOptions {
  /** Seeds the split (default 42). */
  seed?: number;
  /** Share of each segment held out for testing (default 0.2). */
  testShare?: number;
  /** Inverse penalty strength of the classifier (default 1). */
  c?: number;
  signal?: AbortSignal | undefined;
}

/**
 * - audited: the classifier was trained and tested.
 * - one-segment: fewer than two segments have customers; there is nothing to tell apart.
 * - too-few-customers: no segment has two customers, so none could be held out for testing.
 * In the last two the test set is empty, and the report's accuracy and averages are NaN.
 */
export type AuditStatus = 'audited' | 'one-segment' | 'too-few-customers';

export interface AuditResult {
  status: AuditStatus;
  k: number;
  trainCount: number;
  testCount: number;
  /** The held-out customers (indices into the points, ascending). */
  test: Int32Array;
  /** The classifier's segment for each held-out customer, aligned with `test`. */
  predicted: Int32Array;
  /** Fitted on the training customers; null when nothing was audited. */
  model: LogisticModel | null;
  /** Of the held-out customers: true segment against predicted. */
  report: ClassificationReport;
  /** Row-major k x k, rows = true segment, columns = predicted. */
  confusion: Int32Array;
}

/**
 * Splits the customers by segment (stratifiedSplit), fits the multinomial logistic regression on
 * the training share, predicts the held-out share and reports how often it finds their segment.
 * Throws RangeError on k < 1 or labels out of range; see AuditStatus for the cases with nothing
 * to audit. O(fit) = O(iterations x n k d) plus the Hessian passes (file header).
 */
export function auditSegments(
  points: Points,
  labels: Int32Array,
  k: number,
  options: AuditOptions = {},
): AuditResult {
  const n = points.count;
  if (labels.length !== n) throw new RangeError(`${labels.length} labels for ${n} points`);
  checkLabels(labels, k);
  const sizes = new Int32Array(k);
  for (const c of labels) sizes[c]!++;
  const occupied = sizes.reduce((s, size) => s + (size > 0 ? 1 : 0), 0);
  const { train, test } =
    occupied >= 2
      ? stratifiedSplit(labels, k, options.testShare, options.seed)
      : { train: Int32Array.from({ length: n }, (_, i) => i), test: new Int32Array(0) };
  const status: AuditStatus =
    occupied < 2 ? 'one-segment' : test.length === 0 ? 'too-few-customers' : 'audited';
  const empty = new Int32Array(0);
  if (status !== 'audited')
    return {
      status,
      k,
      trainCount: train.length,
      testCount: 0,
      test: empty,
      predicted: empty,
      model: null,
      report: classificationReport(empty, empty, k),
      confusion: new Int32Array(k * k),
    };

  throwIfAborted(options.signal);
  const subset = (rows: Int32Array): Points => {
    const d = points.dims;
    const values = new Float64Array(rows.length * d);
    rows.forEach((r, i) => values.set(points.values.subarray(r * d, r * d + d), i * d));
    return { count: rows.length, dims: d, values };
  };
  const model = fitLogistic(
    subset(train),
    Int32Array.from(train, (i) => labels[i]!),
    k,
    options.c === undefined ? { signal: options.signal } : { c: options.c, signal: options.signal },
  );
  throwIfAborted(options.signal);
  const truth = Int32Array.from(test, (i) => labels[i]!);
  const predicted = predictLogistic(model, subset(test));
  return {
    status,
    k,
    trainCount: train.length,
    testCount: test.length,
    test,
    predicted,
    model,
    report: classificationReport(truth, predicted, k),
    confusion: confusionMatrix(truth, predicted, k),
  };
}

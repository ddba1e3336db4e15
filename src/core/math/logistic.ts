/**
 * Multinomial logistic regression, used by the segmentation audit (validation/audit.ts).
 *
 * It is scikit-learn's LogisticRegression(multi_class="multinomial", C=1) at its exact
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
import type { Points } from '../types.ts';
import { choleskySolve } from './cholesky.ts';

/** Throws unless every label is an integer class in [0, k). */
export function checkClasses(labels: Int32Array, k: number, what = 'label'): void {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`k must be a positive integer, got ${k}`);
  for (const c of labels)
    if (c < 0 || c >= k) throw new RangeError(`${what} ${c} is not a segment of 0..${k - 1}`);
}

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
    choleskySolve(hessian, step, P, 'logistic regression: Hessian');
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
  checkClasses(labels, k);
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

/**
 * BFGS quasi-Newton minimisation with a strong-Wolfe line search (Nocedal & Wright, Numerical
 * Optimization, 2nd ed., algorithms 3.5, 3.6 and 6.1), the method scipy's `minimize` uses by
 * default and the one `lifetimes` fits with.
 *
 * Hand-written: the npm optimisers are either unmaintained (numeric.js's `uncmin`, last released
 * 2012) or have no BFGS (fmin: Nelder-Mead and conjugate gradient; ml-levenberg-marquardt: least
 * squares only). The models only need `minimiseBfgs(objective, start)`, so a maintained package
 * with the same shape could replace this file without touching them.
 */

/** Returns f(x) and writes its gradient into `gradient`. Non-finite values mean "outside". */
export type Objective = (x: Float64Array, gradient: Float64Array) => number;

export interface MinimiseOptions {
  /** BFGS iterations before giving up (each is one line search). */
  maxIterations: number;
  /** Converged when every gradient component is at most this in absolute value. */
  gradientTolerance: number;
  /** Largest move of any coordinate in one step (log-parameters: e^10 is a factor of 22,000). */
  maxStep: number;
  /** Row-major n x n inverse-Hessian estimate to start from (a warm restart); null: identity. */
  inverseHessian: Float64Array | null;
  /**
   * The caller's own test, after each step, that nothing more is to be gained (f fell from
   * `previous` to `value` at x): the run then ends as converged. Null: the gradient test only.
   */
  settled: ((x: Float64Array, value: number, previous: number) => boolean) | null;
}

export const DEFAULT_MINIMISE_OPTIONS: MinimiseOptions = {
  maxIterations: 400,
  gradientTolerance: 1e-9,
  maxStep: 10,
  inverseHessian: null,
  settled: null,
};

export interface Minimum {
  x: Float64Array;
  value: number;
  gradient: Float64Array;
  /** max |gradient component| at x. */
  gradientNorm: number;
  iterations: number;
  evaluations: number;
  /** The inverse-Hessian estimate at x, to continue from (options.inverseHessian). */
  inverseHessian: Float64Array;
  /**
   * True when the gradient test passed, when no step could lower f any further at double
   * precision (the gradient is then as small as rounding lets it be), or when `settled` said so.
   */
  converged: boolean;
}

const C1 = 1e-4; // sufficient decrease
const C2 = 0.9; // curvature (the usual value for quasi-Newton methods)
const LINE_SEARCH_STEPS = 40;

const maxAbs = (v: Float64Array) => v.reduce((m, x) => Math.max(m, Math.abs(x)), 0);
const dot = (u: Float64Array, v: Float64Array) => {
  let s = 0;
  for (let i = 0; i < u.length; i++) s += (u[i] as number) * (v[i] as number);
  return s;
};

interface Trial {
  step: number;
  value: number;
  slope: number;
  x: Float64Array;
  gradient: Float64Array;
}

/** One evaluation along x + step * direction; NaN counts as +Infinity (outside the domain). */
function trial(
  objective: Objective,
  x: Float64Array,
  direction: Float64Array,
  step: number,
): Trial {
  const point = x.map((xi, i) => xi + step * (direction[i] as number));
  const gradient = new Float64Array(x.length);
  const raw = objective(point, gradient);
  const value = Number.isNaN(raw) ? Infinity : raw;
  const slope = Number.isFinite(value) ? dot(gradient, direction) : NaN;
  return { step, value, slope, x: point, gradient };
}

/** The minimiser of the cubic through both ends (values and slopes), kept inside the bracket. */
function interpolate(lo: Trial, hi: Trial): number {
  const width = hi.step - lo.step;
  const guard = 0.1 * Math.abs(width);
  const low = Math.min(lo.step, hi.step) + guard;
  const high = Math.max(lo.step, hi.step) - guard;
  if (Number.isFinite(hi.value) && Number.isFinite(hi.slope)) {
    const d1 = lo.slope + hi.slope - (3 * (lo.value - hi.value)) / (lo.step - hi.step);
    const root = d1 * d1 - lo.slope * hi.slope;
    if (root >= 0) {
      const d2 = Math.sign(width) * Math.sqrt(root);
      const step = hi.step - width * ((hi.slope + d2 - d1) / (hi.slope - lo.slope + 2 * d2));
      if (Number.isFinite(step)) return Math.min(high, Math.max(low, step));
    }
  }
  return lo.step + width / 2;
}

/** Algorithm 3.5/3.6: a step satisfying the strong Wolfe conditions, or the best Armijo step. */
function lineSearch(
  objective: Objective,
  start: Trial,
  direction: Float64Array,
  firstStep: number,
): Trial | null {
  const f0 = start.value;
  const slope0 = start.slope;
  const armijo = (t: Trial) => t.value <= f0 + C1 * t.step * slope0;
  const curvature = (t: Trial) => Math.abs(t.slope) <= -C2 * slope0;
  let evaluations = 0;
  const at = (step: number) => {
    evaluations++;
    return trial(objective, start.x, direction, step);
  };

  const zoom = (lo: Trial, hi: Trial): Trial | null => {
    while (evaluations < LINE_SEARCH_STEPS) {
      const t = at(interpolate(lo, hi));
      if (!armijo(t) || t.value >= lo.value) hi = t;
      else {
        if (curvature(t)) return t;
        if (t.slope * (hi.step - lo.step) >= 0) hi = lo;
        lo = t;
      }
      if (Math.abs(hi.step - lo.step) < 1e-16 * Math.max(1, lo.step)) break;
    }
    return lo.step > 0 ? lo : null;
  };

  let previous = start;
  let step = firstStep;
  while (evaluations < LINE_SEARCH_STEPS) {
    const t = at(step);
    if (!armijo(t) || (previous.step > 0 && t.value >= previous.value)) return zoom(previous, t);
    if (curvature(t)) return t;
    if (t.slope >= 0) return zoom(t, previous);
    previous = t;
    step *= 2;
  }
  return previous.step > 0 ? previous : null;
}

/** Minimises `objective` from `start`. Never throws; `converged` says whether it got there. */
export function minimiseBfgs(
  objective: Objective,
  start: ArrayLike<number>,
  options: Partial<MinimiseOptions> = {},
): Minimum {
  const {
    maxIterations,
    gradientTolerance,
    maxStep,
    inverseHessian: warm,
    settled,
  } = {
    ...DEFAULT_MINIMISE_OPTIONS,
    ...options,
  };
  let evaluations = 0;
  const counted: Objective = (x, gradient) => {
    evaluations++;
    return objective(x, gradient);
  };
  const n = start.length;
  const identity = () =>
    Float64Array.from({ length: n * n }, (_, k) => (k % (n + 1) === 0 ? 1 : 0));
  let current: Trial = trial(counted, Float64Array.from(start), new Float64Array(n), 0);
  let inverseHessian = warm ? warm.slice() : identity();
  const result = (iterations: number, converged: boolean): Minimum => ({
    x: current.x,
    value: current.value,
    gradient: current.gradient,
    gradientNorm: maxAbs(current.gradient),
    iterations,
    evaluations,
    inverseHessian,
    converged,
  });
  if (!Number.isFinite(current.value)) return result(0, false);

  let fresh = !warm; // inverseHessian is the identity: the first step's length is a guess
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    if (maxAbs(current.gradient) <= gradientTolerance) return result(iteration, true);
    const direction = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < n; j++)
        s -= (inverseHessian[i * n + j] as number) * (current.gradient[j] as number);
      direction[i] = s;
    }
    let slope = dot(direction, current.gradient);
    if (!(slope < 0)) {
      // Rounding made the curvature estimate useless: restart from steepest descent.
      inverseHessian = identity();
      fresh = true;
      current.gradient.forEach((g, i) => (direction[i] = -g));
      slope = dot(direction, current.gradient);
    }
    const longest = maxAbs(direction);
    const firstStep = Math.min(1, maxStep / longest);
    const next = lineSearch(counted, { ...current, slope, step: 0 }, direction, firstStep);
    if (next === null || !(next.value < current.value)) {
      if (!fresh) {
        inverseHessian = identity();
        fresh = true;
        continue;
      }
      // Not even steepest descent lowers f: a minimum up to rounding.
      return result(iteration, true);
    }
    const s = next.x.map((v, i) => v - (current.x[i] as number));
    const y = next.gradient.map((v, i) => v - (current.gradient[i] as number));
    const sy = dot(s, y);
    const previous = current.value;
    current = next;
    if (settled?.(current.x, current.value, previous)) return result(iteration + 1, true);
    if (!(sy > 0)) continue; // no curvature information: keep the old estimate
    if (fresh) {
      // Nocedal & Wright (6.20): scale the identity to the curvature seen along the first step.
      const scale = sy / dot(y, y);
      inverseHessian = inverseHessian.map((v) => v * scale);
      fresh = false;
    }
    updateInverseHessian(inverseHessian, s, y, 1 / sy);
  }
  return result(maxIterations, maxAbs(current.gradient) <= gradientTolerance);
}

/** H <- (I - rho s y') H (I - rho y s') + rho s s', the BFGS update (N&W 6.17), in place. */
function updateInverseHessian(h: Float64Array, s: Float64Array, y: Float64Array, rho: number) {
  const n = s.length;
  const hy = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let v = 0;
    for (let j = 0; j < n; j++) v += (h[i * n + j] as number) * (y[j] as number);
    hy[i] = v;
  }
  const yhy = dot(y, hy);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      const si = s[i] as number;
      const sj = s[j] as number;
      h[i * n + j] =
        (h[i * n + j] as number) -
        rho * ((hy[i] as number) * sj + si * (hy[j] as number)) +
        (rho * rho * yhy + rho) * si * sj;
    }
}

/** Gradient tolerance of the exploratory runs of minimiseFromStarts. */
const EXPLORE_TOLERANCE = 1e-5;

/**
 * Several starts, the best kept (as the reference fits do), at the cost of about one full run:
 * every start is run to a loose tolerance, and only the best is continued, with its curvature
 * estimate, to `options.gradientTolerance`.
 */
export function minimiseFromStarts(
  objective: Objective,
  starts: readonly ArrayLike<number>[],
  options: Partial<MinimiseOptions> = {},
): Minimum {
  const explored = starts
    .map((start) =>
      minimiseBfgs(objective, start, { ...options, gradientTolerance: EXPLORE_TOLERANCE }),
    )
    .reduce((best, next) => (next.value < best.value ? next : best));
  const polished = minimiseBfgs(objective, explored.x, {
    ...options,
    inverseHessian: explored.inverseHessian,
  });
  return {
    ...polished,
    iterations: explored.iterations + polished.iterations,
  };
}

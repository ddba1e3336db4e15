/**
 * The special functions the lifetime-value models need: log-gamma, digamma (for the likelihood
 * gradients) and the Gauss hypergeometric function 2F1 (for expected purchases). Hand-written
 * because no small, maintained npm package provides all three; each is checked against mpmath in
 * special.test.ts.
 */

/**
 * Lanczos coefficients for g = 7, n = 9 (the set Numerical Recipes and Paul Godfrey published):
 * relative error about 1e-15 for x >= 0.5, enough for log-likelihoods summed over thousands of
 * customers.
 */
const LANCZOS_G = 7;
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
  -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
  1.5056327351493116e-7,
];
const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

/** ln Γ(x) for x > 0 (the only arguments the models produce). NaN for x <= 0. */
export function logGamma(x: number): number {
  if (!(x > 0)) return NaN;
  if (x < 0.5) {
    // Reflection Γ(x) Γ(1 - x) = π / sin(πx) keeps the Lanczos sum in its accurate range.
    return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  }
  const y = x - 1;
  let sum = LANCZOS[0] as number;
  for (let i = 1; i < LANCZOS.length; i++) sum += (LANCZOS[i] as number) / (y + i);
  const t = y + LANCZOS_G + 0.5;
  return HALF_LOG_TWO_PI + (y + 0.5) * Math.log(t) - t + Math.log(sum);
}

/**
 * ψ(x) = d/dx ln Γ(x) for x > 0: the recurrence ψ(x) = ψ(x + 1) - 1/x lifts x to at least 10,
 * where the asymptotic series (Bernoulli numbers up to B12) is accurate to about 1e-15.
 */
export function digamma(x: number): number {
  if (!(x > 0)) return NaN;
  let shift = 0;
  while (x < 10) {
    shift -= 1 / x;
    x += 1;
  }
  const inv2 = 1 / (x * x);
  const series =
    inv2 *
    (1 / 12 -
      inv2 *
        (1 / 120 - inv2 * (1 / 252 - inv2 * (1 / 240 - inv2 * (1 / 132 - inv2 * (691 / 32760))))));
  return shift + Math.log(x) - 0.5 / x - series;
}

/**
 * Terms a series may add before it counts as not converging: enough for z up to about 0.9995
 * (t = 3 years with α + T of half a day), far beyond fitted models' values.
 */
const MAX_TERMS = 200_000;

/**
 * The hypergeometric series Σ (a)_k (b)_k / (c)_k z^k / k! for 0 <= z < 1, or null when it
 * overflows or has not converged within MAX_TERMS terms. The ratio of successive terms tends to
 * z, from above or from below, so max(ratio, z) bounds every later ratio and the tail by a
 * geometric series; the sum stops when that bound is below double precision of the sum.
 */
export function hyp2f1Series(a: number, b: number, c: number, z: number): number | null {
  let term = 1;
  let sum = 1;
  let ratio = ((a * b) / c) * z;
  for (let k = 0; k < MAX_TERMS; k++) {
    term *= ratio;
    sum += term;
    if (!Number.isFinite(sum)) return null;
    if (term === 0) return sum;
    ratio = (((a + k + 1) * (b + k + 1)) / ((c + k + 1) * (k + 2))) * z;
    const bound = Math.max(Math.abs(ratio), z);
    if (bound < 1 && Math.abs(term) * (bound / (1 - bound)) <= 1e-17 * Math.abs(sum)) return sum;
  }
  return null;
}

/** A real number as its sign and the logarithm of its magnitude, so huge values do not overflow. */
export interface SignedLog {
  sign: number;
  log: number;
}

/**
 * 2F1(a, b; c; z) for 0 <= z < 1, as lifetimes computes it: the direct series, and when that
 * overflows (or cannot be summed) Euler's transformation
 * 2F1(a, b; c; z) = (1 - z)^(c - a - b) 2F1(c - a, c - b; c; z) (SPEC "Lifetime value"), whose
 * series converges fast exactly where the direct one blows up (large a + b - c, z near 1).
 * Returned as sign and log-magnitude: with c < 0 (BG/NBD with a + b < 1 and x = 0) the value can
 * be negative, where lifetimes' ln 2F1 is NaN; NaN here only when neither series can be summed.
 */
export function hyp2f1(a: number, b: number, c: number, z: number): SignedLog {
  if (z === 0) return { sign: 1, log: 0 };
  const direct = hyp2f1Series(a, b, c, z);
  if (direct !== null) return { sign: Math.sign(direct), log: Math.log(Math.abs(direct)) };
  const euler = hyp2f1Series(c - a, c - b, c, z);
  if (euler === null) return { sign: NaN, log: NaN };
  return {
    sign: Math.sign(euler),
    log: Math.log(Math.abs(euler)) + (c - a - b) * Math.log1p(-z),
  };
}

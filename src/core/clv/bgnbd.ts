/**
 * The BG/NBD model (Fader, Hardie & Lee 2005, "Counting your customers the easy way"): while
 * alive a customer buys at a Poisson rate λ ~ Gamma(r, α); after each purchase they drop out with
 * probability p ~ Beta(a, b). Likelihood and predictions as Python lifetimes' BetaGeoFitter
 * (SPEC "Lifetime value"), with times in days.
 */
import { minimiseFromStarts } from './bfgs.ts';
import { hyp2f1 } from './special.ts';

export interface BgNbdParams {
  r: number;
  alpha: number;
  a: number;
  b: number;
}

/** The purchase histories a BG/NBD model is fitted to (see summary.ts). */
export interface BgNbdData {
  /** Repeat purchase days: whole numbers. */
  x: Float64Array;
  tx: Float64Array;
  T: Float64Array;
}

export interface BgNbdFit {
  params: BgNbdParams;
  /** Total log-likelihood with times in days (lifetimes' value x the number of customers). */
  logLikelihood: number;
  converged: boolean;
  iterations: number;
  /**
   * The maximum lies on the edge of the parameter space (SPEC: a / (a + b) < 0.001, or a or b
   * above 10^4): the file shows (almost) no dropout, so a and b, and P(alive), are not identified.
   */
  onBoundary: boolean;
}

/** SPEC "Lifetime value": where the dropout part of the fit counts as not estimable. */
export function isOnBoundary({ a, b }: BgNbdParams): boolean {
  return a / (a + b) < 0.001 || a > 1e4 || b > 1e4;
}

/**
 * For every repeat count 0..maxX, the parts of the log-likelihood that depend on x only, with
 * their derivatives. For integer x, ln Γ(r + x) - ln Γ(r) = Σ_{k<x} ln(r + k), which is exact and
 * cheaper than log-gamma; likewise the digamma differences are Σ 1/(r + k).
 */
function perRepeatCount(params: BgNbdParams, maxX: number): RepeatCountTerms {
  const { r, a, b } = params;
  const size = maxX + 1;
  const constant = new Float64Array(size); // ln Γ(r+x)/Γ(r) + ln B(a, b+x)/B(a, b)
  const dR = new Float64Array(size); // ψ(r+x) - ψ(r)
  const dAB = new Float64Array(size); // ψ(a+b+x) - ψ(a+b)
  const dB = new Float64Array(size); // ψ(b+x) - ψ(b)
  const logBX = new Float64Array(size); // ln(b + x - 1), x >= 1
  for (let x = 1; x < size; x++) {
    const k = x - 1;
    logBX[x] = Math.log(b + k);
    constant[x] =
      (constant[k] as number) + Math.log(r + k) + (logBX[x] as number) - Math.log(a + b + k);
    dR[x] = (dR[k] as number) + 1 / (r + k);
    dAB[x] = (dAB[k] as number) + 1 / (a + b + k);
    dB[x] = (dB[k] as number) + 1 / (b + k);
  }
  return new RepeatCountTerms(constant, dR, dAB, dB, logBX);
}

/*
 * What the likelihood's loop reads is held in instances of classes of its own, not object
 * literals. V8 gives literals that begin with the same fields the same hidden classes wherever
 * they are made (the Gamma-Gamma data `{ x: Float64Array, m }` and a literal `{ x: Int32Array,
 * maxX, ... }` here begin alike); when one of them holds another kind of value in such a field,
 * V8 widens the field's type and throws away the code compiled for the narrower one. As literals,
 * `customerTerms` was compiled four times in a CLI run (`--trace-deopt`: "code dependencies"
 * each time, the dependencies on those hidden classes listed by
 * `--trace-compilation-dependencies`); as classes, once.
 */

/** The parts of the log-likelihood per repeat count (see perRepeatCount). */
class RepeatCountTerms {
  constructor(
    readonly constant: Float64Array,
    readonly dR: Float64Array,
    readonly dAB: Float64Array,
    readonly dB: Float64Array,
    readonly logBX: Float64Array,
  ) {}
}

/** Sorted distinct values and, per entry, the position of its value among them. */
class Distinct {
  readonly unique: Float64Array;
  readonly index: Int32Array;
  constructor(values: Float64Array) {
    const unique = Float64Array.from(new Set(values)).sort();
    const position = new Map<number, number>();
    unique.forEach((v, k) => position.set(v, k));
    this.unique = unique;
    this.index = Int32Array.from(values, (v) => position.get(v) as number);
  }
}

/**
 * The histories with T and t_x replaced by indices into their distinct values (a few hundred
 * days at most), so each likelihood evaluation takes one logarithm per distinct day rather than
 * two per customer.
 */
class IndexedData {
  readonly x: Int32Array;
  readonly maxX: number;
  readonly T: Distinct;
  readonly tx: Distinct;
  constructor(data: BgNbdData) {
    this.x = Int32Array.from(data.x);
    this.maxX = this.x.reduce((m, v) => Math.max(m, v), 0);
    this.T = new Distinct(data.T);
    this.tx = new Distinct(data.tx);
  }
}

/** ln(α + s·v) and 1 / (α + s·v) for each distinct v. */
class Shifted {
  readonly log: Float64Array;
  readonly inverse: Float64Array;
  constructor(alpha: number, scale: number, unique: Float64Array) {
    this.log = unique.map((v) => Math.log(alpha + v * scale));
    this.inverse = unique.map((v) => 1 / (alpha + v * scale));
  }
}

/** The per-day and per-repeat-count tables of one evaluation. */
class PerDay {
  constructor(
    readonly table: RepeatCountTerms,
    readonly atT: Shifted,
    readonly atTx: Shifted,
  ) {}
}

function indexedLogLikelihood(
  params: BgNbdParams,
  data: IndexedData,
  scale: number,
  gradient?: Float64Array,
): number {
  const { r, alpha, a, b } = params;
  const perDay = new PerDay(
    perRepeatCount(params, data.maxX),
    new Shifted(alpha, scale, data.T.unique),
    new Shifted(alpha, scale, data.tx.unique),
  );
  const sums = new Float64Array(4);
  const total = customerTerms(params, data, perDay, sums);
  if (!gradient) return total;
  gradient[0] = (sums[0] as number) * r;
  gradient[1] = (sums[1] as number) * alpha;
  gradient[2] = (sums[2] as number) * a;
  gradient[3] = (sums[3] as number) * b;
  return total;
}

/**
 * The customers' part of indexedLogLikelihood, summed in customer order, and with `sums` the
 * gradient's sums before the chain rule to log parameters. A function of its own for the reason
 * gamma-gamma.ts' customerTerms gives (V8's on-stack code from a call without the gradient,
 * reused and deoptimized at the gradient in every later call), the sums added up in `sums`.
 */
function customerTerms(
  { r, alpha, a, b }: BgNbdParams,
  data: IndexedData,
  perDay: PerDay,
  sums: Float64Array,
): number {
  const { table, atT, atTx } = perDay;
  const logA = Math.log(a);
  const logAlpha = Math.log(alpha);
  let total = 0;
  sums.fill(0);
  for (let i = 0; i < data.x.length; i++) {
    const x = data.x[i] as number;
    const iT = data.T.index[i] as number;
    const logAT = atT.log[iT] as number;
    const term3 = -(r + x) * logAT; // still alive at T
    let ll = (table.constant[x] as number) + r * logAlpha;
    let w4 = 0; // posterior weight of "dropped out right after the last purchase"
    let logAX = 0;
    if (x > 0) {
      logAX = atTx.log[data.tx.index[i] as number] as number;
      const term4 = logA - (table.logBX[x] as number) - (r + x) * logAX;
      // ln(e^term3 + e^term4) and w4 = e^term4 / (e^term3 + e^term4) from a single exp.
      const d = term4 - term3;
      const e = Math.exp(-Math.abs(d));
      ll += Math.max(term3, term4) + Math.log1p(e);
      w4 = d > 0 ? 1 / (1 + e) : e / (1 + e);
    } else ll += term3;
    total += ll;
    const w3 = 1 - w4;
    const invAT = atT.inverse[iT] as number;
    const invAX = x > 0 ? (atTx.inverse[data.tx.index[i] as number] as number) : 0;
    sums[0]! += (table.dR[x] as number) + logAlpha - w3 * logAT - w4 * logAX;
    sums[1]! += r / alpha - (r + x) * (w3 * invAT + w4 * invAX);
    sums[2]! += -(table.dAB[x] as number) + w4 / a;
    sums[3]! += (table.dB[x] as number) - (table.dAB[x] as number) - (x > 0 ? w4 / (b + x - 1) : 0);
  }
  return total;
}

/**
 * Σ over customers of the BG/NBD log-likelihood (lifetimes' `_negative_log_likelihood` without
 * the mean), with times multiplied by `scale`; when `gradient` is given, it receives the
 * derivatives with respect to ln r, ln α, ln a and ln b.
 */
export function bgNbdLogLikelihood(
  params: BgNbdParams,
  data: BgNbdData,
  scale = 1,
  gradient?: Float64Array,
): number {
  return indexedLogLikelihood(params, new IndexedData(data), scale, gradient);
}

const fromLog = (v: ArrayLike<number>): BgNbdParams => ({
  r: Math.exp(v[0] as number),
  alpha: Math.exp(v[1] as number),
  a: Math.exp(v[2] as number),
  b: Math.exp(v[3] as number),
});

/**
 * Starting points in ln-parameters, time rescaled so that max T = 1: lifetimes' 0.1 for all, and
 * two typical shapes (slow buyers with rare dropout; frequent buyers with likely dropout), so a
 * single poor start cannot decide the answer.
 */
const BG_NBD_STARTS = [
  [0.1, 0.1, 0.1, 0.1],
  [0, Math.log(0.1), 0, 0],
  [Math.log(0.25), Math.log(0.05), Math.log(0.5), Math.log(2)],
];

/**
 * Maximum likelihood on ln-parameters with BFGS from several starts (the best kept), with time
 * rescaled so that the largest T is 1, as lifetimes does; α is reported back in days.
 */
export function fitBgNbd(data: BgNbdData): BgNbdFit {
  let maxT = 0;
  for (const t of data.T) if (t > maxT) maxT = t;
  const scale = maxT > 0 ? 1 / maxT : 1;
  const n = data.x.length;
  const indexed = new IndexedData(data);
  const objective = (v: Float64Array, gradient: Float64Array) => {
    const ll = indexedLogLikelihood(fromLog(v), indexed, scale, gradient);
    for (let k = 0; k < 4; k++) gradient[k] = -(gradient[k] as number) / n;
    return -ll / n;
  };
  // On a boundary the likelihood keeps rising, ever more slowly, as a -> 0 or b -> infinity; a and
  // b are not identified there, so stop once a step gains less than 1e-11 per customer.
  const settled = (v: Float64Array, value: number, previous: number) =>
    previous - value < 1e-11 && isOnBoundary(fromLog(v));
  const best = minimiseFromStarts(objective, BG_NBD_STARTS, { settled });
  const scaled = fromLog(best.x);
  // Written out, not `{ ...scaled, alpha }`: a copy by spreading has a hidden class of its own,
  // and the likelihood's code compiled for fromLog's was thrown away at it.
  const params = { r: scaled.r, alpha: scaled.alpha / scale, a: scaled.a, b: scaled.b };
  return {
    params,
    logLikelihood: bgNbdLogLikelihood(params, data),
    converged: best.converged,
    iterations: best.iterations,
    onBoundary: isOnBoundary(params),
  };
}

/** P(alive | x, t_x, T) (SPEC; lifetimes' `conditional_probability_alive`). */
export function probabilityAlive(p: BgNbdParams, x: number, tx: number, T: number): number {
  if (x === 0) return 1;
  const logOdds =
    Math.log(p.a / (p.b + x - 1)) + (p.r + x) * Math.log((p.alpha + T) / (p.alpha + tx));
  return 1 / (1 + Math.exp(logOdds));
}

/**
 * E[repeat purchases in the next t days | alive at T, x]: the numerator of FHL 2005 eq. (10),
 * (a + b + x - 1) / (a - 1) [1 - 2F1(r + x, b + x; a + b + x - 1; z) ((α + T) / (α + T + t))^(r + x)]
 * with z = t / (α + T + t). It does not depend on t_x, so customers sharing x and T share it.
 * 1 - e^u is computed as -expm1(u) so short horizons keep their precision, and 2F1 may be negative
 * (a + b + x < 1). The formula has a removable singularity at a = 1 that is not treated: fitted
 * values of a very close to 1 lose digits.
 */
export function expectedPurchasesIfAlive(p: BgNbdParams, t: number, x: number, T: number): number {
  if (t === 0) return 0;
  const { r, alpha, a, b } = p;
  const z = t / (alpha + T + t);
  const hyp = hyp2f1(r + x, b + x, a + b + x - 1, z);
  const u = hyp.log + (r + x) * Math.log1p(-z); // ln of 2F1 (1-z)^(r+x), (1-z) = (α+T)/(α+T+t)
  const growth = hyp.sign > 0 ? -Math.expm1(u) : 1 + Math.exp(u);
  return ((a + b + x - 1) / (a - 1)) * growth;
}

/**
 * E[repeat purchases in the next t days | x, t_x, T], lifetimes'
 * `conditional_expected_number_of_purchases_up_to_time` (FHL 2005 eq. 10): its denominator is
 * 1 / P(alive), so it is P(alive) x expectedPurchasesIfAlive (a customer who is gone buys nothing).
 */
export function expectedPurchases(
  p: BgNbdParams,
  t: number,
  x: number,
  tx: number,
  T: number,
): number {
  return expectedPurchasesIfAlive(p, t, x, T) * probabilityAlive(p, x, tx, T);
}

/**
 * P(no purchase in the next t days | x, t_x, T). Not in SPEC or lifetimes; derived from the same
 * model: a customer who is gone buys nothing, and one still alive has posterior rate
 * λ ~ Gamma(r + x, α + T) and cannot drop out without buying, so
 * P = 1 - P(alive) + P(alive) ((α + T) / (α + T + t))^(r + x).
 */
export function probabilityNoPurchase(
  p: BgNbdParams,
  t: number,
  x: number,
  tx: number,
  T: number,
): number {
  const alive = probabilityAlive(p, x, tx, T);
  return 1 - alive + alive * ((p.alpha + T) / (p.alpha + T + t)) ** (p.r + x);
}

/**
 * Days from the observation end until the customer has more likely than not ordered again: the
 * median of the time to the next order, solving P(no purchase in t days) = 1/2 (see
 * probabilityNoPurchase). Infinity when P(alive) <= 1/2: the customer is then more likely gone, so
 * no date is expected.
 */
export function daysToLikelyNextOrder(p: BgNbdParams, x: number, tx: number, T: number): number {
  const alive = probabilityAlive(p, x, tx, T);
  if (!(alive > 0.5)) return Infinity;
  return (p.alpha + T) * Math.expm1(-Math.log1p(-0.5 / alive) / (p.r + x));
}

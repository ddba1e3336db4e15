/**
 * The Gamma-Gamma model of spend per purchase (Fader, Hardie & Lee 2005, "RFM and CLV"; Hardie's
 * note 025): a customer's purchases average ν ~ Gamma(q, v), each purchase ~ Gamma(p, ν).
 * Likelihood and expected spend as Python lifetimes' GammaGammaFitter (SPEC "Lifetime value").
 */
import { minimiseFromStarts } from './bfgs.ts';
import { digamma, logGamma } from './special.ts';

export interface GammaGammaParams {
  p: number;
  q: number;
  v: number;
}

/** Repeat customers only: x > 0 purchase days after the first, mean spend m > 0 on them. */
export interface GammaGammaData {
  x: Float64Array;
  m: Float64Array;
}

export interface GammaGammaFit {
  params: GammaGammaParams;
  logLikelihood: number;
  converged: boolean;
  iterations: number;
}

/**
 * Per customer ln m, and the distinct repeat counts with ln x; computed once per fit. This and
 * PerX are classes for the reason bgnbd.ts gives: as object literals their hidden classes were
 * shared with others' of the same first fields, and the compiled loop was thrown away.
 */
class IndexedData {
  readonly m: Float64Array;
  readonly logM: Float64Array;
  /** Position of each customer's x among `counts`. */
  readonly index: Int32Array;
  readonly counts: Float64Array;
  readonly x: Float64Array;
  constructor(data: GammaGammaData) {
    const counts = Float64Array.from(new Set(data.x)).sort();
    const position = new Map<number, number>();
    counts.forEach((v, k) => position.set(v, k));
    this.m = data.m;
    this.logM = data.m.map(Math.log);
    this.index = Int32Array.from(data.x, (v) => position.get(v) as number);
    this.counts = counts;
    this.x = data.x;
  }
}

/** What depends on x alone, once per distinct x, and on the parameters alone. */
class PerX {
  constructor(
    readonly constant: Float64Array,
    readonly psiAll: Float64Array,
    readonly psiPx: Float64Array,
    readonly logX: Float64Array,
    readonly logGammaQ: number,
    readonly digammaQ: number,
    readonly logV: number,
  ) {}
}

function indexedLogLikelihood(
  params: GammaGammaParams,
  data: IndexedData,
  gradient?: Float64Array,
): number {
  const { p, q, v } = params;
  const logV = Math.log(v);
  const logGammaQ = logGamma(q);
  const digammaQ = digamma(q);
  // Everything that depends on x alone, once per distinct x.
  const k = data.counts.length;
  const constant = new Float64Array(k); // ln Γ(px+q) - ln Γ(px) + px ln x
  const psiAll = new Float64Array(k);
  const psiPx = new Float64Array(k);
  const logX = data.counts.map(Math.log);
  for (let j = 0; j < k; j++) {
    const x = data.counts[j] as number;
    const px = p * x;
    constant[j] = logGamma(px + q) - logGamma(px) + px * (logX[j] as number);
    psiAll[j] = digamma(px + q);
    psiPx[j] = digamma(px);
  }
  const perX = new PerX(constant, psiAll, psiPx, logX, logGammaQ, digammaQ, logV);
  const sums = new Float64Array(3);
  const total = customerTerms(params, data, perX, sums);
  if (!gradient) return total;
  gradient[0] = (sums[0] as number) * p;
  gradient[1] = (sums[1] as number) * q;
  gradient[2] = (sums[2] as number) * v;
  return total;
}

/**
 * The customers' part of the log-likelihood, summed in customer order, and with `sums` the sums
 * of the gradient's terms (before the chain rule to log parameters). A function of its own: as
 * the second loop of indexedLogLikelihood, V8 compiled it on-stack during a call without the
 * gradient and then deoptimized at the gradient's first use in every later call (73 times in one
 * analysis), the cached on-stack code being reused each time. For the same reason nothing but the
 * return follows the loop: the sums are added up in `sums` itself.
 */
function customerTerms(
  { p, q, v }: GammaGammaParams,
  data: IndexedData,
  perX: PerX,
  sums: Float64Array,
): number {
  const { constant, psiAll, psiPx, logX, logGammaQ, digammaQ, logV } = perX;
  let total = 0;
  sums.fill(0);
  for (let i = 0; i < data.x.length; i++) {
    const j = data.index[i] as number;
    const x = data.x[i] as number;
    const m = data.m[i] as number;
    const px = p * x;
    const logM = data.logM[i] as number;
    const logXmV = Math.log(x * m + v);
    total += (constant[j] as number) - logGammaQ + q * logV + (px - 1) * logM - (px + q) * logXmV;
    sums[0]! +=
      x * ((psiAll[j] as number) - (psiPx[j] as number) + logM + (logX[j] as number) - logXmV);
    sums[1]! += (psiAll[j] as number) - digammaQ + logV - logXmV;
    sums[2]! += q / v - (px + q) / (x * m + v);
  }
  return total;
}

/**
 * Σ over customers of ln f(m | x; p, q, v) (lifetimes' `_negative_log_likelihood` without the
 * mean); `gradient` receives the derivatives with respect to ln p, ln q and ln v.
 */
export function gammaGammaLogLikelihood(
  params: GammaGammaParams,
  data: GammaGammaData,
  gradient?: Float64Array,
): number {
  return indexedLogLikelihood(params, new IndexedData(data), gradient);
}

const fromLog = (w: ArrayLike<number>): GammaGammaParams => ({
  p: Math.exp(w[0] as number),
  q: Math.exp(w[1] as number),
  v: Math.exp(w[2] as number),
});

/**
 * Maximum likelihood on ln-parameters with BFGS from several starts, the best kept: lifetimes'
 * 0.1 for all, and starts whose population mean v p / (q - 1) equals the customers' mean spend,
 * since v carries the currency's scale (a start at v ~ 1 is far off for spends in the hundreds).
 */
export function fitGammaGamma(data: GammaGammaData): GammaGammaFit {
  const n = data.x.length;
  const meanSpend = data.m.reduce((s, m) => s + m, 0) / n;
  const starts = [
    [0.1, 0.1, 0.1],
    [Math.log(2), Math.log(3), Math.log(meanSpend)], // v p / (q - 1) = mean
    [Math.log(5), Math.log(4), Math.log((meanSpend * 3) / 5)], // the same with tighter spends
  ];
  const indexed = new IndexedData(data);
  const objective = (w: Float64Array, gradient: Float64Array) => {
    const ll = indexedLogLikelihood(fromLog(w), indexed, gradient);
    for (let k = 0; k < 3; k++) gradient[k] = -(gradient[k] as number) / n;
    return -ll / n;
  };
  const best = minimiseFromStarts(objective, starts);
  const params = fromLog(best.x);
  return {
    params,
    logLikelihood: gammaGammaLogLikelihood(params, data),
    converged: best.converged,
    iterations: best.iterations,
  };
}

/**
 * E[spend per purchase | x, m] (SPEC; lifetimes' `conditional_expected_average_profit`): the
 * customer's own mean, weighted by w = p x / (p x + q - 1), and the population mean v p / (q - 1).
 * Meaningful only for q > 1 (the population mean is infinite otherwise).
 */
export function expectedSpend(params: GammaGammaParams, x: number, m: number): number {
  const { p, q, v } = params;
  const w = (p * x) / (p * x + q - 1);
  return (1 - w) * ((v * p) / (q - 1)) + w * m;
}

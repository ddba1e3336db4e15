/**
 * Fitting both models to a customer summary, with the checks that decide whether a file can be
 * fitted at all and the caveats that go with the result (SPEC "Lifetime value", issue 12).
 */
import { type BgNbdFit, fitBgNbd } from './bgnbd.ts';
import { fitGammaGamma, type GammaGammaData, type GammaGammaFit } from './gamma-gamma.ts';
import { type ClvProblem, clvMessages, MIN_REPEAT_CUSTOMERS } from './messages.ts';
import type { CustomerSummary } from './summary.ts';

/** Why these histories cannot be fitted, or null when they can. */
export function checkHistories(
  summary: Pick<CustomerSummary, 'customer' | 'purchaseDays' | 'repeatCustomers'>,
): ClvProblem | null {
  if (summary.purchaseDays <= 1) return clvMessages.singleDay();
  if (summary.repeatCustomers === 0) return clvMessages.noRepeatCustomers(summary.customer.length);
  if (summary.repeatCustomers < MIN_REPEAT_CUSTOMERS)
    return clvMessages.fewRepeatCustomers(summary.repeatCustomers);
  return null;
}

/**
 * The Gamma-Gamma input: repeat customers with a positive mean repeat spend (its likelihood
 * takes ln m). `leftOut` counts repeat customers with m <= 0, which cleaning normally prevents.
 */
export function spendData(summary: Pick<CustomerSummary, 'x' | 'm'>) {
  const x: number[] = [];
  const m: number[] = [];
  let leftOut = 0;
  for (let i = 0; i < summary.x.length; i++) {
    if ((summary.x[i] as number) === 0) continue;
    if ((summary.m[i] as number) > 0) {
      x.push(summary.x[i] as number);
      m.push(summary.m[i] as number);
    } else leftOut++;
  }
  const data: GammaGammaData = { x: Float64Array.from(x), m: Float64Array.from(m) };
  return { data, leftOut, enough: x.length >= MIN_REPEAT_CUSTOMERS };
}

export interface FittedModels {
  bgnbd: BgNbdFit;
  gammaGamma: GammaGammaFit;
  /** Repeat customers the spend model was fitted to. */
  spendCustomers: number;
  /** Caveats to show with the numbers (boundary, convergence, customers left out). */
  warnings: ClvProblem[];
}

export type FitOutcome = { ok: true; models: FittedModels } | { ok: false; problem: ClvProblem };

export function fitModels(summary: CustomerSummary): FitOutcome {
  const problem = checkHistories(summary);
  if (problem) return { ok: false, problem };
  const spend = spendData(summary);
  if (!spend.enough)
    return {
      ok: false,
      problem:
        spend.leftOut > 0
          ? clvMessages.nonpositiveSpend(spend.leftOut)
          : clvMessages.fewRepeatCustomers(spend.data.x.length),
    };

  const bgnbd = fitBgNbd(summary);
  const gammaGamma = fitGammaGamma(spend.data);
  if (!(gammaGamma.params.q > 1)) return { ok: false, problem: clvMessages.spendUnbounded() };

  const warnings: ClvProblem[] = [];
  if (bgnbd.onBoundary) warnings.push(clvMessages.dropoutNotEstimable());
  // Along a boundary ridge the optimiser may stop early without harm: the boundary says enough.
  if ((!bgnbd.converged && !bgnbd.onBoundary) || !gammaGamma.converged)
    warnings.push(clvMessages.notConverged());
  if (spend.leftOut > 0) warnings.push(clvMessages.nonpositiveSpend(spend.leftOut));
  return {
    ok: true,
    models: { bgnbd, gammaGamma, spendCustomers: spend.data.x.length, warnings },
  };
}

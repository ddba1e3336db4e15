/**
 * Lifetime value as summary.json writes it (issue 12): key names as the reference results
 * (`*.clv.json`) use them, dates as YYYY-MM-DD, times in days.
 */
import type { CalibrationOutcome } from './calibration.ts';
import { DAY_MS } from './summary.ts';
import type { ClvChoice, ValueView } from './view.ts';

export const isoDay = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** The day number of a YYYY-MM-DD date, or null when it is not a real calendar date. */
export function dayOfIso(text: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return null;
  const ms = Date.parse(`${text}T00:00:00Z`);
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== text) return null;
  return ms / DAY_MS;
}

function calibrationJson(outcome: CalibrationOutcome) {
  if (!outcome.ok) return { problem: outcome.problem };
  const { check } = outcome;
  return {
    calibration_end: isoDay(check.calibrationEndDay),
    holdout_length: check.holdoutDays,
    customers: check.customers,
    repeat_customers: check.repeatCustomers,
    bgnbd: { ...check.bgnbd.params, loglik: check.bgnbd.logLikelihood },
    bgnbd_converged: check.bgnbd.converged,
    bgnbd_on_boundary: check.bgnbd.onBoundary,
    by_calibration_frequency: check.rows,
    total_actual: check.totalActual,
    total_predicted: check.totalPredicted,
  };
}

/** The options as asked (absent: the defaults, which the fitted view spells out). */
export function clvOptionsJson(options: ClvChoice & { observationEndDay?: number | undefined }) {
  const day = (d: number | null | undefined) => (d === null || d === undefined ? null : isoDay(d));
  return {
    months: options.months ?? null,
    monthly_discount: options.monthlyDiscount ?? null,
    observation_end: day(options.observationEndDay),
    calibration_end: day(options.calibrationEndDay),
  };
}

export function clvJson(view: ValueView) {
  if (!view.ok) return { problem: view.problem };
  const { options, fits, calibration } = view;
  return {
    options: clvOptionsJson(options),
    customers: fits.customers,
    repeat_customers: fits.repeatCustomers,
    bgnbd: { ...fits.bgnbd.params, loglik: fits.bgnbd.logLikelihood },
    bgnbd_converged: fits.bgnbd.converged,
    bgnbd_on_boundary: fits.bgnbd.onBoundary,
    gamma_gamma: { ...fits.gammaGamma.params, loglik: fits.gammaGamma.logLikelihood },
    gamma_gamma_converged: fits.gammaGamma.converged,
    gamma_gamma_customers: fits.spendCustomers,
    ...(calibration ? { calibration: calibrationJson(calibration) } : {}),
    messages: view.warnings,
  };
}

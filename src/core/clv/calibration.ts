/**
 * The calibration/holdout check (SPEC "Lifetime value"): fit on the lines up to a calibration end,
 * then compare, for calibration frequency 0..5 and 6+, the mean number of purchase days in the
 * holdout with the mean predicted E[N(holdout length)], as lifetimes'
 * `calibration_and_holdout_data` and `plot_calibration_purchases_vs_holdout_purchases`.
 */
import { type BgNbdFit, expectedPurchases, fitBgNbd } from './bgnbd.ts';
import { fitGammaGamma, type GammaGammaFit } from './gamma-gamma.ts';
import { type ClvProblem, clvMessages } from './messages.ts';
import { checkHistories, spendData } from './models.ts';
import { type ClvLines, DAY_MS, purchaseDaysBetween, summariseCustomers } from './summary.ts';

/** Calibration frequencies shown one by one; the last row gathers this many and more. */
export const CALIBRATION_TOP_FREQUENCY = 6;

export interface CalibrationRow {
  /** Repeat purchase days in the calibration period; the last row is "6 or more". */
  frequency: number;
  customers: number;
  /** Mean purchase days in the holdout. */
  actual: number;
  /** Mean E[N(holdout length)] from the calibration fit. */
  predicted: number;
}

export interface CalibrationCheck {
  calibrationEndDay: number;
  observationEndDay: number;
  holdoutDays: number;
  /** Customers with a purchase on or before the calibration end. */
  customers: number;
  repeatCustomers: number;
  bgnbd: BgNbdFit;
  /** The spend model on the calibration period, when asked for and fittable; else null. */
  gammaGamma: GammaGammaFit | null;
  rows: CalibrationRow[];
  totalActual: number;
  totalPredicted: number;
}

export type CalibrationOutcome =
  { ok: true; check: CalibrationCheck } | { ok: false; problem: ClvProblem };

/**
 * The default calibration end: three calendar months before the observation end ("the last
 * quarter held out"), on the same day of the month or the month's last day if it has fewer.
 */
export function defaultCalibrationEnd(observationEndDay: number): number {
  const end = new Date(observationEndDay * DAY_MS);
  const year = end.getUTCFullYear();
  const month = end.getUTCMonth() - 3;
  const lastOfMonth = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return Date.UTC(year, month, Math.min(end.getUTCDate(), lastOfMonth)) / DAY_MS;
}

/**
 * Fits on the lines up to `calibrationEndDay` and compares with the purchase days after it, up
 * to `observationEndDay` (default: the date of the latest line). The table needs BG/NBD only;
 * `withSpendModel` also fits Gamma-Gamma to the calibration period (for comparisons with
 * published fits), which costs another fit.
 */
export function calibrationCheck(
  lines: ClvLines,
  calibrationEndDay: number,
  observationEndDay?: number,
  withSpendModel = false,
): CalibrationOutcome {
  const calibration = summariseCustomers(lines, calibrationEndDay);
  const end = observationEndDay ?? summariseCustomers(lines).endDay;
  if (calibration.customer.length === 0 || end <= calibrationEndDay)
    return { ok: false, problem: clvMessages.calibrationPeriod() };
  const problem = checkHistories(calibration);
  if (problem) return { ok: false, problem };

  const bgnbd = fitBgNbd(calibration);
  const spend = withSpendModel ? spendData(calibration) : null;
  const gammaGamma = spend?.enough ? fitGammaGamma(spend.data) : null;
  const holdoutDays = end - calibrationEndDay;
  const holdout = purchaseDaysBetween(lines, calibrationEndDay, end);

  const groups = CALIBRATION_TOP_FREQUENCY + 1;
  const customers = new Float64Array(groups);
  const actual = new Float64Array(groups);
  const predicted = new Float64Array(groups);
  let totalActual = 0;
  let totalPredicted = 0;
  for (let i = 0; i < calibration.customer.length; i++) {
    const x = calibration.x[i] as number;
    const group = Math.min(x, CALIBRATION_TOP_FREQUENCY);
    const seen = holdout[calibration.customer[i] as number] as number;
    const expected = expectedPurchases(
      bgnbd.params,
      holdoutDays,
      x,
      calibration.tx[i] as number,
      calibration.T[i] as number,
    );
    customers[group]!++;
    actual[group]! += seen;
    predicted[group]! += expected;
    totalActual += seen;
    totalPredicted += expected;
  }
  const rows: CalibrationRow[] = [];
  for (let g = 0; g < groups; g++) {
    const count = customers[g] as number;
    if (count === 0) continue;
    rows.push({
      frequency: g,
      customers: count,
      actual: (actual[g] as number) / count,
      predicted: (predicted[g] as number) / count,
    });
  }
  return {
    ok: true,
    check: {
      calibrationEndDay,
      observationEndDay: end,
      holdoutDays,
      customers: calibration.customer.length,
      repeatCustomers: calibration.repeatCustomers,
      bgnbd,
      gammaGamma,
      rows,
      totalActual,
      totalPredicted,
    },
  };
}

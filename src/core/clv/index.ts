/**
 * Lifetime value: what each customer is likely to do next (SPEC "Lifetime value", issue 12).
 *
 * The whole analysis is `lifetimeValue(lines, options)`; its parts are exported for the screens,
 * the CLI and tests:
 * - `clvLinesFromGroups(tx, groups)` turns a prepared file into `ClvLines`
 *   (customer index, timestamp, line total per cleaned line);
 * - `summariseCustomers(lines, endDay?)` gives x, t_x, T and m per customer;
 * - `fitModels(summary)` (or `fitBgNbd`, `fitGammaGamma`) fits both models, with the checks and
 *   caveats of `messages.ts`;
 * - `predictCustomers(summary, bg, gg, horizon)` gives P(alive), expected purchases in 30, 90 and
 *   365 days, expected spend, CLV, P(no purchase in 90 days) and the likely next-order day;
 * - `calibrationCheck(lines, calibrationEndDay)` fits on the earlier part and compares with the
 *   holdout.
 * Days are day numbers (days since 1970-01-01 of the naive timestamps read as UTC): `dayOf(ms)`.
 */
import { type CalibrationOutcome, calibrationCheck, defaultCalibrationEnd } from './calibration.ts';
import type { ClvProblem } from './messages.ts';
import { type FittedModels, fitModels } from './models.ts';
import {
  type ClvHorizon,
  type CustomerPredictions,
  DEFAULT_CLV_HORIZON,
  predictCustomers,
} from './predict.ts';
import { type ClvLines, type CustomerSummary, summariseCustomers } from './summary.ts';

export * from './bgnbd.ts';
export * from './calibration.ts';
export * from './days.ts';
export * from './gamma-gamma.ts';
export * from './json.ts';
export * from './messages.ts';
export * from './models.ts';
export * from './predict.ts';
export * from './segments.ts';
export * from './summary.ts';
export * from './view.ts';

export interface LifetimeValueOptions extends ClvHorizon {
  /** Observation end (day number); default: the date of the latest line. Later lines are ignored. */
  observationEndDay?: number | undefined;
  /**
   * Calibration end for the holdout check (day number); default: three months before the
   * observation end; null: no check.
   */
  calibrationEndDay?: number | null | undefined;
}

export interface LifetimeValue {
  options: LifetimeValueOptions & { observationEndDay: number };
  summary: CustomerSummary;
  models: FittedModels;
  predictions: CustomerPredictions;
  /** Null when no check was asked for; a problem when the check could not be made. */
  calibration: CalibrationOutcome | null;
  /** Caveats for the numbers (models.warnings): show them with the results. */
  warnings: ClvProblem[];
}

export type LifetimeValueOutcome =
  { ok: true; value: LifetimeValue } | { ok: false; problem: ClvProblem };

/** Summary, both fits, per-customer predictions and the calibration check of one file. */
export function lifetimeValue(
  lines: ClvLines,
  options: Partial<LifetimeValueOptions> = {},
  /** Called with the share of the work done (0..1) between steps, for a progress bar. */
  onProgress: (fraction: number) => void = () => undefined,
): LifetimeValueOutcome {
  const horizon: ClvHorizon = {
    months: options.months ?? DEFAULT_CLV_HORIZON.months,
    monthlyDiscount: options.monthlyDiscount ?? DEFAULT_CLV_HORIZON.monthlyDiscount,
  };
  const summary = summariseCustomers(lines, options.observationEndDay);
  onProgress(0.05);
  const fitted = fitModels(summary);
  if (!fitted.ok) return fitted;
  onProgress(0.5);
  const { models } = fitted;
  const predictions = predictCustomers(
    summary,
    models.bgnbd.params,
    models.gammaGamma.params,
    horizon,
  );
  onProgress(0.6);
  const calibrationEndDay =
    options.calibrationEndDay === undefined
      ? defaultCalibrationEnd(summary.endDay)
      : options.calibrationEndDay;
  const calibration =
    calibrationEndDay === null ? null : calibrationCheck(lines, calibrationEndDay, summary.endDay);
  return {
    ok: true,
    value: {
      options: { ...horizon, observationEndDay: summary.endDay, calibrationEndDay },
      summary,
      models,
      predictions,
      calibration,
      warnings: models.warnings,
    },
  };
}

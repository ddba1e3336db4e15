/**
 * Lifetime value as plain data for the screens, the CLI and the exports: per-customer columns in
 * CustomerTable order (so they sit beside the features), the fits, the calibration table and the
 * P(alive) matrix, all structured-cloneable (typed arrays transferred by the worker).
 */
import { type BgNbdFit, type BgNbdParams, probabilityAlive } from './bgnbd.ts';
import type { CalibrationOutcome } from './calibration.ts';
import type { GammaGammaFit } from './gamma-gamma.ts';
import type { LifetimeValueOptions, LifetimeValueOutcome } from './index.ts';
import type { ClvProblem } from './messages.ts';
import type { ClvHorizon, CustomerPredictions } from './predict.ts';

/** What the user chose: horizon, discount, calibration end (null: no check); absent = default. */
export type ClvChoice = Partial<ClvHorizon> & { calibrationEndDay?: number | null | undefined };

/** Predictions indexed like the customer table; NaN for a customer the models did not see. */
export type CustomerValues = CustomerPredictions;

/** P(alive) of a customer who first bought at the start of the file, by x and days since last. */
export interface AliveMatrix {
  /** Rows: repeat purchase days 1..max. */
  frequencies: number[];
  /** Columns: days since the last purchase. */
  daysSinceLast: number[];
  /** pAlive[row][column]. */
  pAlive: number[][];
  /** T of that customer: days from the start of the file to its end. */
  T: number;
}

export interface ValueFits {
  bgnbd: BgNbdFit;
  gammaGamma: GammaGammaFit;
  /** Customers with a purchase by the observation end, and those who bought on 2+ days. */
  customers: number;
  repeatCustomers: number;
  spendCustomers: number;
}

export type ValueView =
  | {
      ok: true;
      options: LifetimeValueOptions & ClvHorizon & { observationEndDay: number };
      customers: CustomerValues;
      fits: ValueFits;
      calibration: CalibrationOutcome | null;
      warnings: ClvProblem[];
      /** SPEC: the BG/NBD maximum is on a boundary; say so next to every P(alive). */
      dropoutNotEstimable: boolean;
      aliveMatrix: AliveMatrix;
    }
  | { ok: false; problem: ClvProblem };

/** The per-customer predictions a view carries, each a column in customer-table order. */
export const PREDICTION_COLUMNS = [
  'pAlive',
  'expectedPurchases30',
  'expectedPurchases90',
  'expectedPurchases365',
  'expectedSpend',
  'clv',
  'pNoPurchase90',
  'nextOrderDays',
] as const satisfies readonly (keyof CustomerPredictions)[];

/** The engine's outcome in customer-table order, with the matrix the heatmap draws. */
export function valueView(outcome: LifetimeValueOutcome, customerCount: number): ValueView {
  if (!outcome.ok) return outcome;
  const { summary, predictions, models } = outcome.value;
  const customers = Object.fromEntries(
    PREDICTION_COLUMNS.map((name) => {
      const column = new Float64Array(customerCount).fill(NaN);
      summary.customer.forEach((c, i) => (column[c] = predictions[name][i]!));
      return [name, column];
    }),
  ) as unknown as CustomerValues;
  let maxT = 0;
  let maxX = 0;
  for (let i = 0; i < summary.x.length; i++) {
    maxT = Math.max(maxT, summary.T[i]!);
    maxX = Math.max(maxX, summary.x[i]!);
  }
  return {
    ok: true,
    options: outcome.value.options,
    customers,
    fits: {
      bgnbd: models.bgnbd,
      gammaGamma: models.gammaGamma,
      customers: summary.customer.length,
      repeatCustomers: summary.repeatCustomers,
      spendCustomers: models.spendCustomers,
    },
    calibration: outcome.value.calibration,
    warnings: outcome.value.warnings,
    dropoutNotEstimable: models.bgnbd.onBoundary,
    aliveMatrix: aliveMatrix(models.bgnbd.params, maxT, maxX),
  };
}

/** Rows and columns of the P(alive) heatmap: enough to read, few enough to label. */
const MATRIX_ROWS = 20;
const MATRIX_COLUMNS = 24;

/**
 * lifetimes' `plot_probability_alive_matrix`, with recency read the owner's way: P(alive) of a
 * customer who first bought T days before the end (the longest history in the file), after x
 * repeat purchase days, the last of them `daysSinceLast` days ago (t_x = T - daysSinceLast).
 */
export function aliveMatrix(params: BgNbdParams, T: number, maxX: number): AliveMatrix {
  const rows = Math.max(1, Math.min(MATRIX_ROWS, maxX));
  const frequencies = Array.from({ length: rows }, (_, i) => i + 1);
  const step = Math.max(1, Math.ceil(T / (MATRIX_COLUMNS - 1)));
  const daysSinceLast: number[] = [];
  for (let d = 0; d <= T; d += step) daysSinceLast.push(d);
  return {
    frequencies,
    daysSinceLast,
    pAlive: frequencies.map((x) => daysSinceLast.map((d) => probabilityAlive(params, x, T - d, T))),
    T,
  };
}

/**
 * Test-only loaders for the lifetime-value reference results (../shared/reference/README.md,
 * "Lifetime value"): `<file>.clv.json` (fits, sums, calibration table) and `<file>.clv.csv`
 * (per-customer summary and predictions of the whole-period fit). Node only.
 */
import { readFileSync } from 'node:fs';
import { sharedPath } from './reference.ts';

export type ClvReferenceFile = 'cdnow_sample' | 'online_retail';

export interface ReferenceBgNbd {
  r: number;
  alpha: number;
  a: number;
  b: number;
}

export interface ReferenceGammaGamma {
  p: number;
  q: number;
  v: number;
}

export interface ReferenceClvFit {
  customers: number;
  repeat_customers: number;
  bgnbd: ReferenceBgNbd;
  bgnbd_loglik: number;
  gamma_gamma?: ReferenceGammaGamma;
  gamma_gamma_loglik?: number;
}

export interface ReferenceCalibrationRow {
  frequency: number;
  customers: number;
  actual: number;
  predicted: number;
}

export interface ReferenceClv {
  conventions: string;
  observation_end: string;
  full: ReferenceClvFit & {
    sums: { p_alive: number; expected_purchases_90d: number; clv_12m: number };
  };
  calibration: ReferenceClvFit & {
    calibration_end: string;
    holdout_length: number;
    by_calibration_frequency: ReferenceCalibrationRow[];
    total_actual: number;
    total_predicted: number;
  };
}

export const CLV_COLUMNS = [
  'frequency',
  'recency',
  'T',
  'monetary_value',
  'p_alive',
  'expected_purchases_90d',
  'clv_12m',
  'expected_avg_spend',
] as const;
export type ClvColumn = (typeof CLV_COLUMNS)[number];

export interface ReferenceClvCustomers {
  /** CustomerID as text (`00004` stays `00004`). */
  ids: string[];
  columns: Record<ClvColumn, Float64Array>;
}

export function loadReferenceClv(file: ClvReferenceFile): ReferenceClv {
  return JSON.parse(
    readFileSync(sharedPath('reference', `${file}.clv.json`), 'utf8'),
  ) as ReferenceClv;
}

/** The plain numeric CSV: no quotes, no empty cells. */
export function loadReferenceClvCustomers(file: ClvReferenceFile): ReferenceClvCustomers {
  const rows = readFileSync(sharedPath('reference', `${file}.clv.csv`), 'utf8')
    .split(/\r?\n/)
    .filter((line) => line !== '')
    .map((line) => line.split(','));
  const header = rows.shift() ?? [];
  const columns = Object.fromEntries(
    CLV_COLUMNS.map((name) => {
      const c = header.indexOf(name);
      if (c < 0) throw new Error(`${file}.clv.csv has no column ${name}`);
      return [name, Float64Array.from(rows, (row) => Number(row[c]))];
    }),
  ) as Record<ClvColumn, Float64Array>;
  return { ids: rows.map((row) => row[0] ?? ''), columns };
}

/**
 * The lifetime-value engine against the lifetimes reference on the CDNOW 1/10 sample
 * (../shared/reference/README.md "Lifetime value"), read and cleaned by the real pipeline, and
 * against Fader, Hardie & Lee's published estimates.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { fileSource } from '../../node/file-source.ts';
import { prepare, type PreparedData } from '../pipeline.ts';
import {
  CLV_COLUMNS,
  type ClvColumn,
  loadReferenceClv,
  loadReferenceClvCustomers,
} from '../testing/clv-reference.ts';
import { sharedPath } from '../testing/reference.ts';
import { calibrationCheck, type CalibrationCheck } from './calibration.ts';
import {
  type ClvLines,
  clvLinesFromGroups,
  dayOf,
  lifetimeValue,
  type LifetimeValue,
} from './index.ts';

const reference = loadReferenceClv('cdnow_sample');
const relative = (actual: number, expected: number) =>
  Math.abs(actual - expected) / Math.max(Math.abs(expected), 1e-300);
const expectRelative = (actual: number, expected: number, tolerance: number, what = '') =>
  expect(relative(actual, expected), `${what}: ${actual} vs ${expected}`).toBeLessThanOrEqual(
    tolerance,
  );
const day = (iso: string) => dayOf(Date.parse(`${iso}T00:00:00Z`));

let data: PreparedData;
let lines: ClvLines;
let full: LifetimeValue;
let calibration: CalibrationCheck;

beforeAll(async () => {
  data = await prepare(fileSource(sharedPath('data', 'cdnow_sample.csv')), {}, () => undefined);
  lines = clvLinesFromGroups(data.tx, data.groups);
  const outcome = lifetimeValue(lines, { calibrationEndDay: null });
  if (!outcome.ok) throw new Error(outcome.problem.message);
  full = outcome.value;
  const check = calibrationCheck(
    lines,
    day(reference.calibration.calibration_end),
    undefined,
    true,
  );
  if (!check.ok) throw new Error(check.problem.message);
  calibration = check.check;
}, 60_000);

describe('cdnow_sample.csv: whole period (observation end 1998-06-30)', () => {
  it('has the reference customers, repeat customers and observation end', () => {
    expect(data.groups.table.ids.length).toBe(reference.full.customers);
    expect(full.summary.customer.length).toBe(reference.full.customers);
    expect(full.summary.repeatCustomers).toBe(reference.full.repeat_customers);
    expect(full.summary.endDay).toBe(day(reference.observation_end));
    expect(full.warnings).toEqual([]);
  });

  it('BG/NBD and Gamma-Gamma parameters equal the reference to 1e-4, log-likelihoods to 1e-6', () => {
    const { bgnbd, gammaGamma } = full.models;
    for (const name of ['r', 'alpha', 'a', 'b'] as const)
      expectRelative(bgnbd.params[name], reference.full.bgnbd[name], 1e-4, name);
    for (const name of ['p', 'q', 'v'] as const)
      expectRelative(gammaGamma.params[name], reference.full.gamma_gamma![name], 1e-4, name);
    expect(bgnbd.logLikelihood).toBeCloseTo(reference.full.bgnbd_loglik, 6);
    expect(gammaGamma.logLikelihood).toBeCloseTo(reference.full.gamma_gamma_loglik!, 6);
    expect(bgnbd.converged && gammaGamma.converged).toBe(true);
    expect(bgnbd.onBoundary).toBe(false);
  });

  it('every customer: x, t_x, T, m exact and every prediction to 1e-4 relative', () => {
    const expected = loadReferenceClvCustomers('cdnow_sample');
    const { ids } = data.groups.table;
    const { summary, predictions } = full;
    const ours: Record<ClvColumn, Float64Array> = {
      frequency: summary.x,
      recency: summary.tx,
      T: summary.T,
      monetary_value: summary.m,
      p_alive: predictions.pAlive,
      expected_purchases_90d: predictions.expectedPurchases90,
      clv_12m: predictions.clv,
      expected_avg_spend: predictions.expectedSpend,
    };
    const position = new Map(expected.ids.map((id, i) => [id, i]));
    expect(summary.customer.length).toBe(expected.ids.length);
    let worst = 0;
    summary.customer.forEach((c, i) => {
      const row = position.get(ids[c] as string);
      if (row === undefined) throw new Error(`customer ${ids[c]} is not in the reference`);
      for (const column of CLV_COLUMNS) {
        const a = ours[column][i] as number;
        const e = expected.columns[column][row] as number;
        if (column === 'frequency' || column === 'recency' || column === 'T') expect(a).toBe(e);
        else if (e === 0) expect(a).toBe(0);
        else worst = Math.max(worst, relative(a, e));
      }
    });
    expect(worst).toBeLessThanOrEqual(1e-4);
  });

  it('the sums of P(alive), expected purchases in 90 days and CLV equal the reference', () => {
    const sum = (v: Float64Array) => v.reduce((s, x) => s + x, 0);
    const { sums } = reference.full;
    expectRelative(sum(full.predictions.pAlive), sums.p_alive, 1e-6, 'p_alive');
    expectRelative(
      sum(full.predictions.expectedPurchases90),
      sums.expected_purchases_90d,
      1e-5,
      '90 days',
    );
    expectRelative(sum(full.predictions.clv), sums.clv_12m, 1e-5, 'clv');
  });
});

describe('cdnow_sample.csv: calibration end 1997-09-30, 39 weeks of holdout', () => {
  const ref = reference.calibration;

  it('parameters and log-likelihoods equal the reference', () => {
    expect(calibration.customers).toBe(ref.customers);
    expect(calibration.repeatCustomers).toBe(ref.repeat_customers);
    expect(calibration.holdoutDays).toBe(ref.holdout_length);
    for (const name of ['r', 'alpha', 'a', 'b'] as const)
      expectRelative(calibration.bgnbd.params[name], ref.bgnbd[name], 1e-4, name);
    const gg = calibration.gammaGamma!;
    for (const name of ['p', 'q', 'v'] as const)
      expectRelative(gg.params[name], ref.gamma_gamma![name], 1e-4, name);
    expect(calibration.bgnbd.logLikelihood).toBeCloseTo(ref.bgnbd_loglik, 6);
    expect(gg.logLikelihood).toBeCloseTo(ref.gamma_gamma_loglik!, 6);
  });

  it("in weeks, Fader, Hardie & Lee's published r, alpha, a, b (and Gamma-Gamma) within 1%", () => {
    const { r, alpha, a, b } = calibration.bgnbd.params;
    expectRelative(r, 0.243, 0.01, 'r');
    expectRelative(alpha / 7, 4.414, 0.01, 'alpha in weeks');
    expectRelative(a, 0.793, 0.01, 'a');
    expectRelative(b, 2.426, 0.01, 'b');
    const { p, q, v } = calibration.gammaGamma!.params;
    expectRelative(p, 6.25, 0.01, 'p');
    expectRelative(q, 3.74, 0.01, 'q');
    expectRelative(v, 15.44, 0.01, 'v');
  });

  it('the table of actual and predicted holdout purchases equals the reference', () => {
    expect(calibration.rows.map((row) => row.frequency)).toEqual(
      ref.by_calibration_frequency.map((row) => row.frequency),
    );
    calibration.rows.forEach((row, i) => {
      const expected = ref.by_calibration_frequency[i]!;
      expect(row.customers).toBe(expected.customers);
      expect(row.actual).toBeCloseTo(expected.actual, 12);
      expectRelative(row.predicted, expected.predicted, 1e-5, `predicted ${row.frequency}`);
    });
    expect(calibration.totalActual).toBe(ref.total_actual);
    expectRelative(calibration.totalPredicted, ref.total_predicted, 1e-5, 'total predicted');
  });
});

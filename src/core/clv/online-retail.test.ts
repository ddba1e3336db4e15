/**
 * The lifetime-value engine on the full UCI Online Retail file against the lifetimes reference
 * (../shared/reference/README.md "Lifetime value"). Its BG/NBD maximum is on a boundary (a -> 0):
 * r, alpha and the log-likelihood are compared, not a and b, and predictions within the about
 * 0.1% they move along the ridge (here with a margin: 0.5%).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { fileSource } from '../../node/file-source.ts';
import { prepare, type PreparedData } from '../pipeline.ts';
import {
  type ClvColumn,
  loadReferenceClv,
  loadReferenceClvCustomers,
} from '../testing/clv-reference.ts';
import { sharedPath } from '../testing/reference.ts';
import {
  clvLinesFromGroups,
  dayOf,
  DROPOUT_NOT_ESTIMABLE,
  lifetimeValue,
  type LifetimeValue,
} from './index.ts';

const reference = loadReferenceClv('online_retail');
const RIDGE = 5e-3;
const relative = (actual: number, expected: number) =>
  Math.abs(actual - expected) / Math.max(Math.abs(expected), 1e-300);
const expectRelative = (actual: number, expected: number, tolerance: number, what = '') =>
  expect(relative(actual, expected), `${what}: ${actual} vs ${expected}`).toBeLessThanOrEqual(
    tolerance,
  );
const day = (iso: string) => dayOf(Date.parse(`${iso}T00:00:00Z`));

let data: PreparedData;
let result: LifetimeValue;

beforeAll(async () => {
  data = await prepare(fileSource(sharedPath('data', 'online_retail.csv')), {}, () => undefined);
  // The defaults: the whole year, and the last quarter held out for the check.
  const outcome = lifetimeValue(clvLinesFromGroups(data.tx, data.groups));
  if (!outcome.ok) throw new Error(outcome.problem.message);
  result = outcome.value;
}, 120_000);

describe('online_retail.csv: whole year', () => {
  it('summarises the reference customers up to 2011-12-09', () => {
    expect(result.summary.customer.length).toBe(reference.full.customers);
    expect(result.summary.repeatCustomers).toBe(reference.full.repeat_customers);
    expect(result.summary.endDay).toBe(day(reference.observation_end));
  });

  it('log-likelihood at least the reference - 0.05; r and alpha to 1e-3; Gamma-Gamma to 1e-4', () => {
    const { bgnbd, gammaGamma } = result.models;
    expect(bgnbd.logLikelihood).toBeGreaterThanOrEqual(reference.full.bgnbd_loglik - 0.05);
    expectRelative(bgnbd.params.r, reference.full.bgnbd.r, 1e-3, 'r');
    expectRelative(bgnbd.params.alpha, reference.full.bgnbd.alpha, 1e-3, 'alpha');
    for (const name of ['p', 'q', 'v'] as const)
      expectRelative(gammaGamma.params[name], reference.full.gamma_gamma![name], 1e-4, name);
    expect(gammaGamma.logLikelihood).toBeCloseTo(reference.full.gamma_gamma_loglik!, 5);
  });

  it('reports the boundary, with the SPEC sentence to show next to every P(alive)', () => {
    expect(result.models.bgnbd.onBoundary).toBe(true);
    const warning = result.warnings.find((w) => w.code === 'dropout-not-estimable');
    expect(warning?.message.startsWith(DROPOUT_NOT_ESTIMABLE)).toBe(true);
    expect(DROPOUT_NOT_ESTIMABLE).toBe('The dropout process cannot be estimated from this file');
  });

  it('every customer: x, t_x, T exact, m to 1e-9, predictions within the ridge tolerance', () => {
    const expected = loadReferenceClvCustomers('online_retail');
    const { ids } = data.groups.table;
    const { summary, predictions } = result;
    const position = new Map(expected.ids.map((id, i) => [id, i]));
    const predicted: [ClvColumn, Float64Array][] = [
      ['p_alive', predictions.pAlive],
      ['expected_purchases_90d', predictions.expectedPurchases90],
      ['clv_12m', predictions.clv],
      ['expected_avg_spend', predictions.expectedSpend],
    ];
    const worst: Record<string, number> = {};
    summary.customer.forEach((c, i) => {
      const row = position.get(ids[c] as string) as number;
      expect(summary.x[i]).toBe(expected.columns.frequency[row]);
      expect(summary.tx[i]).toBe(expected.columns.recency[row]);
      expect(summary.T[i]).toBe(expected.columns.T[row]);
      const m = expected.columns.monetary_value[row] as number;
      if (m === 0) expect(summary.m[i]).toBe(0);
      else expectRelative(summary.m[i] as number, m, 1e-9, `m of ${ids[c]}`);
      for (const [name, values] of predicted)
        worst[name] = Math.max(
          worst[name] ?? 0,
          relative(values[i] as number, expected.columns[name][row] as number),
        );
    });
    for (const [name] of predicted) expect(worst[name], name).toBeLessThanOrEqual(RIDGE);
  });

  it('the sums of P(alive), expected purchases and CLV are within the ridge tolerance', () => {
    const sum = (v: Float64Array) => v.reduce((s, x) => s + x, 0);
    const { sums } = reference.full;
    expectRelative(sum(result.predictions.pAlive), sums.p_alive, RIDGE, 'p_alive');
    expectRelative(
      sum(result.predictions.expectedPurchases90),
      sums.expected_purchases_90d,
      RIDGE,
      '90 days',
    );
    expectRelative(sum(result.predictions.clv), sums.clv_12m, RIDGE, 'clv');
  });
});

describe('online_retail.csv: the default check holds out the last quarter (from 2011-09-09)', () => {
  const ref = reference.calibration;

  it('calibration end, holdout length and customers equal the reference', () => {
    expect(result.options.calibrationEndDay).toBe(day(ref.calibration_end));
    if (!result.calibration?.ok) throw new Error('no calibration check');
    const { check } = result.calibration;
    expect(check.holdoutDays).toBe(ref.holdout_length);
    expect(check.customers).toBe(ref.customers);
  });

  it('log-likelihood at least the reference - 0.05, r and alpha to 1e-3, on a boundary too', () => {
    if (!result.calibration?.ok) throw new Error('no calibration check');
    const { bgnbd } = result.calibration.check;
    expect(bgnbd.logLikelihood).toBeGreaterThanOrEqual(ref.bgnbd_loglik - 0.05);
    expectRelative(bgnbd.params.r, ref.bgnbd.r, 1e-3, 'r');
    expectRelative(bgnbd.params.alpha, ref.bgnbd.alpha, 1e-3, 'alpha');
    expect(bgnbd.onBoundary).toBe(true);
  });

  it('the table: customers and actual purchases exact, predicted within the ridge tolerance', () => {
    if (!result.calibration?.ok) throw new Error('no calibration check');
    const { check } = result.calibration;
    expect(check.rows.map((row) => row.frequency)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    check.rows.forEach((row, i) => {
      const expected = ref.by_calibration_frequency[i]!;
      expect(row.customers).toBe(expected.customers);
      expect(row.actual).toBeCloseTo(expected.actual, 12);
      expectRelative(row.predicted, expected.predicted, RIDGE, `predicted ${row.frequency}`);
    });
    expect(check.totalActual).toBe(ref.total_actual);
    expectRelative(check.totalPredicted, ref.total_predicted, RIDGE, 'total predicted');
  });
});

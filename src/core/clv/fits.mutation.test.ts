/**
 * The fits on a few dozen customers, fast enough for a mutation run (README, Mutation testing):
 * both models against scipy on 40 simulated customers (fixtures/small_fit_scipy.py), the checks
 * that decide whether a file can be fitted, the caveats of a fit, and the calibration table
 * worked out customer by customer.
 */
import { describe, expect, it } from 'vitest';
import { expectedPurchases, fitBgNbd } from './bgnbd.ts';
import { calibrationCheck, defaultCalibrationEnd } from './calibration.ts';
import { fitGammaGamma } from './gamma-gamma.ts';
import { checkHistories, fitModels, spendData } from './models.ts';
import { simulateLines } from './simulate.testing.ts';
import { M, summary, T, TX, X } from './small-fit.testing.ts';
import { type ClvLines, DAY_MS, purchaseDaysBetween, summariseCustomers } from './summary.ts';

const relative = (actual: number, expected: number) => Math.abs(actual / expected - 1);

describe('fitModels on 40 customers, against scipy', () => {
  it('finds the maximum scipy finds for both models, with no caveat', () => {
    const outcome = fitModels(summary());
    if (!outcome.ok) throw new Error(outcome.problem.message);
    const { bgnbd, gammaGamma, spendCustomers, warnings } = outcome.models;
    // scipy 1.10, fixtures/small_fit_scipy.py: Nelder-Mead then BFGS on log-parameters.
    const bg = { r: 0.5509984772, alpha: 17.979885016, a: 1.9759447653, b: 9.2344127823 };
    for (const name of ['r', 'alpha', 'a', 'b'] as const)
      expect(relative(bgnbd.params[name], bg[name]), name).toBeLessThan(1e-5);
    expect(bgnbd.logLikelihood).toBeCloseTo(-681.3190416464487, 8);
    expect(bgnbd.onBoundary).toBe(false);
    expect(bgnbd.converged).toBe(true);
    const gg = { p: 2.1272675898, q: 5.5654014537, v: 203.76870288 };
    for (const name of ['p', 'q', 'v'] as const)
      expect(relative(gammaGamma.params[name], gg[name]), name).toBeLessThan(1e-5);
    expect(gammaGamma.logLikelihood).toBeCloseTo(-164.34958465319912, 8);
    expect(gammaGamma.converged).toBe(true);
    expect(spendCustomers).toBe(31);
    expect(warnings).toEqual([]);
  });

  it('fits each model to its own data: the spend model to repeat customers with m > 0 only', () => {
    // Two repeat customers with refunds (m <= 0) and two more one-time buyers.
    const s = summary([...X, 3, 1, 0, 0], [...TX, 40, 10, 0, 0], [...T, 100, 90, 80, 70], [...M, -5, 0, 0, 0]); // prettier-ignore
    const outcome = fitModels(s);
    if (!outcome.ok) throw new Error(outcome.problem.message);
    expect(outcome.models.spendCustomers).toBe(31);
    expect(outcome.models.gammaGamma.params).toEqual(fitGammaGamma(spendData(s).data).params);
    expect(outcome.models.bgnbd.params).toEqual(fitBgNbd(s).params);
    expect(outcome.models.warnings.map((w) => w.code)).toEqual(['nonpositive-spend']);
    expect(outcome.models.warnings[0]?.message).toContain('2 repeat customers');
  });

  it('says when the dropout process is not estimable (no customer has stopped)', () => {
    // Everyone buys regularly right up to the end of the period: a -> 0, on the boundary.
    const n = 30;
    const t = Array.from({ length: n }, (_, i) => 100 + 7 * i);
    const x = t.map((v, i) => Math.floor(v / (5 + (i % 7) * 3)));
    const tx = t.map((v, i) => v - (i % 3));
    const outcome = fitModels(
      summary(
        x,
        tx,
        t,
        x.map((_, i) => 20 + i),
      ),
    );
    if (!outcome.ok) throw new Error(outcome.problem.message);
    expect(outcome.models.bgnbd.onBoundary).toBe(true);
    // On the boundary the optimiser may stop early: no "not converged" caveat for that.
    expect(outcome.models.warnings.map((w) => w.code)).toEqual(['dropout-not-estimable']);
  });

  it('refuses a spend model whose population mean is infinite (q <= 1)', () => {
    // 25 customers with 20 repeat days each, their means spread over five orders of magnitude.
    const x = Array.from({ length: 25 }, () => 20);
    const m = x.map((_, i) => 10 ** (i / 5));
    const outcome = fitModels(
      summary(
        x,
        x.map(() => 200),
        x.map(() => 210),
        m,
      ),
    );
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.problem.code).toBe('spend-unbounded');
  });

  it('says how many repeat customers have no positive spend when too few are left', () => {
    const m = M.map((v, i) => (i < 16 ? 0 : v)); // 12 of the first 16 are repeat customers: 19 left
    const outcome = fitModels(summary(X, TX, T, m));
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.problem.code).toBe('nonpositive-spend');
    expect(outcome.problem.message).toContain('12 repeat customers');
  });
});

describe('checkHistories and spendData at their edges', () => {
  const histories = (purchaseDays: number, repeatCustomers: number) => ({
    customer: new Int32Array(50),
    purchaseDays,
    repeatCustomers,
  });

  it.each([
    [0, 0, 'single-day'],
    [1, 0, 'single-day'],
    [1, 30, 'single-day'],
    [2, 0, 'no-repeat-customers'],
    [2, 1, 'few-repeat-customers'],
    [40, 19, 'few-repeat-customers'],
    [40, 20, null],
  ])('%i purchase days, %i repeat customers: %s', (days, repeat, code) =>
    expect(checkHistories(histories(days, repeat))?.code ?? null).toBe(code),
  );

  it('names the customers in each message', () => {
    expect(checkHistories(histories(5, 0))?.message).toContain('All 50 customers');
    expect(checkHistories(histories(5, 7))?.message).toContain('Only 7 customers');
  });

  it('keeps repeat customers with m > 0, counts the others, and needs 20', () => {
    const x = [0, 1, 2, 3, 0, 4];
    const m = [5, 10, 0, -2, 0, 0.5];
    const s = spendData({ x: Float64Array.from(x), m: Float64Array.from(m) });
    expect(Array.from(s.data.x)).toEqual([1, 4]);
    expect(Array.from(s.data.m)).toEqual([10, 0.5]);
    expect(s.leftOut).toBe(2);
    expect(s.enough).toBe(false);
    const twenty = Array.from({ length: 20 }, () => 1);
    expect(spendData({ x: Float64Array.from(twenty), m: Float64Array.from(twenty) }).enough).toBe(true); // prettier-ignore
    const nineteen = twenty.slice(1);
    expect(spendData({ x: Float64Array.from(nineteen), m: Float64Array.from(nineteen) }).enough).toBe(false); // prettier-ignore
  });
});

describe('defaultCalibrationEnd: three calendar months back', () => {
  const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY_MS;
  it.each([
    ['2011-12-09', '2011-09-09'],
    ['2011-05-31', '2011-02-28'],
    ['2012-05-31', '2012-02-29'],
    ['2012-02-15', '2011-11-15'],
    ['2011-07-31', '2011-04-30'],
    ['2011-03-31', '2010-12-31'],
  ])('%s -> %s', (end, expected) => expect(defaultCalibrationEnd(day(end))).toBe(day(expected)));
});

describe('calibrationCheck, customer by customer', () => {
  const start = Date.UTC(2011, 0, 1) / DAY_MS;
  const lines = simulateLines({
    customers: 60,
    joinDays: 150,
    days: 300,
    bg: { r: 0.8, alpha: 15, a: 0.7, b: 3 },
    gg: { p: 5, q: 4, v: 60 },
    seed: 11,
  });
  const calibrationEnd = start + 200;

  it('groups customers by calibration frequency 0..5 and 6+, with the holdout and the fit', () => {
    const outcome = calibrationCheck(lines, calibrationEnd);
    if (!outcome.ok) throw new Error(outcome.problem.message);
    const check = outcome.check;
    const cal = summariseCustomers(lines, calibrationEnd);
    const end = summariseCustomers(lines).endDay;
    expect(check.observationEndDay).toBe(end);
    expect(check.holdoutDays).toBe(end - calibrationEnd);
    expect(check.calibrationEndDay).toBe(calibrationEnd);
    expect(check.customers).toBe(cal.customer.length);
    expect(check.repeatCustomers).toBe(cal.repeatCustomers);
    expect(check.bgnbd.params).toEqual(fitBgNbd(cal).params);
    expect(check.gammaGamma).toBeNull();

    const holdout = purchaseDaysBetween(lines, calibrationEnd, end);
    const rows = new Map<number, { customers: number; actual: number; predicted: number }>();
    let totalActual = 0;
    let totalPredicted = 0;
    cal.x.forEach((x, i) => {
      const group = Math.min(x, 6);
      const seen = holdout[cal.customer[i]!]!;
      const expected = expectedPurchases(check.bgnbd.params, end - calibrationEnd, x, cal.tx[i]!, cal.T[i]!); // prettier-ignore
      const row = rows.get(group) ?? { customers: 0, actual: 0, predicted: 0 };
      rows.set(group, { customers: row.customers + 1, actual: row.actual + seen, predicted: row.predicted + expected }); // prettier-ignore
      totalActual += seen;
      totalPredicted += expected;
    });
    const expected = [...rows.entries()]
      .sort(([a], [b]) => a - b)
      .map(([frequency, r]) => ({
        frequency,
        customers: r.customers,
        actual: r.actual / r.customers,
        predicted: r.predicted / r.customers,
      }));
    expect(expected.length).toBeGreaterThanOrEqual(6);
    expect(check.rows.map((r) => [r.frequency, r.customers])).toEqual(expected.map((r) => [r.frequency, r.customers])); // prettier-ignore
    check.rows.forEach((r, k) => {
      expect(r.actual).toBeCloseTo(expected[k]!.actual, 12);
      expect(r.predicted).toBeCloseTo(expected[k]!.predicted, 12);
    });
    expect(check.totalActual).toBe(totalActual);
    expect(check.totalPredicted).toBeCloseTo(totalPredicted, 10);
    expect(totalActual).toBeGreaterThan(0);
  });

  it('fits the spend model to the calibration period only when asked', () => {
    const outcome = calibrationCheck(lines, calibrationEnd, start + 260, true);
    if (!outcome.ok) throw new Error(outcome.problem.message);
    expect(outcome.check.holdoutDays).toBe(60);
    const cal = summariseCustomers(lines, calibrationEnd);
    expect(outcome.check.gammaGamma?.params).toEqual(fitGammaGamma(spendData(cal).data).params);
  });

  it('needs lines before the calibration end and time after it', () => {
    const end = summariseCustomers(lines).endDay;
    for (const [calEnd, obsEnd] of [
      [end, undefined],
      [calibrationEnd, calibrationEnd],
      [start - 1, undefined],
    ] as const) {
      const outcome = calibrationCheck(lines, calEnd, obsEnd);
      expect(outcome.ok).toBe(false);
      if (!outcome.ok) expect(outcome.problem.code).toBe('calibration-period');
    }
  });

  it('passes on why the calibration period cannot be fitted', () => {
    const early: ClvLines = {
      customer: Int32Array.of(0, 0, 1, 2),
      timestamp: Float64Array.of(start, start + 3, start + 1, start + 90).map((d) => d * DAY_MS),
      total: Float64Array.of(1, 2, 3, 4),
      customerCount: 3,
    };
    const outcome = calibrationCheck(early, start + 30);
    if (outcome.ok) throw new Error('fitted');
    expect(outcome.problem.code).toBe('few-repeat-customers');
  });
});

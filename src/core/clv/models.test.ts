/**
 * Fitting as a whole: parameters recovered from data the models themselves generated, and the
 * specific messages for files the models cannot be fitted to (issue 12, "Edge cases").
 */
import { describe, expect, it } from 'vitest';
import { calibrationCheck } from './calibration.ts';
import { lifetimeValue } from './index.ts';
import { MIN_REPEAT_CUSTOMERS } from './messages.ts';
import { simulateLines, START_DAY } from './simulate.testing.ts';
import { type ClvLines, DAY_MS } from './summary.ts';

const BG = { r: 0.5, alpha: 20, a: 0.7, b: 3 };
const GG = { p: 5, q: 4, v: 60 };
const simulated = simulateLines({
  customers: 3000,
  joinDays: 180,
  days: 365,
  bg: BG,
  gg: GG,
  seed: 7,
});

/** Lines from [customer, day, total] triples, days counted from 2011-01-01, bought at noon. */
const fromTriples = (triples: [number, number, number][]): ClvLines => ({
  customer: Int32Array.from(triples, ([c]) => c),
  timestamp: Float64Array.from(triples, ([, d]) => (START_DAY + d + 0.5) * DAY_MS),
  total: Float64Array.from(triples, ([, , t]) => t),
  customerCount: triples.reduce((m, [c]) => Math.max(m, c + 1), 0),
});

describe('fitting simulated customers', () => {
  it('recovers the parameters that generated 3,000 customers (within sampling error)', () => {
    const outcome = lifetimeValue(simulated, { calibrationEndDay: null });
    if (!outcome.ok) throw new Error(outcome.problem.message);
    const { bgnbd, gammaGamma } = outcome.value.models;
    // Seeded: the estimates of this one sample (2,201 repeat customers). Same-day purchases merge
    // into one purchase day, which biases slightly; v is loosely identified on its own, so the
    // population mean spend v p / (q - 1) is checked instead.
    for (const name of ['r', 'alpha', 'a', 'b'] as const)
      expect(Math.abs(Math.log(bgnbd.params[name] / BG[name])), name).toBeLessThan(0.25);
    for (const name of ['p', 'q'] as const)
      expect(Math.abs(Math.log(gammaGamma.params[name] / GG[name])), name).toBeLessThan(0.25);
    const meanSpend = ({ p, q, v }: typeof GG) => (v * p) / (q - 1);
    expect(meanSpend(gammaGamma.params) / meanSpend(GG)).toBeCloseTo(1, 1);
    expect(bgnbd.onBoundary).toBe(false);
    expect(outcome.value.warnings).toEqual([]);
  });

  it('the calibration check predicts the holdout of its own process to within 10% in total', () => {
    const check = calibrationCheck(simulated, START_DAY + 270);
    if (!check.ok) throw new Error(check.problem.message);
    const { totalActual, totalPredicted } = check.check;
    expect(Math.abs(totalPredicted / totalActual - 1)).toBeLessThan(0.1);
  });
});

describe('files the models cannot be fitted to', () => {
  it('every purchase on one day', () => {
    const outcome = lifetimeValue(
      fromTriples([
        [0, 5, 10],
        [1, 5, 12],
        [2, 5, 8],
      ]),
    );
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.problem.code).toBe('single-day');
    expect(outcome.problem.message).toContain('same day');
  });

  it('everyone bought once (on different days)', () => {
    const outcome = lifetimeValue(
      fromTriples(Array.from({ length: 30 }, (_, c) => [c, c * 3, 10] as [number, number, number])),
    );
    if (outcome.ok) throw new Error('fitted');
    expect(outcome.problem.code).toBe('no-repeat-customers');
    expect(outcome.problem.message).toContain('All 30 customers bought on a single day');
  });

  it('too few repeat customers, saying how many are needed', () => {
    const triples: [number, number, number][] = [];
    for (let c = 0; c < 40; c++) triples.push([c, c, 10]);
    for (let c = 0; c < 5; c++) triples.push([c, 60 + c, 12]);
    const outcome = lifetimeValue(fromTriples(triples));
    if (outcome.ok) throw new Error('fitted');
    expect(outcome.problem.code).toBe('few-repeat-customers');
    expect(outcome.problem.message).toContain('Only 5 customers bought on more than one day');
    expect(outcome.problem.message).toContain(`at least ${MIN_REPEAT_CUSTOMERS}`);
  });

  it('zero or negative repeat spend: those customers are left out of the spend model, and told', () => {
    const refunds: [number, number, number][] = [
      [3000, 10, 50],
      [3000, 40, -20],
      [3001, 12, 30],
      [3001, 50, 0],
    ];
    const lines = fromTriples([
      ...Array.from(simulated.customer, (c, i): [number, number, number] => [
        c,
        (simulated.timestamp[i] as number) / DAY_MS - START_DAY - 0.5,
        simulated.total[i] as number,
      ]),
      ...refunds,
    ]);
    const outcome = lifetimeValue(lines, { calibrationEndDay: null });
    if (!outcome.ok) throw new Error(outcome.problem.message);
    const warning = outcome.value.warnings.find((w) => w.code === 'nonpositive-spend');
    expect(warning?.message).toContain('2 repeat customers have zero or negative spend');
    expect(outcome.value.models.spendCustomers).toBe(outcome.value.summary.repeatCustomers - 2);
    // They still get a value, from the population's spend.
    const last = outcome.value.summary.customer.length - 1;
    expect(outcome.value.predictions.expectedSpend[last]).toBeGreaterThan(0);
  });

  it('only non-positive repeat spend: the spend model cannot be fitted', () => {
    const triples: [number, number, number][] = [];
    for (let c = 0; c < 30; c++) triples.push([c, c, 10], [c, 100 + c, 0]);
    const outcome = lifetimeValue(fromTriples(triples));
    if (outcome.ok) throw new Error('fitted');
    expect(outcome.problem.code).toBe('nonpositive-spend');
    expect(outcome.problem.message).toContain('30 repeat customers have zero or negative spend');
  });

  it('a calibration end that leaves no holdout, or nothing before it', () => {
    for (const end of [START_DAY + 400, START_DAY - 1]) {
      const check = calibrationCheck(simulated, end);
      expect(check.ok).toBe(false);
      if (!check.ok) expect(check.problem.code).toBe('calibration-period');
    }
  });
});

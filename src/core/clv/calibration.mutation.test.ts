/**
 * The calibration table when some calibration frequencies have no customer (README "Mutation
 * testing": every earlier test filled every group). 25 customers written by hand: customer i
 * first buys on day i, then on (0, 1, 2, 5, 8)[i % 5] more days 10 apart, all before the
 * calibration end (day 150), and on i % 3 days of the holdout (days 151 to 200). No customer has
 * 3 or 4 repeat days, and 8 falls in the "6 or more" row.
 */
import { describe, expect, it } from 'vitest';
import { expectedPurchases } from './bgnbd.ts';
import { calibrationCheck } from './calibration.ts';
import { type ClvLines, DAY_MS, summariseCustomers } from './summary.ts';

const START = Date.UTC(2011, 0, 1) / DAY_MS;
const REPEATS = [0, 1, 2, 5, 8];
const CUSTOMERS = 25;

function lines(): ClvLines {
  const customer: number[] = [];
  const day: number[] = [];
  for (let i = 0; i < CUSTOMERS; i++) {
    const first = START + i;
    for (let j = 0; j <= REPEATS[i % 5]!; j++) {
      customer.push(i);
      day.push(first + 10 * j);
    }
    for (let j = 0; j < i % 3; j++) {
      customer.push(i);
      day.push(START + 151 + 5 * j);
    }
  }
  return {
    customer: Int32Array.from(customer),
    timestamp: Float64Array.from(day, (d) => d * DAY_MS + 3_600_000),
    total: Float64Array.from(day, (_, k) => 10 + (k % 7)),
    customerCount: CUSTOMERS,
  };
}

describe('calibrationCheck with empty frequency groups', () => {
  it('leaves out the frequencies nobody has, and averages each row over its own customers', () => {
    const all = lines();
    const calibrationEnd = START + 150;
    const outcome = calibrationCheck(all, calibrationEnd, START + 200);
    if (!outcome.ok) throw new Error(outcome.problem.message);
    const check = outcome.check;
    expect(check.holdoutDays).toBe(50);
    expect(check.customers).toBe(25);
    expect(check.repeatCustomers).toBe(20);
    // Rows 0, 1, 2, 5 and 6+ (the customers with 8); five customers each. Holdout days by i % 3
    // of the customers i = g, g + 5, ..., g + 20 of group g = i % 5: (0+2+1+0+2)/5 = 1,
    // (1+0+2+1+0)/5 = 0.8, (2+1+0+2+1)/5 = 1.2, then 1 and 0.8 again.
    expect(check.rows.map((r) => [r.frequency, r.customers, r.actual])).toEqual([
      [0, 5, 1],
      [1, 5, 0.8],
      [2, 5, 1.2],
      [5, 5, 1],
      [6, 5, 0.8],
    ]);
    expect(check.totalActual).toBe(24);

    // Predicted: the mean E[N(50)] of each row's own five customers under the calibration fit.
    const cal = summariseCustomers(all, calibrationEnd);
    check.rows.forEach((row, k) => {
      const group = [0, 1, 2, 3, 4][k]!;
      let sum = 0;
      for (let i = group; i < CUSTOMERS; i += 5)
        sum += expectedPurchases(check.bgnbd.params, 50, cal.x[i]!, cal.tx[i]!, cal.T[i]!);
      expect(cal.x[group]).toBe(REPEATS[group]);
      expect(row.predicted).toBeCloseTo(sum / 5, 12);
      expect(Number.isFinite(row.predicted) && row.predicted > 0).toBe(true);
    });
    const predicted = check.rows.reduce((s, r) => s + r.predicted * r.customers, 0);
    expect(check.totalPredicted).toBeCloseTo(predicted, 10);
  });
});

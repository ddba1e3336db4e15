/** Per-segment value, value at risk and "valuable but slipping", on hand-computed cases. */
import { describe, expect, it } from 'vitest';
import { slippingCustomers, valueBySegment } from './segments.ts';

// Six customers: clv, P(alive), expected orders in 90 days; customer 5 has no prediction.
const values = {
  clv: Float64Array.of(100, 40, 300, 10, 500, NaN),
  pAlive: Float64Array.of(0.9, 0.3, 0.45, 0.2, 0.95, NaN),
  expectedPurchases90: Float64Array.of(1, 0.5, 2, 0.1, 3, NaN),
};
const labels = Int32Array.of(0, 0, 1, 1, 1, 0);

describe('valueBySegment', () => {
  it('sums, means and the value at risk below the threshold, per segment', () => {
    const [s0, s1] = valueBySegment(values, labels, 2, 0.5);
    expect(s0).toEqual({
      segment: 0,
      customers: 2,
      totalClv: 140,
      meanClv: 70,
      meanPAlive: 0.6,
      expectedOrders90: 1.5,
      atRiskCustomers: 1,
      atRiskClv: 40,
    });
    expect(s1).toMatchObject({ customers: 3, totalClv: 810, meanClv: 270 });
    expect(s1!.meanPAlive).toBeCloseTo(1.6 / 3, 12);
    expect(s1!.expectedOrders90).toBeCloseTo(5.1, 12);
    expect(s1).toMatchObject({ atRiskCustomers: 2, atRiskClv: 310 });
  });

  it('the threshold is strict, a segment without customers is zeros, noise labels are left out', () => {
    const rows = valueBySegment(values, Int32Array.of(0, -1, 0, 0, 0, 0), 2, 0.45);
    expect(rows[0]).toMatchObject({ customers: 4, atRiskCustomers: 1, atRiskClv: 10 });
    expect(rows[1]).toMatchObject({ customers: 0, meanClv: 0, meanPAlive: 0, atRiskClv: 0 });
  });
});

describe('slippingCustomers', () => {
  it('top 20% by value (at least the value at that rank) and P(alive) below the threshold', () => {
    // Known values sorted: 10, 40, 100, 300, 500; rank floor(5 x 0.8) = 4: valuable from 500.
    expect(slippingCustomers(values, 0.5)).toEqual({
      customers: Int32Array.of(),
      valuableFrom: 500,
      atRiskBelow: 0.5,
    });
    // Top 60%: rank floor(5 x 0.4) = 2, valuable from 100; of 100, 300, 500 only 300 is < 0.5.
    expect(Array.from(slippingCustomers(values, 0.5, 0.6).customers)).toEqual([2]);
    // A higher threshold takes 500 (0.95) and 100 (0.9) too, highest value first.
    const all = slippingCustomers(values, 0.99, 0.6);
    expect(Array.from(all.customers)).toEqual([4, 2, 0]);
    expect(all.valuableFrom).toBe(100);
  });

  it('no customer with a prediction: nobody is valuable', () => {
    const none = { clv: Float64Array.of(NaN), pAlive: Float64Array.of(NaN) };
    expect(slippingCustomers(none).customers).toHaveLength(0);
    expect(slippingCustomers(none).valuableFrom).toBe(Infinity);
  });
});

/**
 * The warm start of `fitLogistic` above 4,000 customers (README "Mutation testing": untested).
 * Copying every customer 8 times and dividing C by 8 leaves the optimum where it was: the mean
 * objective (1/n) sum loss + 1/(2 C n) |W|^2 is the same function. So a fit of 8 x 600 = 4,800
 * copies must give the coefficients of the 600 customers, and its warm start, solved on every
 * 8th customer of each segment, is (to its loose tolerance) that optimum already: the fit on all
 * 4,800 then needs at most two Newton steps where the cold fit needs more.
 */
import { describe, expect, it } from 'vitest';
import type { Points } from '../types.ts';
import { fitLogistic } from './logistic.ts';

const SEGMENTS = 3;

/** `n` customers in 2 features, segment i % 3, overlapping clouds around three centres. */
function customers(n: number): { points: Points; labels: Int32Array } {
  const centres = [
    [0, 0],
    [2, 1],
    [0.5, 2.5],
  ];
  const values = new Float64Array(n * 2);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const s = i % SEGMENTS;
    labels[i] = s;
    // Deterministic scatter in [-1.5, 1.5]: the clouds overlap, so the optimum is finite and
    // Newton from zero takes several steps.
    values[2 * i] = centres[s]![0]! + 1.5 * Math.sin(i * 12.9898 + 1);
    values[2 * i + 1] = centres[s]![1]! + 1.5 * Math.sin(i * 78.233 + 2);
  }
  return { points: { count: n, dims: 2, values }, labels };
}

/**
 * Each customer copied `times` times. Contiguous: the copies of one customer in a row. Otherwise,
 * per three customers (segments 0, 1, 2), the copies of the first two alternate and then come
 * the third's: every `times`-th customer of each segment is still one copy of each customer,
 * but every `times`-th customer of the file would miss segment 1.
 */
function copied(data: { points: Points; labels: Int32Array }, times: number, contiguous = true) {
  const order: number[] = [];
  const n = data.points.count;
  if (contiguous) for (let i = 0; i < n; i++) order.push(...Array<number>(times).fill(i));
  else
    for (let t = 0; t < n; t += SEGMENTS) {
      for (let k = 0; k < times; k++) order.push(t, t + 1);
      order.push(...Array<number>(times).fill(t + 2));
    }
  const values = new Float64Array(order.length * 2);
  order.forEach((original, i) =>
    values.set(data.points.values.subarray(2 * original, 2 * original + 2), 2 * i),
  );
  const labels = Int32Array.from(order, (original) => data.labels[original]!);
  return { points: { count: order.length, dims: 2, values }, labels };
}

const gap = (a: Float64Array, b: Float64Array) =>
  a.reduce((max, x, i) => Math.max(max, Math.abs(x - b[i]!)), 0);

describe('fitLogistic above 4,000 customers: the warm start', () => {
  it('gives the cold fit of the same optimum, in at most two full Newton steps', () => {
    const small = customers(600);
    const cold = fitLogistic(small.points, small.labels, SEGMENTS);
    expect(cold.converged).toBe(true);
    expect(cold.iterations).toBeGreaterThanOrEqual(4);
    const big = copied(small, 8, false);
    expect(big.points.count).toBe(4800);
    const warm = fitLogistic(big.points, big.labels, SEGMENTS, { c: 1 / 8 });
    expect(warm.converged).toBe(true);
    expect(warm.iterations).toBeLessThanOrEqual(2);
    expect(gap(warm.coefficients, cold.coefficients)).toBeLessThan(1e-7);
    expect(gap(warm.intercepts, cold.intercepts)).toBeLessThan(1e-7);
  });

  it('4,000 customers are still fitted from zero: the same steps as the 500 they copy', () => {
    const small = customers(500);
    const cold = fitLogistic(small.points, small.labels, SEGMENTS);
    const big = copied(small, 8);
    expect(big.points.count).toBe(4000);
    const same = fitLogistic(big.points, big.labels, SEGMENTS, { c: 1 / 8 });
    expect(same.iterations).toBe(cold.iterations);
    expect(gap(same.coefficients, cold.coefficients)).toBeLessThan(1e-9);
  });
});

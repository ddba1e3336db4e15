import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Points } from '../types.ts';
import { type FitFixture, relativeGap } from '../testing/logistic-gap.ts';
import { fitLogistic, type LogisticModel, predictLogistic } from './logistic.ts';

const fixture = JSON.parse(
  readFileSync(new URL('../validation/fixtures/audit.sklearn.json', import.meta.url), 'utf8'),
) as { datasets: FitFixture[] };

const arr = (xs: ArrayLike<number>) => Array.from(xs);

function pointsOf(ds: FitFixture): Points {
  return { count: ds.count, dims: ds.dims, values: Float64Array.from(ds.points) };
}

/** Each customer's probability of each segment (row-major n x k): the softmax of the scores. */
function softmaxOf(model: LogisticModel, points: Points): Float64Array {
  const { k, dims: d, coefficients, intercepts } = model;
  const out = new Float64Array(points.count * k);
  for (let i = 0; i < points.count; i++) {
    const scores = Array.from({ length: k }, (_, s) => {
      let score = intercepts[s]!;
      if (score !== -Infinity)
        for (let j = 0; j < d; j++) score += coefficients[s * d + j]! * points.values[i * d + j]!;
      return score;
    });
    const max = Math.max(...scores);
    const exps = scores.map((x) => Math.exp(x - max));
    const sum = exps.reduce((a, b) => a + b, 0);
    exps.forEach((x, s) => (out[i * k + s] = x / sum));
  }
  return out;
}

describe('fitLogistic against scikit-learn (multinomial, C = 1)', () => {
  it.each(fixture.datasets.map((ds) => [ds.name, ds] as const))(
    '%s: coefficients, intercepts, probabilities and predictions',
    (_, ds) => {
      const points = pointsOf(ds);
      const model = fitLogistic(points, Int32Array.from(ds.labels), ds.k);
      expect(model.converged).toBe(true);
      // sklearn's lbfgs stops on its objective tolerance, ~1e-6 to 1e-4 short of the optimum
      // (sklearn_gap); we match the optimum itself to 1e-8 and sklearn within its own gap.
      expect(ds.sklearn_gap).toBeLessThan(1e-4);
      expect(relativeGap(model, ds.exact)).toBeLessThan(1e-10);
      expect(relativeGap(model, ds)).toBeLessThan(1.01 * ds.sklearn_gap + 1e-8);
      expect(model.intercepts.reduce((s, b) => s + b, 0)).toBeCloseTo(0, 12);

      const probabilities = softmaxOf(model, points);
      ds.probabilities.forEach((row, r) => {
        const i = r * ds.probability_stride;
        row.forEach((p, c) => expect(probabilities[i * ds.k + c]).toBeCloseTo(p, 4));
      });
      expect(arr(predictLogistic(model, points))).toEqual(ds.predicted);
    },
  );

  it('perfectly separable data: the penalty keeps the coefficients finite', () => {
    const ds = fixture.datasets.find((d) => d.name === 'separable2d')!;
    const model = fitLogistic(pointsOf(ds), Int32Array.from(ds.labels), ds.k);
    expect(arr(model.coefficients).every(Number.isFinite)).toBe(true);
    expect(Math.max(...arr(model.coefficients).map(Math.abs))).toBeLessThan(10);
    expect(arr(predictLogistic(model, pointsOf(ds)))).toEqual(ds.labels);
  });
});

describe('fitLogistic edge cases', () => {
  const line: Points = { count: 6, dims: 1, values: Float64Array.of(0, 1, 2, 10, 11, 12) };

  it('a segment with no customers gets intercept -Infinity and is never predicted', () => {
    // Segments 0 and 2 only, k = 3: fitted as the two-segment problem, segment 1 left out.
    const labels = Int32Array.of(0, 0, 0, 2, 2, 2);
    const model = fitLogistic(line, labels, 3);
    const twoSegments = fitLogistic(line, Int32Array.of(0, 0, 0, 1, 1, 1), 2);
    expect(model.intercepts[1]).toBe(-Infinity);
    expect(model.coefficients[1]).toBe(0);
    expect(model.coefficients[0]).toBeCloseTo(twoSegments.coefficients[0]!, 12);
    expect(model.coefficients[2]).toBeCloseTo(twoSegments.coefficients[1]!, 12);
    expect(arr(predictLogistic(model, line))).toEqual(arr(labels));
    const probabilities = softmaxOf(model, line);
    for (let i = 0; i < 6; i++) {
      expect(probabilities[i * 3 + 1]).toBe(0);
      expect(probabilities[i * 3]! + probabilities[i * 3 + 2]!).toBeCloseTo(1, 15);
    }
  });

  it('a single segment present: predicts it for everyone; bad input throws', () => {
    const model = fitLogistic(line, new Int32Array(6).fill(1), 2);
    expect(model.converged).toBe(true);
    expect(arr(predictLogistic(model, line))).toEqual([1, 1, 1, 1, 1, 1]);
    expect(() => fitLogistic(line, Int32Array.of(0, 1, 2, 0, 1, 2), 2)).toThrow(RangeError);
    expect(() => fitLogistic(line, Int32Array.of(0, 1), 2)).toThrow(RangeError);
    expect(() => fitLogistic(line, Int32Array.of(0, 0, 0, 1, 1, 1), 2, { c: 0 })).toThrow(
      RangeError,
    );
    expect(() =>
      predictLogistic(model, { count: 1, dims: 2, values: new Float64Array(2) }),
    ).toThrow(RangeError);
  });

  it('a tie goes to the lower segment, as numpy argmax; probabilities are the softmax', () => {
    // Segments 0 and 2 score x, segment 1 scores 0: at x = 0 all tie, at x = 1 segments 0 and 2.
    const model: LogisticModel = {
      k: 3,
      dims: 1,
      coefficients: Float64Array.of(1, 0, 1),
      intercepts: Float64Array.of(0, 0, 0),
      iterations: 0,
      converged: true,
      gradient: 0,
    };
    const at: Points = { count: 3, dims: 1, values: Float64Array.of(0, 1, -1) };
    expect(arr(predictLogistic(model, at))).toEqual([0, 0, 1]);
    const e = Math.E;
    const expected = [1 / 3, 1 / 3, 1 / 3, e / (2 * e + 1), 1 / (2 * e + 1), e / (2 * e + 1)];
    arr(softmaxOf(model, at))
      .slice(0, 6)
      .forEach((p, i) => expect(p).toBeCloseTo(expected[i]!, 15));
  });

  it('a smaller C (stronger penalty) shrinks the coefficients', () => {
    const labels = Int32Array.of(0, 0, 0, 1, 1, 1);
    const loose = fitLogistic(line, labels, 2, { c: 1 });
    const tight = fitLogistic(line, labels, 2, { c: 0.01 });
    expect(Math.abs(tight.coefficients[1]!)).toBeLessThan(Math.abs(loose.coefficients[1]!));
  });
});
